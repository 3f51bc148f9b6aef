/**
 * `justera export <extract-id> [-o file.zip] [--db <url-or-file>]`: the archivist's evidence package of a
 * justerad extract (src/documents/evidence-package.ts), read from the service's database and keys folder.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { systemClock } from '../../clock';
import { loadServiceConfig } from '../../config/service-config';
import { loadKeys } from '../../ca/keys-folder';
import { migrateToLatest, openDatabase, type DatabaseTarget } from '../../storage/db';
import { signerIdentityPolicy } from '../../config/pseudonym-secret';
import { buildEvidencePackage } from '../../engines/evidence-export';
import { serviceTsa, timestamperFor } from '../../engines/signing-context';
import { keysDirOf, keysOption } from '../common-options';
import { EXIT_OK } from '../exit-codes';

interface ExportOptions {
  output?: string;
  db?: string;
  keys?: string;
}

function targetOf(db: string | undefined, fallback: DatabaseTarget): DatabaseTarget {
  if (db === undefined) return fallback;
  if (/^postgres(ql)?:\/\//.test(db)) return { kind: 'postgres', url: db, poolMax: 2 };
  return { kind: 'sqlite', file: resolve(db) };
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('Write the evidence package of a justerad extract: final PDF, every revision, audit trail, verification report (JSON and PDF/A), certificates and CRLs.')
    .argument('<extract-id>', 'the extract id (as the service names it)')
    .option('-o, --output <file>', 'the zip to write (default: bevispaket-<id>.zip)')
    .option('--db <url-or-file>', 'a postgres:// URL or a SQLite file (default: DATABASE_URL, or DATA_DIR/justera.sqlite)')
    .addOption(keysOption('the keys folder'))
    .action(async (extractId: string, options: ExportOptions) => {
      const config = loadServiceConfig(process.env);
      const keysDir = keysDirOf(options.keys);
      const keys = loadKeys(keysDir);
      const db = await openDatabase(targetOf(options.db, config.database));
      try {
        await migrateToLatest(db);
        const evidence = await buildEvidencePackage({ db, keys, clock: systemClock, timestamper: timestamperFor(serviceTsa(config), keys, systemClock), signerIdentity: signerIdentityPolicy({ ...config, keysDir }) }, extractId);
        const file = resolve(options.output ?? evidence.fileName);
        writeFileSync(file, evidence.zip);
        process.stdout.write(`${file}: ${evidence.entries.length} files, ${evidence.zip.length} bytes; final.pdf: ${evidence.report.summary.sv}\n`);
        process.exitCode = EXIT_OK;
      } finally {
        await db.close();
      }
    });
}
