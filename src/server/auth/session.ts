/**
 * The login session in the browser: an HttpOnly, SameSite=Lax cookie (Secure on https) holding the person
 * as an encrypted JWT. Stateless on purpose: every service process sharing the secret accepts it, and
 * logout is removing the cookie (the token also expires after SESSION_TTL_SECONDS).
 */
import type { CookieOptions, Request, Response } from 'express';
import cookieParser from 'cookie-parser';
import type { Clock } from '../../clock';
import type { AuthenticatedPerson } from './person';
import type { LoginTransaction } from './relying-party';
import { SealedTokens } from './sealed-token';

export const SESSION_COOKIE = 'justera_session';
export const LOGIN_COOKIE = 'justera_login';
export const SESSION_TTL_SECONDS = 8 * 60 * 60;
/** Time a person has at the provider between "Logga in" and the callback. */
export const LOGIN_TTL_SECONDS = 10 * 60;

const parseCookies = cookieParser();

/** The request's cookies, whether or not the app mounted cookie-parser itself. */
export function cookiesOf(req: Request): Record<string, string | undefined> {
  if (req.cookies === undefined) parseCookies(req, {} as Response, () => undefined);
  return req.cookies as Record<string, string | undefined>;
}

export class SessionCookies {
  private readonly sessions: SealedTokens<AuthenticatedPerson>;
  private readonly logins: SealedTokens<LoginTransaction>;

  constructor(
    keys: { session: Uint8Array; loginTransaction: Uint8Array },
    private readonly secure: boolean,
    clock: Clock,
  ) {
    this.sessions = new SealedTokens(keys.session, 'justera:session', clock);
    this.logins = new SealedTokens(keys.loginTransaction, 'justera:login', clock);
  }

  private options(path: string, maxAgeSeconds: number): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: this.secure, path, maxAge: maxAgeSeconds * 1000 };
  }

  async readPerson(req: Request): Promise<AuthenticatedPerson | undefined> {
    return this.sessions.open(cookiesOf(req)[SESSION_COOKIE]);
  }

  async startSession(res: Response, person: AuthenticatedPerson): Promise<void> {
    res.cookie(SESSION_COOKIE, await this.sessions.seal(person, SESSION_TTL_SECONDS), this.options('/', SESSION_TTL_SECONDS));
  }

  endSession(res: Response): void {
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
