/**
 * Invitation links: a signed token (JWS HS256, jose) bound to the extract, its document version, the
 * signature field and the invited person, with an expiry. Links travel in e-mail, so the token carries
 * the personnummer and e-mail only as an HMAC under a server key, never readable. Whether a link was
 * already used is the service's business (its `signers` row), not the token's.
 */
import { createHmac, randomUUID, timingSafeEqual, webcrypto } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { Clock } from '../../clock';
import { InputError, JusteraError } from '../../errors';
import type { InvitationClaimsBase } from '../../use-cases/service-context';
import type { AuthenticatedPerson } from './person';
import { normalizePersonnummer } from '../../domain/personnummer';

export const INVITATION_AUDIENCE = 'justera:invitation';
/**
 * The deployment is identified by the signing key; the issuer is a constant rather than PUBLIC_BASE_URL, so
 * that mailed links survive a change of address and every process of the service accepts them.
 */
export const INVITATION_ISSUER = 'justera';

export interface InvitedPerson {
  name: string;
  personnummer?: string;
  email?: string;
}

export interface InvitationRequest {
  extractId: string;
  documentVersion: number;
  field: string;
  person: InvitedPerson;
  expiresAt: Date;
}

/**
 * What a token says (the use cases' InvitationClaimsBase without the jti): extract, document version, field,
 * the invited person's name (for the page that greets them before login), `personnummerHash` (base64url
 * HMAC-SHA256 of the 12-digit personnummer) and `emailHash` (of the lower-cased e-mail address), times.
 */
export type InvitationClaims = Omit<InvitationClaimsBase, 'jti'>;

export type MatchMode = 'personnummer' | 'email';

export interface Invitations {
  issue(request: InvitationRequest): Promise<string>;
  /**
   * `acceptExpired`: an expired but genuine link still names its signer (for the receipt and the signed
   * PDF of someone who already used it); everything else is checked as always.
   * @throws JusteraError ERR_INVITATION_INVALID (forged, altered, not ours) or ERR_INVITATION_EXPIRED.
   */
  verify(token: string, options?: { acceptExpired?: boolean }): Promise<InvitationClaims & { jti: string }>;
  /**
   * Whether the logged-in person is the invited one. `personnummer` mode compares the personnummer and
   * falls back to the e-mail when the invitation has none; `email` mode the other way round.
   */
  matchesInvitedPerson(claims: InvitationClaims, person: AuthenticatedPerson, mode: MatchMode): boolean;
}

export interface InvitationKeys {
  signingKey: Uint8Array;
  personHmacKey: Uint8Array;
}

const payloadSchema = z.object({
  jti: z.string().min(1),
  iat: z.number().int(),
  exp: z.number().int(),
  extractId: z.string().min(1),
  documentVersion: z.number().int().positive(),
  field: z.string().min(1),
  name: z.string().min(1),
  pnrHmac: z.string().min(1).optional(),
  emailHmac: z.string().min(1).optional(),
});

export function createInvitations(keys: InvitationKeys, options: { issuer: string; clock: Clock }): Invitations {
  const { issuer, clock } = options;
  const hmac = (value: string) => createHmac('sha256', keys.personHmacKey).update(value, 'utf8').digest('base64url');
  const hashPersonnummer = (value: string, field: string) => hmac(`pnr:${normalizePersonnummer(value, clock.now(), field)}`);
  const hashEmail = (value: string) => hmac(`email:${value.trim().toLowerCase()}`);
  const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  // Given the raw key, jose imports it into WebCrypto for every token (most of a verification's cost); the
  // key imported once serves every token.
  const signingKey = webcrypto.subtle.importKey('raw', keys.signingKey, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);

  async function issue(request: InvitationRequest): Promise<string> {
    const required = (value: string, field: string) => {
      if (value.trim() === '') throw new InputError(`${field} must not be empty`, { field });
    };
    required(request.extractId, 'extractId');
    required(request.field, 'field');
    required(request.person.name, 'person.name');
    if (!Number.isInteger(request.documentVersion) || request.documentVersion < 1) {
      throw new InputError('documentVersion must be a positive integer', { field: 'documentVersion' });
    }
    if (request.person.personnummer === undefined && request.person.email === undefined) {
      throw new InputError('the invited person needs a personnummer or an e-mail address to be recognized at login', {
        field: 'person.personnummer',
      });
    }
    const now = Math.floor(clock.now().getTime() / 1000);
    const exp = Math.floor(request.expiresAt.getTime() / 1000);
    if (!(exp > now)) throw new InputError('expiresAt must be in the future', { field: 'expiresAt' });

    const claims: Record<string, string | number> = {
      extractId: request.extractId,
      documentVersion: request.documentVersion,
      field: request.field,
      name: request.person.name,
    };
    if (request.person.personnummer !== undefined) {
      claims.pnrHmac = hashPersonnummer(request.person.personnummer, 'person.personnummer');
    }
    if (request.person.email !== undefined) claims.emailHmac = hashEmail(request.person.email);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'justera-invitation+jwt' })
      .setIssuer(issuer)
      .setAudience(INVITATION_AUDIENCE)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .sign(await signingKey);
  }

  async function verify(token: string, options: { acceptExpired?: boolean } = {}): Promise<InvitationClaims & { jti: string }> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, await signingKey, {
        algorithms: ['HS256'],
        typ: 'justera-invitation+jwt',
        issuer,
        audience: INVITATION_AUDIENCE,
        currentDate: clock.now(),
        requiredClaims: ['jti', 'iat', 'exp'],
      }));
    } catch (error) {
      // jose checks the signature, typ, issuer and audience before the expiry: an expired payload is genuine.
      if (error instanceof joseErrors.JWTExpired && options.acceptExpired && error.claim === 'exp') {
        payload = error.payload;
      } else if (error instanceof joseErrors.JWTExpired) {
        throw new JusteraError('ERR_INVITATION_EXPIRED', 'This invitation link has expired: ask the secretary for a new one', {
          field: 'token',
          cause: error,
        });
      } else {
        throw new JusteraError('ERR_INVITATION_INVALID', 'This invitation link is not valid (altered or not issued by this service)', {
          field: 'token',
          cause: error,
        });
      }
    }
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success) {
      throw new JusteraError('ERR_INVITATION_INVALID', 'This invitation link is not valid (unexpected content)', { field: 'token' });
    }
    const p = parsed.data;
    const claims: InvitationClaims & { jti: string } = {
      jti: p.jti,
      extractId: p.extractId,
      documentVersion: p.documentVersion,
      field: p.field,
      name: p.name,
      issuedAt: new Date(p.iat * 1000),
      expiresAt: new Date(p.exp * 1000),
    };
    if (p.pnrHmac !== undefined) claims.personnummerHash = p.pnrHmac;
    if (p.emailHmac !== undefined) claims.emailHash = p.emailHmac;
    return claims;
  }

  function matchesInvitedPerson(claims: InvitationClaims, person: AuthenticatedPerson, mode: MatchMode): boolean {
    const byPersonnummer = () =>
      person.personnummer !== undefined &&
      sameHash(hashPersonnummer(person.personnummer, 'personnummer'), claims.personnummerHash!);
    const byEmail = () => person.email !== undefined && sameHash(hashEmail(person.email), claims.emailHash!);
    const hasPnr = claims.personnummerHash !== undefined;
    const hasEmail = claims.emailHash !== undefined;
    if (mode === 'personnummer') return hasPnr ? byPersonnummer() : hasEmail && byEmail();
    return hasEmail ? byEmail() : hasPnr && byPersonnummer();
  }

  return { issue, verify, matchesInvitedPerson };
}
