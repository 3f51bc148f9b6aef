/**
 * A minimal app around createAuth for the auth tests, standing in for the service's createApp: the auth
 * router, one guarded API route, one guarded page, and an error handler with the service's JSON shape.
 * The sessions live in the given database (test-database.ts: SQLite or a PostgreSQL schema).
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import pino from 'pino';
import type { AuthConfig } from '../../../src/config/auth-config';
import type { Clock } from '../../../src/clock';
import { systemClock } from '../../../src/clock';
import { isJusteraError, type ErrorCode } from '../../../src/errors';
import { createAuth, type Auth } from '../../../src/server/auth';
import type { Database } from '../../../src/storage/db';

const STATUS: Partial<Record<ErrorCode, number>> = {
  ERR_INPUT_INVALID: 400,
  ERR_UNAUTHENTICATED: 401,
  ERR_FORBIDDEN: 403,
};

export async function buildAuthTestApp(
  baseUrl: string,
  options: { config: AuthConfig; dataDir: string; db: Database; clock?: Clock },
): Promise<{ app: express.Express; auth: Auth }> {
  const auth = await createAuth(options.config, {
    publicBaseUrl: baseUrl,
    dataDir: options.dataDir,
    db: options.db.knex,
    clock: options.clock ?? systemClock,
    logger: pino({ level: 'silent' }),
  });
  const app = express();
  app.use(auth.router);
  app.get('/api/v1/whoami', auth.authenticate, (_req, res) => {
    res.json({ person: res.locals.person });
  });
  app.get('/api/v1/secretary-only', auth.authenticate, auth.requireRole('secretary'), (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/pages/mine', auth.authenticate, (_req, res) => {
    res.type('html').send(`<p>Hej ${res.locals.person!.name}</p>`);
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (isJusteraError(error)) {
      res.status(STATUS[error.code] ?? 500).json({
        error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) },
      });
      return;
    }
    res.status(500).json({ error: { code: 'INTERNAL', message: String(error) } });
  });
  return { app, auth };
}
