/**
 * Who calls the API: a system with `Authorization: Bearer jk_…` (an API key with scopes) or a person with
 * a login session (scopes from their roles). `requireScope` then answers 403 for anything else. A change
 * made with the session must pass the session's CSRF checks (auth/csrf.ts); an API key needs none, since
 * a browser never adds it to a request another site started.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { JusteraError } from '../../errors';
import { authenticateApiKey, type ApiScope } from '../../use-cases/api-keys';
import type { Actor } from '../../use-cases/service-context';
import type { Database } from '../../use-cases/records';
import type { Clock } from '../../clock';
import { checkJsonCsrf } from '../auth/csrf';
import type { AuthenticatedPerson, PersonRole } from '../auth/person';
import type { AuthPort } from '../app-deps';

export type Principal =
  | { kind: 'api-key'; id: string; name: string; scopes: ApiScope[] }
  | { kind: 'person'; person: AuthenticatedPerson; scopes: ApiScope[] };

declare global {
  namespace Express {
    interface Locals {
      principal?: Principal;
    }
  }
}

const scopesByRole: Record<PersonRole, ApiScope[]> = {
  secretary: ['extracts:read', 'extracts:write', 'audit:read'],
  admin: ['extracts:read', 'extracts:write', 'audit:read', 'admin'],
  signer: [],
};

export function scopesOfPerson(person: AuthenticatedPerson): ApiScope[] {
  return [...new Set(person.roles.flatMap((role) => scopesByRole[role]))];
}

export function actorOf(principal: Principal): Actor {
  return principal.kind === 'api-key'
    ? { kind: 'api-key', id: principal.id, name: principal.name }
    : { kind: 'person', subject: principal.person.subject, name: principal.person.name };
}

/** Sets res.locals.principal, or answers 401 ERR_UNAUTHENTICATED. */
export function authenticateClient(db: Database, auth: AuthPort, publicBaseUrl: string, clock: Clock): RequestHandler {
  const ownOrigin = new URL(publicBaseUrl).origin;
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const row = match ? await authenticateApiKey(db.knex, match[1], clock.now()) : undefined;
      if (!row) throw new JusteraError('ERR_UNAUTHENTICATED', 'the API key is not valid (unknown, revoked, or not of the form "Bearer jk_…")', { field: 'Authorization' });
      res.locals.principal = { kind: 'api-key', id: row.id, name: row.name, scopes: row.scopes as ApiScope[] };
      next();
      return;
    }
    const session = await auth.readSession(req);
    if (!session) throw new JusteraError('ERR_UNAUTHENTICATED', 'log in (OpenID Connect) or send an API key as "Authorization: Bearer jk_…"', { field: 'Authorization' });
    checkJsonCsrf(req, session.csrfToken, ownOrigin);
    const { person } = session;
    res.locals.principal = { kind: 'person', person, scopes: scopesOfPerson(person) };
    next();
  };
}

export function requireScope(scope: ApiScope): RequestHandler {
  return (_req, res, next) => {
    const principal = res.locals.principal;
    if (!principal) throw new JusteraError('ERR_UNAUTHENTICATED', 'not authenticated', { field: 'Authorization' });
    if (!principal.scopes.includes(scope)) {
      const who = principal.kind === 'api-key' ? `API key "${principal.name}"` : principal.person.name;
      throw new JusteraError('ERR_FORBIDDEN', `${who} lacks the scope "${scope}" this request needs`, { field: 'scope' });
    }
    next();
  };
}

export function principalOf(res: Response): Principal {
  const principal = res.locals.principal;
  if (!principal) throw new JusteraError('ERR_UNAUTHENTICATED', 'not authenticated', { field: 'Authorization' });
  return principal;
}

/** The logged-in person (session only: a signature is a person's act, never an API key's); a change passes the CSRF checks. */
export async function requirePerson(auth: AuthPort, req: Request, ownOrigin: string): Promise<AuthenticatedPerson> {
  const session = await auth.readSession(req);
  if (!session) throw new JusteraError('ERR_UNAUTHENTICATED', 'log in as the invited person to use this invitation', { field: 'session' });
  checkJsonCsrf(req, session.csrfToken, ownOrigin);
  return session.person;
}
