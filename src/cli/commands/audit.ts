/**
 * `justera audit check [--db <postgres URL or SQLite file>] [--json]`: walks every extract's audit hash chain
 * and names each broken link. Exit 0 when every chain holds, 1 when any link is broken.
 */
import type { Command } from 'commander';
import { loadServiceConfig } from '../../config/service-config';
import { openDatabase, type DatabaseTarget } from '../../storage/db';
import { checkAuditChains } from '../../use-cases/audit-chain';
import { EXIT_NEGATIVE, EXIT_OK } from '../exit-codes';
import { resolve } from 'node:path';

interface AuditCheckOptions {
  db?: string;
  extract?: string[];
  json?: boolean;
}

function targetOf(db: string | undefined): DatabaseTarget {
  if (db === undefined) return loadServiceConfig(process.env).database;
  if (/^postgres(ql)?:\/\//.test(db)) return { kind: 'postgres', url: db, poolMax: 2 };
  return { kind: 'sqlite', file: resolve(db) };
}

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('The audit trail of the justering service.');
  audit
    .command('check')
    .description('Check every extract\u2019s audit hash chain and name any broken link.')
    .option('--db <url-or-file>', 'a postgres:// URL or a SQLite file (default: DATABASE_URL, or DATA_DIR/justera.sqlite)')
    .option('--extract <id...>', 'check only these extracts')
    .option('--json', 'print the result as JSON')
    .action(async (options: AuditCheckOptions) => {
      const db = await openDatabase(targetOf(options.db));
      try {
        const result = await checkAuditChains(db.knex, options.extract);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        } else {
          for (const broken of result.breaks) process.stdout.write(`BROKEN  extract ${broken.extractId} event ${broken.seq}: ${broken.reason}\n`);
          process.stdout.write(`${result.extractsChecked} extracts, ${result.eventsChecked} events checked: ${result.breaks.length === 0 ? 'every chain holds' : `${result.breaks.length} broken link(s)`}\n`);
        }
        process.exitCode = result.breaks.length === 0 ? EXIT_OK : EXIT_NEGATIVE;
      } finally {
        await db.close();
      }
    });
}
