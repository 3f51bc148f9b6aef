/**
 * Wires the service from its configuration: database (migrated), keys, TSA, login, document engines, the
 * use-case context and the express app. `startService` also listens, runs the periodic job (reminders),
 * loads the example on an empty database, prints what a newcomer needs, and shuts down gracefully.
 */
import { createServer, type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../clock';
import { loadAuthConfig } from '../config/auth-config';
import { signerIdentityPolicy } from '../config/pseudonym-secret';
import type { ServiceConfig } from '../config/service-config';
import { loadKeys, type KeyMaterial } from '../ca/keys-folder';
import { BuiltinTsa } from '../tsa/builtin-tsa';
import type { Timestamper } from '../tsa/timestamper';
import { migrateToLatest, openDatabase, pingDatabase, type Database } from '../storage/db';
import type { DocumentEngines, ServiceContext, JusteradHook } from '../use-cases/service-context';
import { sendReminders } from '../use-cases/extract-service';
import { documentEngines } from '../engines/document-engines';
import { pooledEngines } from '../engines/engine-pool';
import { serviceTsa, timestamperFor } from '../engines/signing-context';
import { dispatchOutbox, smtpSender } from '../use-cases/mail-dispatch';
import { createAuth } from './auth/index';
import { createPublicSide, type PublicSide } from './public/public-side';
import type { AppDeps, AuthPort } from './app-deps';
import { createApp, type AppOptions, type CreatedApp } from './create-app';
import { createLogger } from './logger';
import { createMetrics } from './metrics';
import { prepareQuickStart, quickStartLines } from './quick-start';

export interface BuildOptions {
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  logger?: Logger;
  /** Overrides the document engines (tests of the HTTP layer); the default is the real assembly and signing. */
  engines?: (ctx: { keys: KeyMaterial; timestamper: Timestamper; clock: Clock; config: ServiceConfig; demonstrationLogin: boolean }) => DocumentEngines;
  db?: Database;
  onJusterad?: JusteradHook;
  defaultMetrics?: boolean;
  /** The public side of issue 7 (anslagstavla, public verification); default on. */
  publicSide?: boolean;
}

export interface BuiltService extends CreatedApp {
  deps: AppDeps;
  publicSide?: PublicSide;
  close(): Promise<void>;
}


/**
 * Test hook, active only with JUSTERA_TEST_HOOKS=1: inside a signature's commit transaction, after the
 * signature is made and before its revision is committed, say so in the log and wait, so a test can kill
 * the process in the middle of a signature.
 */
function testHooks(pauseMs: number, logger: Logger): ServiceContext['hooks'] {
  if (pauseMs <= 0) return undefined;
  return {
    beforeSignatureCommit: async (field) => {
      logger.warn({ field, pauseMs }, 'test hook: signature made, pausing before the commit');
      await sleep(pauseMs);
    },
  };
}

export async function buildService(config: ServiceConfig, options: BuildOptions = {}, appOptions: AppOptions = {}): Promise<BuiltService> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.logLevel);
  const keys = loadKeys(config.keysDir);
  const tsa = serviceTsa(config);
  const timestamper = timestamperFor(tsa, keys, clock);
  const ownDb = options.db === undefined;
  const db = options.db ?? (await openDatabase(config.database));
  try {
    if (ownDb) await migrateToLatest(db);
    const auth = (await createAuth(loadAuthConfig(options.env ?? process.env), { publicBaseUrl: config.publicBaseUrl, dataDir: config.dataDir, db: db.knex, clock, logger })) satisfies AuthPort;
    // The pool's workers keep their own clock (the system's): a pinned clock keeps the engines in-process.
    const pool = !options.engines && !options.clock && config.engineWorkers > 0
      ? pooledEngines(config.engineWorkers, { keysDir: config.keysDir, tsa, publicBaseUrl: config.publicBaseUrl, demonstrationLogin: auth.demo })
      : undefined;
    const engines = pool ?? (options.engines ?? documentEngines)({ keys, tsa, timestamper, clock, config, demonstrationLogin: auth.demo });
    const hooks = testHooks(config.testPauseInSignatureMs, logger);
    const signerIdentity = signerIdentityPolicy(config);
    const publicSide = options.publicSide === false ? undefined : createPublicSide({
      db,
      clock,
      keys,
      timestamper,
      publicBaseUrl: config.publicBaseUrl,
      publishDelayDays: config.anslagPublishDelayDays,
      // Certificates with personnummer (Sweden Connect profile) keep the signed PDF off the public side.
      publishesSignedPdf: signerIdentity.kind === 'pseudonym',
      demoLogin: auth.demo,
      startPage: { mailOutbox: config.mail.kind === 'outbox', loadsExample: config.loadExample },
      ...(pool ? { renderNoticePdf: pool.renderNotice } : {}),
    });
    const onJusterad = options.onJusterad ?? publicSide?.onJusterad;
    const service: ServiceContext = {
      db,
      clock,
      engines,
      invitations: auth.invitations,
      settings: {
        publicBaseUrl: config.publicBaseUrl,
        signerMatch: config.signerMatch,
        signerIdentity,
        invitationTtlDays: config.invitationTtlDays,
        reminderAfterHours: config.reminderAfterHours,
      },
      ...(onJusterad ? { onJusterad } : {}),
      ...(hooks ? { hooks } : {}),
    };
    const deps: AppDeps = {
      config,
      db,
      databaseReachable: () => pingDatabase(db),
      keys,
      clock,
      logger,
      metrics: createMetrics({ defaultMetrics: options.defaultMetrics ?? false }),
      auth,
      timestamper,
      ...(timestamper instanceof BuiltinTsa ? { tsa: timestamper } : {}),
      service,
    };
    const created = createApp(deps, { ...appOptions, before: [...(publicSide ? [{ path: '/', router: publicSide.router }] : []), ...(appOptions.before ?? [])] });
    return {
      ...created,
      deps,
      ...(publicSide ? { publicSide } : {}),
      close: async () => {
        await publicSide?.close();
        await pool?.close();
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

/** The periodic job: reminders, SMTP delivery of the outbox; errors are logged, never fatal. */
function startJobs(built: BuiltService): () => void {
  const { deps } = built;
  const seconds = deps.config.jobIntervalSeconds;
  if (seconds === 0) return () => undefined;
  const sender = deps.config.mail.kind === 'smtp' ? smtpSender(deps.config.mail.url, deps.config.mailFrom) : undefined;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const reminded = await sendReminders(deps.service);
      if (built.publicSide) await built.publicSide.runSchedule();
      if (reminded > 0) deps.logger.info({ reminded }, 'reminders sent');
      if (sender) await dispatchOutbox(deps.db.knex, sender, deps.clock, (error, mailId) => deps.logger.error({ err: error, mailId }, 'mail not delivered'));
    } catch (error) {
      deps.logger.error({ err: error }, 'periodic job failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

/** Builds, listens, prints the quick start, and returns the graceful shutdown. */
export async function startService(config: ServiceConfig, options: BuildOptions = {}): Promise<RunningService> {
  const built = await buildService(config, options);
  const { deps } = built;
  const quickStart = await prepareQuickStart(deps);
  const server = createServer(built.app);
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const stopJobs = startJobs(built);
  for (const line of quickStartLines(deps, quickStart)) deps.logger.info(line);
  let closing: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    closing ??= (async () => {
      deps.logger.info({ reason }, 'shutting down: no new requests, waiting for the ones in flight');
      built.readiness.shuttingDown = true;
      stopJobs();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timeout = setTimeout(() => server.closeAllConnections(), 10_000);
      await closed;
      clearTimeout(timeout);
      await built.close();
      deps.logger.info('stopped');
    })();
    return closing;
  };
  return { built, server, shutdown };
}
