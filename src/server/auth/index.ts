/**
 * Login and invitations for the service: createAuth wires the OpenID Connect relying party (against the
 * configured provider or the built-in demo one), the session cookie, the middleware that guards routes
 * and the invitation tokens. It owns no storage: "link used" lives in the service's database.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import type { AuthConfig } from '../../config/auth-config';
import type { Clock } from '../../clock';
import { JusteraError } from '../../errors';
import { createAuthRoutes } from './auth-routes';
import { DEMO_ACR } from './demo/demo-persons';
import { createDemoProvider, DEMO_MOUNT_PATH } from './demo/demo-provider';
import { createInvitations, INVITATION_ISSUER, type Invitations } from './invitations';
import type { AuthenticatedPerson, PersonRole } from './person';
import { createRelyingParty } from './relying-party';
import { deriveKey, resolveSessionSecret } from './secrets';
import { SessionCookies, type Session } from './session';
import { SessionStore } from '../../use-cases/login-sessions';
import type { Db } from '../../use-cases/records';

export type { AuthenticatedPerson, PersonRole } from './person';
export type { Session } from './session';
export { CSRF_FIELD, CSRF_HEADER, checkFormCsrf, checkJsonCsrf } from './csrf';
export type { InvitationClaims, InvitationRequest, Invitations, InvitedPerson, MatchMode } from './invitations';
export { DEMO_ACR, DEMO_PERSONS, type DemoPerson } from './demo/demo-persons';

export interface AuthDeps {
  publicBaseUrl: string;
  dataDir: string;
  /** Where the sessions live (the service's database: shared by every process). */
  db: Db;
  clock: Clock;
  logger: Logger;
}

export interface Auth {
  /** Mount at '/' before any body parser: /auth/*, and /demo-idp/* when the demo provider is in use. */
  router: express.Router;
  /** Sets res.locals.person and res.locals.session, or refuses: 401 ERR_UNAUTHENTICATED for API calls, a redirect to login for pages. */
  authenticate: RequestHandler;
  /** After authenticate: 403 ERR_FORBIDDEN unless the person has the role. */
  requireRole(role: PersonRole): RequestHandler;
  /** The live session (person and CSRF token), if any; never refuses. */
  readSession(req: Request): Promise<Session | undefined>;
  /** The session's person, if any; never refuses. */
  readPerson(req: Request): Promise<AuthenticatedPerson | undefined>;
  /** Local path that starts a login and comes back to `returnTo` (a local path); `lang` for the provider's pages. */
  loginUrl(returnTo: string, lang?: 'sv' | 'en'): string;
  invitations: Invitations;
  /** The built-in demo provider is in use: pages must say so. */
  demo: boolean;
  close(): Promise<void>;
}

export const DEMO_CLIENT_ID = 'justera-demo';

/** A request that wants a page (a browser navigation) rather than JSON. */
function wantsPage(req: Request): boolean {
  if (req.originalUrl.startsWith('/api/')) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  return req.accepts(['json', 'html']) === 'html';
}

export async function createAuth(config: AuthConfig, deps: AuthDeps): Promise<Auth> {
  const baseUrl = deps.publicBaseUrl.replace(/\/+$/, '');
  const secret = await resolveSessionSecret(config.sessionSecret, deps.dataDir);
  const redirectUri = config.redirectUri ?? `${baseUrl}/auth/callback`;
  const router = express.Router();

  let provider: { issuer: string; clientId: string; clientSecret: string };
  let acrValues = config.acrValues;
  if (config.provider.kind === 'demo') {
    const clientSecret = Buffer.from(deriveKey(secret, 'demo-client')).toString('base64url');
    const demo = createDemoProvider({
      issuer: baseUrl + DEMO_MOUNT_PATH,
      client: { clientId: DEMO_CLIENT_ID, clientSecret, redirectUri },
      cookieKey: Buffer.from(deriveKey(secret, 'demo-cookies')).toString('base64url'),
      logger: deps.logger,
    });
    router.use(demo.router);
    deps.logger.warn(
      { issuer: demo.issuer },
      'OIDC_ISSUER is not set: the built-in DEMO OpenID provider is in use (fictitious test persons, no real e-legitimation)',
    );
    provider = { issuer: demo.issuer, clientId: DEMO_CLIENT_ID, clientSecret };
    acrValues ??= [DEMO_ACR];
  } else {
    provider = config.provider;
  }

  const relyingParty = createRelyingParty({
    ...provider,
    redirectUri,
    scopes: config.scopes,
    ...(acrValues === undefined ? {} : { acrValues }),
  });
  const cookies = new SessionCookies(
    { session: deriveKey(secret, 'session'), loginTransaction: deriveKey(secret, 'login-transaction'), csrf: deriveKey(secret, 'session-csrf') },
    baseUrl.startsWith('https:'),
    deps.clock,
    new SessionStore(deps.db, { idleSeconds: config.sessionIdleSeconds, lifetimeSeconds: config.sessionLifetimeSeconds }, deps.clock),
  );
  router.use(
    createAuthRoutes({
      relyingParty,
      cookies,
      claimNames: { personnummerClaim: config.personnummerClaim, rolesClaim: config.rolesClaim },
      clock: deps.clock,
      origin: new URL(baseUrl).origin,
    }),
  );

  const loginUrl = (returnTo: string, lang?: 'sv' | 'en') =>
    `/auth/login?returnTo=${encodeURIComponent(returnTo)}${lang === undefined ? '' : `&lang=${lang}`}`;

  const authenticate: RequestHandler = async (req: Request, res: Response, next: NextFunction) => {
    const session = await cookies.readSession(req);
    if (session !== undefined) {
      res.locals.session = session;
      res.locals.person = session.person;
      next();
    } else if (wantsPage(req)) {
      res.set('Cache-Control', 'no-store').redirect(303, loginUrl(req.originalUrl));
    } else {
      next(new JusteraError('ERR_UNAUTHENTICATED', 'Log in first (OpenID Connect, /auth/login)'));
    }
  };

  const requireRole = (role: PersonRole): RequestHandler => (_req: Request, res: Response, next: NextFunction) => {
    const person = res.locals.person;
    if (person === undefined) next(new JusteraError('ERR_UNAUTHENTICATED', 'Log in first (OpenID Connect, /auth/login)'));
    else if (!person.roles.includes(role)) next(new JusteraError('ERR_FORBIDDEN', `This needs the role "${role}"`));
    else next();
  };

  return {
    router,
    authenticate,
    requireRole,
    readSession: (req) => cookies.readSession(req),
    readPerson: (req) => cookies.readPerson(req),
    loginUrl,
    invitations: createInvitations(
      { signingKey: deriveKey(secret, 'invitation-signing'), personHmacKey: deriveKey(secret, 'invitation-person-hmac') },
      { issuer: INVITATION_ISSUER, clock: deps.clock },
    ),
    demo: config.provider.kind === 'demo',
    // Nothing to release: sessions live in the caller's database, the demo provider's state in this process's memory.
    close: async () => undefined,
  };
}
