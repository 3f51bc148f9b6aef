/**
 * What the service's use cases need, injected: the database, the clock, the document engines (assembly and
 * PAdES signing, wired to the real workflows by src/server/bootstrap.ts), the invitation tokens (the auth
 * layer's) and a few settings. Use cases never read the environment or import the HTTP layer.
 */
import type { Knex } from 'knex';
import type { Clock } from '../clock';
import type { ProtocolMeta } from '../domain/extract';
import type { ProtocolConversionNotes } from '../domain/protocol-conversion';
import type { ProtocolPageText } from '../domain/protocol-text';
import type { SignerIdentityPolicy } from '../domain/signer-pseudonym';
import type { SignerField } from '../domain/roles';
import type { Database } from '../storage/db';

/** The authenticated person as the login layer hands it over (src/server/auth). */
export interface SigningPerson {
  subject: string;
  name: string;
  givenName: string;
  surname: string;
  personnummer?: string;
  email?: string;
  /** The authentication level (OIDC acr); it goes into the signer's certificate. */
  acr: string;
}

export interface AssembledDocument {
  pdf: Uint8Array;
  verificationCode: string;
  /** Made from a protocol PDF: the text of its pages kept, for the signing page (protocol-text.ts). */
  protocolText?: ProtocolPageText[];
  /** Made from a protocol PDF: what the assembly kept, removed and claims, for the secretary. */
  protocolConversion?: ProtocolConversionNotes;
}

/** A protocol PDF made elsewhere, to be assembled with our signature page (assemble --from-pdf). */
export interface ProtocolUpload {
  pdf: Uint8Array;
  /** The pages kept (1-based), for one § justerad on its own (omedelbar justering); all when left out. */
  pages?: number[];
}

export interface SignedDocument {
  /**
   * Every new revision in order: the signature, then the document timestamp when the last field was signed;
   * with the SHA-256 (hex) of its bytes, computed by the engine (on the service, off the main thread).
   */
  revisions: { pdf: Uint8Array; sha256: string; kind: 'signed' | 'timestamped' }[];
}

export interface DocumentVerdict {
  justeringComplete: boolean;
  indication: string;
  summary: string;
}

/**
 * Who a signature is for, as the engines see it: the login's person without the personnummer, and the
 * certificate's subject serialNumber that the signing service chose (signer-pseudonym.ts).
 */
export interface SignRequest {
  field: SignerField;
  person: Omit<SigningPerson, 'personnummer'>;
  subjectSerialNumber?: string;
  at: Date;
}

/** The byte-level engines, behind a seam so the service can be tested without rebuilding PDFs. */
export interface DocumentEngines {
  /** With `protocol`: that protocol made elsewhere (its pages picked, if so), then our signature page. */
  assemble(extract: ProtocolMeta, createdAt: Date, protocol?: ProtocolUpload): Promise<AssembledDocument>;
  sign(pdf: Uint8Array, request: SignRequest): Promise<SignedDocument>;
  verify(pdf: Uint8Array): Promise<DocumentVerdict>;
}

/** What a verified invitation token says (the auth layer's InvitationClaims plus its jti). */
export interface InvitationClaimsBase {
  extractId: string;
  documentVersion: number;
  field: string;
  name: string;
  personnummerHash?: string;
  emailHash?: string;
  issuedAt: Date;
  expiresAt: Date;
  jti: string;
}

export interface InvitationTokens {
  issue(claims: {
    extractId: string;
    documentVersion: number;
    field: string;
    person: { name: string; personnummer?: string; email?: string };
    expiresAt: Date;
  }): Promise<string>;
  /** Throws ERR_INVITATION_INVALID (tampered, foreign) or ERR_INVITATION_EXPIRED (unless `acceptExpired`). */
  verify(token: string, options?: { acceptExpired?: boolean }): Promise<InvitationClaimsBase>;
  matchesInvitedPerson(claims: InvitationClaimsBase, person: SigningPerson, mode: 'personnummer' | 'email'): boolean;
}

export interface JusteradEvent {
  extractId: string;
  version: number;
  finalPdfSha256: string;
  justeradAt: Date;
}

/**
 * Called in the transaction that makes an extract justerad (the anslag of issue 7). `prepare`, when given,
 * is called with the same event before that transaction, outside it, for the CPU-heavy part (rendering
 * and sealing the notice), so the transaction (on SQLite: the only connection) only inserts rows; the hook
 * must still work when `prepare` was not called or was called for another event. It adds nothing to the
 * audit trail: the signature's events, `published` included, are written after it in one statement.
 */
export interface JusteradHook {
  (trx: Knex.Transaction, event: JusteradEvent): Promise<{ anslagId: string; postedOn: string; takedownOn: string; published: boolean }[]>;
  prepare?(event: JusteradEvent): Promise<void>;
}

export interface ServiceSettings {
  publicBaseUrl: string;
  signerMatch: 'personnummer' | 'email';
  /** What the signer certificate's serialNumber carries: a pseudonym unless the deployment opted in to the personnummer. */
  signerIdentity: SignerIdentityPolicy;
  invitationTtlDays: number;
  reminderAfterHours: number;
}

export interface ServiceContext {
  db: Database;
  clock: Clock;
  engines: DocumentEngines;
  invitations: InvitationTokens;
  settings: ServiceSettings;
  onJusterad?: JusteradHook;
  /** Test hooks (only with JUSTERA_TEST_HOOKS=1): runs inside the commit transaction of a signature. */
  hooks?: { beforeSignatureCommit?(field: string): Promise<void> };
}

/** Who did something, as written into the audit trail (never a personnummer). */
export type Actor =
  | { kind: 'person'; subject: string; name: string }
  | { kind: 'api-key'; id: string; name: string }
  | { kind: 'system' };

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'person':
      return `person:${actor.name} <${actor.subject}>`;
    case 'api-key':
      return `api-key:${actor.name} (${actor.id})`;
    case 'system':
      return 'system';
  }
}
