/**
 * /auth/login?returnTo=/path&lang=sv|en, /auth/callback, /auth/logout and /auth/me: the browser side of the
 * OpenID Connect login. /auth/me also gives the session's CSRF token, for JSON writes made with the session. Handlers are async (express 5 passes a rejection to next); refusals go to the app's
 * error handler as JusteraErrors (401 ERR_UNAUTHENTICATED, 400 for a bad returnTo or lang).
 */
import express, { type Request, type Response } from 'express';
import type { Clock } from '../../clock';
import { InputError, JusteraError } from '../../errors';
import { checkFormCsrf, checkOrigin, CSRF_FIELD } from './csrf';
import { personFromClaims, type ClaimNames } from './person';
import type { RelyingParty } from './relying-party';
import { safeReturnTo } from './return-to';
import type { SessionCookies } from './session';

export interface AuthRoutesDeps {
  relyingParty: RelyingParty;
  cookies: SessionCookies;
  claimNames: ClaimNames;
  clock: Clock;
  /** The service's own origin: a logout posted from another site is refused. */
  origin: string;
}

export function createAuthRoutes(deps: AuthRoutesDeps): express.Router {
  const { relyingParty, cookies } = deps;
  const router = express.Router();
  const noStore = (res: Response) => res.set('Cache-Control', 'no-store');

  router.get(
    '/auth/login',
    async (req: Request, res: Response) => {
      const returnTo = safeReturnTo(req.query.returnTo);
      const lang = req.query.lang;
      if (lang !== undefined && lang !== 'sv' && lang !== 'en') {
        throw new InputError('lang must be "sv" or "en"', { field: 'lang' });
      }
      const { authorizationUrl, transaction } = await relyingParty.startLogin(returnTo, lang);
      await cookies.startLogin(res, transaction);
      noStore(res).redirect(303, authorizationUrl.href);
    },
  );

  router.get(
    '/auth/callback',
    async (req: Request, res: Response) => {
      const transaction = await cookies.readLogin(req);
      cookies.endLogin(res);
      if (transaction === undefined) {
        throw new JusteraError('ERR_UNAUTHENTICATED', 'No login is in progress in this browser (or it took over 10 minutes): log in again');
      }
      const claims = await relyingParty.completeLogin(new URL(req.originalUrl, 'http://callback.invalid').search, transaction);
      const person = personFromClaims(claims, deps.claimNames, deps.clock.now());
      await cookies.startSession(res, person);
      noStore(res).redirect(303, transaction.returnTo);
    },
  );

  router.post(
    '/auth/logout',
    express.urlencoded({ extended: false, limit: '4kb' }),
    async (req: Request, res: Response) => {
      const session = await cookies.readSession(req);
      // A session that has already ended needs no protection: the logout only clears its cookie.
      if (session) checkFormCsrf(req, session.csrfToken, req.body?.[CSRF_FIELD], deps.origin);
      else checkOrigin(req, deps.origin);
      const returnTo = safeReturnTo(typeof req.body?.returnTo === 'string' ? req.body.returnTo : undefined);
      await cookies.endSession(req, res);
      noStore(res).redirect(303, returnTo);
    },
  );

  router.get(
    '/auth/me',
    async (req: Request, res: Response) => {
      const session = await cookies.readSession(req);
      if (session === undefined) throw new JusteraError('ERR_UNAUTHENTICATED', 'Not logged in');
      noStore(res).json({ person: session.person, csrfToken: session.csrfToken });
    },
  );

  return router;
}
