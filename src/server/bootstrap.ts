/**
 * Wires the service from its configuration: database (migrated), keys, TSA, login, document engines, the
 * use-case context and the express app. `startService` also listens, runs the periodic job (reminders),
 * loads the example on an empty database, prints what a newcomer needs, and shuts down gracefully.
 */
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../clock';
import { loadAuthConfig } from '../config/auth-config';
import type { ServiceConfig } from '../config/service-config';
import { loadKeys, type KeyMaterial } from '../pki/keys-folder';
import { BuiltinTsa } from '../tsa/builtin-tsa';
import type { Timestamper } from '../tsa/timestamper';
import { migrateToLatest, openDatabase, type Database } from '../storage/db';
import type { DocumentEngines, ServiceContext, JusteradHook } from '../workflows/service-context';
import { createAuth } from './auth/index';
import type { AppDeps, AuthPort } from './app-deps';
import { createApp, type AppOptions, type CreatedApp } from './create-app';
import { createLogger } from './logger';
import { createMetrics } from './metrics';

export interface BuildOptions {
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  logger?: Logger;
  /** Overrides the document engines (tests of the HTTP layer); the default is the real assembly and signing. */
  engines?: (ctx: { keys: KeyMaterial; timestamper: Timestamper; clock: Clock; config: ServiceConfig }) => DocumentEngines;
  db?: Database;
  onJusterad?: JusteradHook;
  defaultMetrics?: boolean;
}

export interface BuiltService extends CreatedApp {
  deps: AppDeps;
  close(): Promise<void>;
}

function timestamperFor(config: ServiceConfig, tsa: BuiltinTsa): Timestamper {
  if (config.tsaUrl === 'builtin') return tsa;
  throw new Error('TSA_URL other than builtin needs the HTTP timestamper');
}

export async function buildService(config: ServiceConfig, options: BuildOptions = {}, appOptions: AppOptions = {}): Promise<BuiltService> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.logLevel);
  const keys = loadKeys(config.keysDir);
  const tsa = BuiltinTsa.fromKeys(keys, clock);
  const timestamper = timestamperFor(config, tsa);
  const ownDb = options.db === undefined;
  const db = options.db ?? (await openDatabase(config.database));
  try {
    if (ownDb) await migrateToLatest(db);
    const auth = (await createAuth(loadAuthConfig(options.env ?? process.env), { publicBaseUrl: config.publicBaseUrl, dataDir: config.dataDir, clock, logger })) satisfies AuthPort;
    if (!options.engines) throw new Error('document engines are not wired yet');
    const engines = options.engines({ keys, timestamper, clock, config });
    const service: ServiceContext = {
      db,
      clock,
      engines,
      invitations: auth.invitations,
      settings: {
        publicBaseUrl: config.publicBaseUrl,
        signerMatch: config.signerMatch,
        invitationTtlDays: config.invitationTtlDays,
        reminderAfterHours: config.reminderAfterHours,
        pauseInSignatureMs: config.testPauseInSignatureMs,
      },
      ...(options.onJusterad ? { onJusterad: options.onJusterad } : {}),
    };
    const deps: AppDeps = {
      config,
      db,
      keys,
      clock,
      logger,
      metrics: createMetrics({ defaultMetrics: options.defaultMetrics ?? false }),
      auth,
      ...(config.tsaUrl === 'builtin' ? { tsa } : {}),
      service,
    };
    const created = createApp(deps, appOptions);
    return {
      ...created,
      deps,
      close: async () => {
        await auth.close();
        if (ownDb) await db.close();
      },
    };
  } catch (error) {
    if (ownDb) await db.close();
    throw error;
  }
}

export interface RunningService {
  built: BuiltService;
  server: Server;
  shutdown(reason: string): Promise<void>;
}
