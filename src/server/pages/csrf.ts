/**
 * The session behind a form post of the signing and secretary pages, once the form's CSRF token (the
 * hidden field `_csrf`, bound to the session: auth/csrf.ts) and its Origin have been checked.
 */
import type { Request } from 'express';
import { JusteraError } from '../../errors';
import type { AppDeps } from '../app-deps';
import { checkFormCsrf, CSRF_FIELD } from '../auth/csrf';
import type { Session } from '../auth/session';

export async function formSession(deps: AppDeps, req: Request, fields: Record<string, string>): Promise<Session> {
  const session = await deps.auth.readSession(req);
  if (!session) throw new JusteraError('ERR_UNAUTHENTICATED', 'the login session has ended: log in again and send the form once more', { field: 'session' });
  checkFormCsrf(req, session.csrfToken, fields[CSRF_FIELD], new URL(deps.config.publicBaseUrl).origin);
  return session;
}
