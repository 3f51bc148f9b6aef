/**
 * CSRF protection of every form on the signing and secretary pages: a double-submit token. A random value
 * lives in an HttpOnly, SameSite=Strict cookie and in a hidden field of each form; a POST is accepted only
 * when both are present and equal (another site can make the browser send the cookie, but cannot read it
 * to fill the field), and only when its Origin, if sent, is our own.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { JusteraError } from '../../errors';

export const CSRF_COOKIE = 'justera_csrf';
export const CSRF_FIELD = '_csrf';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function cookieToken(req: Request): string | undefined {
  const match = new RegExp(`(?:^|;\\s*)${CSRF_COOKIE}=([^;]*)`).exec(req.headers.cookie ?? '');
  return match && TOKEN_PATTERN.test(match[1]) ? match[1] : undefined;
}

/** The token for the forms of this page; sets the cookie the first time. */
export function csrfToken(req: Request, res: Response, secureCookies: boolean): string {
  const existing = cookieToken(req);
  if (existing) return existing;
  const token = randomBytes(32).toString('base64url');
  res.cookie(CSRF_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: secureCookies, path: '/' });
  return token;
}

/** Refuses a form post whose token does not match the cookie, or that another origin started. */
export function checkCsrf(req: Request, submitted: unknown, ownOrigin: string): void {
  const origin = req.get('origin');
  if (origin !== undefined && origin !== ownOrigin) {
    throw new JusteraError('ERR_FORBIDDEN', `a form sent from ${origin} is not accepted`, { field: 'Origin' });
  }
  const expected = cookieToken(req);
  const ok = expected !== undefined && typeof submitted === 'string' && submitted.length === expected.length && timingSafeEqual(Buffer.from(submitted), Buffer.from(expected));
  if (!ok) throw new JusteraError('ERR_FORBIDDEN', 'the form has no valid CSRF token (it expired, or came from another site); reload the page and send it again', { field: CSRF_FIELD });
}
