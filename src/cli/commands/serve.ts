/**
 * `justera serve`: the justering service. Configuration comes from the environment (README,
 * src/config/service-config.ts); `--port` and `--data-dir` override PORT and DATA_DIR. SIGTERM and SIGINT
 * shut it down gracefully (no new requests, the ones in flight finish, then the database closes).
 */
import { setFlagsFromString } from 'node:v8';
import type { Command } from 'commander';
import { loadServiceConfig } from '../../config/service-config';

/**
 * V8 optimizes a function once it has run bytecode worth its interrupt budget (67,584 by default). One
 * signature runs thousands of distinct functions (PDF, CMS, fonts, pdf-lib) a few times each, so with the
 * default TurboFan goes on compiling lukewarm ones on V8's background threads for hundreds of documents,
 * in every engine worker: about a quarter of the service's CPU in `npm run bench` (perf: compiler::* on
 * V8's platform threads). Four times the budget optimizes what is hot and leaves the rest to the baseline
 * compiler: 12–18 % less CPU per signature over HTTP, six runs out of six (issue 13). Process-wide, so the
 * worker threads started after it have it too; set before the server's code is loaded.
 */
const SERVICE_INTERRUPT_BUDGET = 4 * 67_584;

interface ServeOptions {
  port?: string;
  dataDir?: string;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the justering service (REST API, invitations, OpenID Connect login, /tsa, /pki).')
    .option('--port <port>', 'port to listen on (overrides PORT; default 3000)')
    .option('--data-dir <dir>', 'folder for the SQLite database and generated secrets (overrides DATA_DIR; default ./data)')
    .action(async (options: ServeOptions) => {
      const env = { ...process.env, ...(options.port ? { PORT: options.port } : {}), ...(options.dataDir ? { DATA_DIR: options.dataDir } : {}) };
      const config = loadServiceConfig(env);
      setFlagsFromString(`--interrupt-budget=${SERVICE_INTERRUPT_BUDGET}`);
      // Loaded on demand: the server pulls in oidc-provider, which warns on Node 20 at load time, and the
      // other commands (assemble, sign, verify) should neither pay for it nor print that warning.
      const { startService } = require('../../server/bootstrap') as typeof import('../../server/bootstrap');
      const running = await startService(config, { env, defaultMetrics: true });
      const stop = (signal: string) => {
        running.shutdown(signal).then(
          () => process.exit(0),
          (error: unknown) => {
            running.built.deps.logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
}
