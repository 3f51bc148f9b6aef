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
import { refuseUnstorableInput } from './input-boundary';
import { createOpsRouter, type Readiness } from './ops-router';
import { createPkiRouter } from './pki-router';
import { openApiDocument } from './openapi';
import { createPagesRouter } from './pages/pages-router';
import { SECURE_COOKIES_SETTING } from './pages/shared/lang';
import { MAX_EXTRACT_JSON_BYTES } from '../domain/extract';

/** Largest JSON body the API reads: the largest body is an extract (src/domain/extract.ts), after any decompression. */
export const API_JSON_LIMIT = MAX_EXTRACT_JSON_BYTES;
/** A login round trip through the demo provider is about six requests there. */
const DEMO_PROVIDER_REQUESTS_PER_LOGIN = 10;

export interface AppOptions {
  /** Requests per minute per client on /api/v1 and /invitation; 0 turns the limit off. */
  rateLimitPerMinute?: number;
  /**
   * Login starts per minute per client, and as many callbacks (/auth/login, /auth/callback; ten times as
   * many requests to the demo provider); 0 turns the limit off. Default 60.
   */
  loginPerMinute?: number;
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

/** A per-client (req.ip: the TCP peer unless TRUST_PROXY names it) limit answering 429 with Retry-After. */
function perClientLimit(perMinute: number, what: string): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => sendError(res, 429, 'ERR_RATE_LIMITED', `more than ${perMinute} ${what} in a minute from this client; wait and try again`),
  });
}

export function createApp(deps: AppDeps, options: AppOptions = {}): CreatedApp {
  const readiness: Readiness = { shuttingDown: false };
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-* from anyone but a configured proxy would let a client choose its own rate-limit key.
  app.set('trust proxy', deps.config.trustProxy.length > 0 ? deps.config.trustProxy : false);
  app.set(SECURE_COOKIES_SETTING, deps.config.publicBaseUrl.startsWith('https:'));
  app.use(helmet());
  app.use(requestMetrics(deps));
  app.use(refuseUnstorableInput);

  app.use(createOpsRouter(deps, readiness));
  app.use(createPkiRouter(deps));
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument(deps.config.publicBaseUrl));
  });
  for (const extra of options.before ?? []) app.use(extra.path, extra.router);

  const loginPerMinute = options.loginPerMinute ?? 60;
  if (loginPerMinute > 0) {
    app.use('/auth/login', perClientLimit(loginPerMinute, 'login starts'));
    app.use('/auth/callback', perClientLimit(loginPerMinute, 'login callbacks'));
    app.use('/demo-idp', perClientLimit(loginPerMinute * DEMO_PROVIDER_REQUESTS_PER_LOGIN, 'requests to the demo login'));
  }
  // The login router parses its own bodies (oidc-provider), so it comes before any body parser.
  app.use(deps.auth.router);

  const perMinute = options.rateLimitPerMinute ?? 6000;
  if (perMinute > 0) {
    const limiter = perClientLimit(perMinute, 'requests');
    app.use('/api/v1', limiter);
    app.use('/invitation', limiter);
  }

  app.use(createPagesRouter(deps));
  app.use('/invitation', createInvitationLinkRouter(deps));

  const api = express.Router();
  api.use(express.json({ limit: API_JSON_LIMIT, strict: false, type: ['application/json', 'application/*+json'] }));
  api.use(refuseUnstorableInput);
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
