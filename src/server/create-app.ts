/**
 * The express app: routers mounted per area, in this order: operations and PKI (no login), the public
 * side (issue 7, when present), the login router, the invitation link, /api/v1, then 404 and the error
 * mapping. Pages (issue 6) are mounted from src/server/pages/ the same way.
 */
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import type { AppDeps } from './app-deps';
import { authenticateClient } from './api/client-auth';
import { createApiKeysRouter } from './api/api-keys-router';
import { createExtractsRouter } from './api/extracts-router';
import { createArchiveApiRouter } from './public/archive-router';
import { createInvitationLinkRouter, createInvitationsApiRouter } from './api/invitations-router';
import { errorHandler, notFoundHandler, sendError } from './http-errors';
import { createOpsRouter, type Readiness } from './ops-router';
import { createPkiRouter } from './pki-router';
import { openApiDocument } from './openapi';
import { createPagesRouter } from './pages/pages-router';

/** Largest JSON body the API reads (an extract is at most 16 MB: src/domain/extract.ts). */
export const API_JSON_LIMIT = '17mb';

export interface AppOptions {
  /** Requests per minute per client on /api/v1 and /invitation; 0 turns the limit off. */
  rateLimitPerMinute?: number;
  /** Extra routers mounted before the login router (the public side, the pages). */
  before?: { path: string; router: express.Router }[];
}

export interface CreatedApp {
  app: Express;
  readiness: Readiness;
}

function requestMetrics(deps: AppDeps): RequestHandler {
  return (req, res, next) => {
    const end = deps.metrics.httpDuration.startTimer();
    res.on('finish', () => {
      // The route pattern, never the URL: URLs carry invitation tokens and ids.
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      deps.metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      end({ method: req.method, route });
      if (res.statusCode >= 500) deps.logger.warn({ method: req.method, route, status: res.statusCode }, 'request failed');
      else deps.logger.debug({ method: req.method, route, status: res.statusCode }, 'request');
    });
    next();
  };
}

export function createApp(deps: AppDeps, options: AppOptions = {}): CreatedApp {
  const readiness: Readiness = { shuttingDown: false };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(helmet());
  app.use(requestMetrics(deps));

  app.use(createOpsRouter(deps, readiness));
  app.use(createPkiRouter(deps));
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument(deps.config.publicBaseUrl));
  });
  for (const extra of options.before ?? []) app.use(extra.path, extra.router);

  // The login router parses its own bodies (oidc-provider), so it comes before any body parser.
  app.use(deps.auth.router);

  const perMinute = options.rateLimitPerMinute ?? 6000;
  if (perMinute > 0) {
    const limiter = rateLimit({
      windowMs: 60_000,
      limit: perMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, res) => sendError(res, 429, 'ERR_RATE_LIMITED', `more than ${perMinute} requests in a minute from this client; wait and try again`),
    });
    app.use('/api/v1', limiter);
    app.use('/invitation', limiter);
  }

  app.use(createPagesRouter(deps));
  app.use('/invitation', createInvitationLinkRouter(deps));

  const api = express.Router();
  api.use(express.json({ limit: API_JSON_LIMIT, strict: false, type: ['application/json', 'application/*+json'] }));
  api.use(createInvitationsApiRouter(deps));
  api.use(authenticateClient(deps.db, deps.auth, deps.config.publicBaseUrl, deps.clock));
  api.use(createExtractsRouter(deps));
  api.use(createApiKeysRouter(deps));
  api.use(createArchiveApiRouter(deps));
  app.use('/api/v1', api);

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return { app, readiness };
}
