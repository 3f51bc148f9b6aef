/**
 * What a signer's receipt says: only to the person who signed or declined with this invitation. A used
 * invitation stays good for its receipt and the signed PDF after its expiry (the result mail points there).
 */
import { JusteraError } from '../errors';
import { findDocumentVersion, findExtract } from '../storage/extracts-repository';
import { listRevisions } from '../storage/pdf-revisions-repository';
import { findSigner, listSigners } from '../storage/signers-repository';
import type { ServiceContext } from './service-context';
import type { InvitationView } from './signing-service';

export interface SigningReceipt {
  extractId: string;
  signerName: string;
  field: string;
  outcome: 'signed' | 'declined';
  at: string;
  verificationCode: string | null;
  /** Every signer of this version has signed. */
  justerad: boolean;
  /** The justerad PDF is this version's (no newer version replaced it): the signer may download it. */
  finalPdfAvailable: boolean;
  signers: InvitationView['signers'];
  title: string;
  body: string;
  paragraphs: string;
  /** The document as this signature left it (later signatures add revisions after it). */
  sha256: string | null;
  /** A newer version of the extract, out for justering, that waits for this signer (after a decline). */
  newerVersion: number | null;
}

export async function signingReceipt(ctx: ServiceContext, token: string, personSubject: string): Promise<SigningReceipt> {
  const db = ctx.db.knex;
  const claims = await ctx.invitations.verify(token, { acceptExpired: true });
  const signer = await findSigner(db, claims.extractId, claims.documentVersion, claims.field);
  const extract = await findExtract(db, claims.extractId);
  if (!signer || !extract || signer.invitationJti !== claims.jti || signer.state === 'pending' || signer.signerSubject !== personSubject) {
    throw new JusteraError('ERR_NOT_FOUND', 'there is no receipt for this link and this person (it has not been used to sign or decline)', { field: 'token' });
  }
  const [version, signers, revisions] = await Promise.all([
    findDocumentVersion(db, claims.extractId, claims.documentVersion),
    listSigners(db, claims.extractId, claims.documentVersion),
    listRevisions(db, claims.extractId),
  ]);
  const own = revisions.find((r) => r.version === claims.documentVersion && r.kind === 'signed' && r.field === signer.field);
  // A decline led to a revision: the same field of the newer version waits for this person's new link.
  const newer = extract.currentVersion > claims.documentVersion ? await findSigner(db, claims.extractId, extract.currentVersion, claims.field) : undefined;
  const justerad = signers.every((s) => s.state === 'signed');
  return {
    extractId: claims.extractId,
    signerName: signer.name,
    field: signer.field,
    outcome: signer.state,
    at: (signer.state === 'signed' ? signer.signedAt : signer.declinedAt) ?? '',
    verificationCode: version?.verificationCode ?? null,
    justerad,
    finalPdfAvailable: justerad && extract.currentVersion === claims.documentVersion,
    newerVersion: newer?.state === 'pending' && extract.state === 'out_for_justering' ? extract.currentVersion : null,
    signers: signers.map((s) => ({ field: s.field, role: s.role, name: s.name, state: s.state, signedAt: s.signedAt })),
    title: extract.title,
    body: extract.body,
    paragraphs: extract.paragraphs,
    sha256: own?.sha256 ?? null,
  };
}
