/**
 * What createApp needs, injected. `src/server/bootstrap.ts` builds the real ones from the configuration;
 * tests build their own (a fresh database, a pinned clock).
 */
import type { RequestHandler, Request, Router } from 'express';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { ServiceConfig } from '../config/service-config';
import type { KeyMaterial } from '../ca/keys-folder';
import type { Database } from '../use-cases/records';
import type { AuthenticatedPerson } from './auth/person';
import type { Session } from './auth/session';
import type { ServiceContext, InvitationTokens } from '../use-cases/service-context';
import type { ServiceMetrics } from './metrics';
import type { Timestamper } from '../tsa/timestamper';

/** The login layer (src/server/auth, docs/service.md, "The login layer"). */
export interface AuthPort {
  router: Router;
  authenticate: RequestHandler;
  readSession(req: Request): Promise<Session | undefined>;
  readPerson(req: Request): Promise<AuthenticatedPerson | undefined>;
  loginUrl(returnTo: string, lang?: 'sv' | 'en'): string;
  invitations: InvitationTokens;
  demo: boolean;
  close(): Promise<void>;
}

/** The in-process TSA served at /tsa (absent when TSA_URL names another one). */
export interface TsaPort {
  handleRequest(requestDer: Uint8Array): Promise<Uint8Array>;
}

export interface AppDeps {
  config: ServiceConfig;
  db: Database;
  /** Whether the database answers (readiness); wired by the composition root. */
  databaseReachable(): Promise<boolean>;
  keys: KeyMaterial;
  clock: Clock;
  logger: Logger;
  metrics: ServiceMetrics;
  auth: AuthPort;
  /** The service's one timestamper (TSA_URL, TSA_CHAIN), for the seals of the documents it renders. */
  timestamper: Timestamper;
  tsa?: TsaPort;
  service: ServiceContext;
}
