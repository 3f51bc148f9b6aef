/**
 * CSRF protection of what a login session may change (issue 11). Each session has its own token, an HMAC of
 * the session id under a server key: it is known to the pages the session is shown, never to another site,
 * and is worthless with any other session. A form carries it in the hidden field `_csrf`; a JSON write
 * carries it in the header `X-CSRF-Token` (which a cross-site form cannot set) and must be
 * `application/json` (a form can send text/plain; a cross-site script cannot send JSON without CORS).
 * Requests with an API key carry no cookie authority and need none of this.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { JusteraError } from '../../errors';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

export function csrfTokenOf(key: Uint8Array, sessionId: string): string {
  return createHmac('sha256', key).update(sessionId).digest('base64url');
}

/** The methods that change nothing (RFC 9110 9.2.1); everything else is a state change. */
export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}

function sameToken(expected: string, submitted: unknown): boolean {
  return typeof submitted === 'string' && submitted.length === expected.length && timingSafeEqual(Buffer.from(submitted), Buffer.from(expected));
}

/** Refuses a request that a page of another origin started (browsers send Origin on every cross-origin POST). */
export function checkOrigin(req: Request, ownOrigin: string): void {
  const origin = req.get('origin');
  if (origin !== undefined && origin !== ownOrigin) {
    throw new JusteraError('ERR_FORBIDDEN', `a request from ${origin} may not act with this session`, { field: 'Origin' });
  }
}

/** A form post made with the session: our origin, and the session's token in `_csrf`. */
export function checkFormCsrf(req: Request, expected: string, submitted: unknown, ownOrigin: string): void {
  checkOrigin(req, ownOrigin);
  if (!sameToken(expected, submitted)) {
    throw new JusteraError('ERR_FORBIDDEN', 'the form has no valid CSRF token (it expired with the session, or came from another site); reload the page and send it again', { field: CSRF_FIELD });
  }
}

/** A state change through the JSON API made with the session: our origin, `application/json`, the token in X-CSRF-Token. */
export function checkJsonCsrf(req: Request, expected: string, ownOrigin: string): void {
  if (isSafeMethod(req.method)) return;
  checkOrigin(req, ownOrigin);
  const hasBody = req.get('content-type') !== undefined || req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;
  if (hasBody && !req.is('application/json')) {
    throw new JusteraError('ERR_INPUT_MEDIA_TYPE', `a request made with the login session must be application/json, not ${req.get('content-type') ?? 'a body without a type'}`, { field: 'Content-Type' });
  }
  if (!sameToken(expected, req.get(CSRF_HEADER))) {
    throw new JusteraError('ERR_FORBIDDEN', `a change made with the login session needs the session's CSRF token in the ${CSRF_HEADER} header (GET /auth/me gives it as csrfToken)`, { field: CSRF_HEADER });
  }
}
