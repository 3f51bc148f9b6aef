/**
 * The login session in the browser: an HttpOnly, SameSite=Lax cookie (Secure on https) holding the person
 * and a session id as an encrypted JWT. The id names a row of the sessions table (src/use-cases/login-sessions.ts), which
 * every process sharing the database checks on each request: logout deletes the row, an idle session ends,
 * and the cookie never outlives the session's lifetime.
 */
import type { CookieOptions, Request, Response } from 'express';
import cookieParser from 'cookie-parser';
import type { Clock } from '../../clock';
import { csrfTokenOf } from './csrf';
import type { AuthenticatedPerson } from './person';
import type { LoginTransaction } from './relying-party';
import { SealedTokens } from './sealed-token';
import type { SessionStore } from '../../use-cases/login-sessions';

export const SESSION_COOKIE = 'justera_session';
export const LOGIN_COOKIE = 'justera_login';
/** Time a person has at the provider between "Logga in" and the callback. */
export const LOGIN_TTL_SECONDS = 10 * 60;

/** What the session cookie holds. */
interface SessionClaims {
  sid: string;
  person: AuthenticatedPerson;
}

/** A live session as the routes see it. */
export interface Session {
  person: AuthenticatedPerson;
  /** Bound to this session: forms carry it in `_csrf`, JSON writes in `X-CSRF-Token` (csrf.ts). */
  csrfToken: string;
}

declare global {
  namespace Express {
    interface Locals {
      /** Set by auth.authenticate, with `person`. */
      session?: Session;
    }
  }
}

const parseCookies = cookieParser();

/** The request's cookies, whether or not the app mounted cookie-parser itself. */
export function cookiesOf(req: Request): Record<string, string | undefined> {
  if (req.cookies === undefined) parseCookies(req, {} as Response, () => undefined);
  return req.cookies as Record<string, string | undefined>;
}

export class SessionCookies {
  private readonly sessions: SealedTokens<SessionClaims>;
  private readonly logins: SealedTokens<LoginTransaction>;
  /** One database check per request, however many guards ask. */
  private readonly checked = new WeakMap<Request, Promise<Session | undefined>>();

  constructor(
    private readonly keys: { session: Uint8Array; loginTransaction: Uint8Array; csrf: Uint8Array },
    private readonly secure: boolean,
    clock: Clock,
    private readonly store: SessionStore,
  ) {
    this.sessions = new SealedTokens(keys.session, 'justera:session', clock);
    this.logins = new SealedTokens(keys.loginTransaction, 'justera:login', clock);
  }

  private options(path: string, maxAgeSeconds: number): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: this.secure, path, maxAge: maxAgeSeconds * 1000 };
  }

  private async claims(req: Request): Promise<SessionClaims | undefined> {
    const claims = await this.sessions.open(cookiesOf(req)[SESSION_COOKIE]);
    // A cookie from before server-side sessions has no id: it is not a session any more.
    return typeof claims?.sid === 'string' && claims.person !== undefined ? claims : undefined;
  }

  /** The live session of the request's cookie, or undefined (none, forged, logged out, idle, too old). */
  readSession(req: Request): Promise<Session | undefined> {
    let session = this.checked.get(req);
    if (session === undefined) {
      session = this.claims(req).then(async (claims) =>
        claims && (await this.store.use(claims.sid)) ? { person: claims.person, csrfToken: csrfTokenOf(this.keys.csrf, claims.sid) } : undefined,
      );
      this.checked.set(req, session);
    }
    return session;
  }

  async readPerson(req: Request): Promise<AuthenticatedPerson | undefined> {
    return (await this.readSession(req))?.person;
  }

  /** A new session for the person: its row, the value of its cookie and its CSRF token. */
  async createSession(person: AuthenticatedPerson): Promise<{ cookieValue: string; csrfToken: string }> {
    const sid = await this.store.create();
    return { cookieValue: await this.sessions.seal({ sid, person }, this.store.settings.lifetimeSeconds), csrfToken: csrfTokenOf(this.keys.csrf, sid) };
  }

  async startSession(res: Response, person: AuthenticatedPerson): Promise<void> {
    const { cookieValue } = await this.createSession(person);
    res.cookie(SESSION_COOKIE, cookieValue, this.options('/', this.store.settings.lifetimeSeconds));
  }

  /** Logout: the session ends on the server (for every copy of the cookie), and the browser forgets it. */
  async endSession(req: Request, res: Response): Promise<void> {
    const claims = await this.claims(req);
    if (claims) await this.store.revoke(claims.sid);
    res.clearCookie(SESSION_COOKIE, { ...this.options('/', 0), maxAge: undefined });
  }

  async readLogin(req: Request): Promise<LoginTransaction | undefined> {
    return this.logins.open(cookiesOf(req)[LOGIN_COOKIE]);
  }

  async startLogin(res: Response, transaction: LoginTransaction): Promise<void> {
    res.cookie(LOGIN_COOKIE, await this.logins.seal(transaction, LOGIN_TTL_SECONDS), this.options('/auth', LOGIN_TTL_SECONDS));
  }

  endLogin(res: Response): void {
    res.clearCookie(LOGIN_COOKIE, { ...this.options('/auth', 0), maxAge: undefined });
  }
}
