/**
 * The signer's use cases behind an invitation link: open it, sign the field, or decline with a comment.
 * The token is checked by the auth layer (tampered / expired); whether it is still usable (signed, declined,
 * superseded by a new document version) is decided here from the `signers` row, inside the extract's lock.
 * A signature's new revision is stored in the same transaction as its bytes: a crash keeps the last one.
 */
import type { Knex } from 'knex';
import { JusteraError } from '../errors';
import { CHAIR_FIELD, type SignerField } from '../domain/roles';
import { describeExtract, extractUpdate, updateExtract, type ExtractDescription, type ExtractRow } from '../storage/extracts-repository';
import { blobsInsert, chainBlobs, getBlob, revisionsInsert, type Blob, type PdfRevisionRow } from '../storage/pdf-revisions-repository';
import { findSigner, signerUpdate, updateSigner, type SignerRow } from '../storage/signers-repository';
import { auditEventsInsert } from '../storage/audit-repository';
import { writeTogether } from '../storage/db';
import { readSigningRows, type SigningRows } from '../storage/signing-repository';
import { withExtractLock, withLockedRead } from '../storage/transactions';
import { appendAuditEvent, appendAuditEvents, chainAuditEvents, type AuditChainEnd, type AuditEventInput } from './audit-chain';
import { nextState } from '../domain/extract-lifecycle';
import { inviteSigners, loadExtractJson } from './extract-service';
import { enqueueMail, enqueueMails, signedDocumentUrls } from './mail';
import { resultMailText } from '../texts/mails';
import { signerSerialNumber } from '../domain/signer-pseudonym';
import type { DocumentVerdict, InvitationClaimsBase, ServiceContext, SignedDocument, SigningPerson } from './service-context';

export interface InvitationView extends ExtractDescription {
  extractId: string;
  version: number;
  field: string;
  role: string;
  signerName: string;
  state: ExtractRow['state'];
  signerState: SignerRow['state'];
  /** SHA-256 of the PDF the signer is asked to sign (the current revision). */
  documentSha256: string;
  signers: { field: string; role: string; name: string; state: SignerRow['state']; signedAt: string | null }[];
}

function personLabel(person: SigningPerson): string {
  return `person:${person.name} <${person.subject}>`;
}

/** Refuses a link that can no longer be used, with the reason the person needs. */
function checkUsable(claims: InvitationClaimsBase, extract: ExtractRow | undefined, signer: SignerRow | undefined): asserts extract is ExtractRow {
  if (!extract || !signer) throw new JusteraError('ERR_INVITATION_INVALID', 'the invitation names an extract or field that does not exist', { field: 'token' });
  if (signer.invitationJti !== claims.jti || claims.documentVersion !== extract.currentVersion) {
    throw new JusteraError('ERR_INVITATION_USED', 'this link belongs to an earlier version of the extract; use the newest invitation', { field: 'token' });
  }
  if (signer.state === 'signed') throw new JusteraError('ERR_INVITATION_USED', `this link was already used: ${signer.name} signed ${signer.field} at ${signer.signedAt}`, { field: 'token' });
  if (signer.state === 'declined') throw new JusteraError('ERR_INVITATION_USED', `this link was already used: ${signer.name} declined at ${signer.declinedAt}`, { field: 'token' });
}

/** Refuses a login that is not the invited person, and records the refusal in the extract's trail. */
async function checkPerson(ctx: ServiceContext, claims: InvitationClaimsBase, person: SigningPerson): Promise<void> {
  if (ctx.invitations.matchesInvitedPerson(claims, person, ctx.settings.signerMatch)) return;
  await withExtractLock(ctx.db, claims.extractId, async (trx, extract) => {
    if (extract) {
      await appendAuditEvent(trx, { extractId: extract.id, at: ctx.clock.now(), type: 'login_refused', actor: personLabel(person), details: { field: claims.field, version: claims.documentVersion, invited: claims.name, reason: 'wrong_person' } });
    }
  });
  throw new JusteraError('ERR_WRONG_PERSON', `this invitation is for another person than the one logged in (${person.name}); log in as the invited person`, { field: 'token' });
}

function invitationView(extract: ExtractRow, signer: SignerRow, rows: SigningRows): InvitationView {
  return {
    extractId: extract.id,
    version: extract.currentVersion,
    field: signer.field,
    role: signer.role,
    signerName: signer.name,
    state: extract.state,
    signerState: signer.state,
    ...describeExtract(extract),
    documentSha256: rows.head?.sha256 ?? '',
    signers: rows.signers.map((s) => ({ field: s.field, role: s.role, name: s.name, state: s.state, signedAt: s.signedAt })),
  };
}

/** The signing rows of the invited version, read under the extract's lock (withLockedRead). */
function lockedSigningRows(claims: InvitationClaimsBase): (trx: Knex.Transaction) => Promise<SigningRows> {
  return (trx) => readSigningRows(trx, claims.extractId, claims.documentVersion);
}

/** Records "link opened" (first time) and, once the person is logged in, "authenticated"; returns what is to be signed. */
export async function openInvitation(ctx: ServiceContext, token: string, person: SigningPerson | undefined): Promise<InvitationView> {
  const claims = await ctx.invitations.verify(token);
  if (person) await checkPerson(ctx, claims, person);
  return withLockedRead(ctx.db, claims.extractId, lockedSigningRows(claims), async (trx, rows) => {
    const { extract } = rows;
    const signer = rows.signers.find((s) => s.field === claims.field);
    checkUsable(claims, extract, signer);
    const now = ctx.clock.now();
    if (!signer!.linkOpenedAt) {
      await updateSigner(trx, signer!, { linkOpenedAt: now.toISOString() });
      await appendAuditEvents(trx, rows.lastAudit, [{ extractId: extract.id, at: now, type: 'link_opened', actor: person ? personLabel(person) : 'anonymous', details: { field: claims.field, version: claims.documentVersion } }]);
    }
    return invitationView(extract, signer!, rows);
  });
}

export interface SignResult {
  extractId: string;
  field: string;
  state: ExtractRow['state'];
  revision: number;
  sha256: string;
  justerad: boolean;
}

/** Attempts before giving up when other signatures of the same document keep landing first. */
const MAX_SIGNING_ATTEMPTS = 8;

interface SigningState {
  extract: ExtractRow;
  signer: SignerRow;
  signers: SignerRow[];
  head: PdfRevisionRow;
  lastAudit: AuditChainEnd;
}

/**
 * Everything that must hold for this signature, checked on the rows of one read (before signing and again
 * at commit). The rows are those of the invited version; checkUsable requires it to be the current one.
 */
function signingState(claims: InvitationClaimsBase, rows: SigningRows): SigningState {
  const { extract, signers } = rows;
  const signer = signers.find((s) => s.field === claims.field);
  checkUsable(claims, extract, signer);
  if (extract.state !== 'out_for_justering') nextState(extract.state, 'sign');
  if (extract.signingOrder === 'chair-last' && signer!.field === CHAIR_FIELD && signers.some((s) => s.field !== CHAIR_FIELD && s.state !== 'signed')) {
    throw new JusteraError('ERR_WRONG_STATE', 'the ordförande signs last on this extract: every justerare must sign first', { field: 'field' });
  }
  if (!rows.head) throw new JusteraError('ERR_NOT_FOUND', `extract "${extract.id}" has no stored PDF`, { field: 'id' });
  return { extract, signer: signer!, signers, head: rows.head, lastAudit: rows.lastAudit };
}

/**
 * Signs the invited field for the logged-in person. The signature is computed on the current revision
 * without holding the document's lock (so several documents are signed in parallel), then committed inside
 * withExtractLock after checking that no other revision landed meanwhile; if one did, the signature is made
 * again on the new revision. So concurrent signers of one document are applied one after the other, and
 * the revision row is committed together with its complete bytes.
 */
export async function signWithInvitation(ctx: ServiceContext, token: string, person: SigningPerson): Promise<SignResult> {
  const claims = await ctx.invitations.verify(token);
  await checkPerson(ctx, claims, person);
  for (let attempt = 1; ; attempt++) {
    const db = ctx.db.knex;
    const before = signingState(claims, await readSigningRows(db, claims.extractId, claims.documentVersion));
    const bytes = await getBlob(db, before.head.sha256);
    if (!bytes) throw new JusteraError('ERR_NOT_FOUND', `extract "${claims.extractId}" has no stored PDF`, { field: 'id' });
    const now = ctx.clock.now();
    const { personnummer, ...engineSide } = person;
    const subjectSerialNumber = signerSerialNumber(ctx.settings.signerIdentity, personnummer, now);
    const signed = await ctx.engines.sign(bytes, { field: before.signer.field as SignerField, person: engineSide, at: now, ...(subjectSerialNumber && { subjectSerialNumber }) });
    // The last signature: the final document's verification starts now (another engine worker) while the
    // anslag's notice is rendered, so the commit transaction only inserts rows, the verdict among them.
    const last = before.signers.every((s) => s.field === before.signer.field || s.state === 'signed');
    const final = signed.revisions[signed.revisions.length - 1]!;
    const verification = last ? settled(ctx.engines.verify(final.pdf)) : undefined;
    if (last && ctx.onJusterad?.prepare) {
      await ctx.onJusterad.prepare({ extractId: before.extract.id, version: before.extract.currentVersion, finalPdfSha256: final.sha256, justeradAt: now });
    }
    const made: MadeSignature = { head: { sha256: before.head.sha256, bytes }, signed, person, at: now, pseudonym: pseudonymOf(ctx, subjectSerialNumber), verdict: verification && (await verification()) };
    const committed = await withLockedRead(ctx.db, claims.extractId, lockedSigningRows(claims), async (trx, rows) => {
      const current = signingState(claims, rows);
      if (current.head.seq !== before.head.seq || current.head.sha256 !== before.head.sha256) return undefined;
      if (ctx.hooks?.beforeSignatureCommit) await ctx.hooks.beforeSignatureCommit(current.signer.field);
      return commitSignature(ctx, trx, current, made);
    });
    if (committed) return committed;
    if (attempt >= MAX_SIGNING_ATTEMPTS) {
      throw new JusteraError('ERR_CONFLICT', 'other signatures of this document kept landing first; try again', { field: 'token' });
    }
  }
}

/** What one attempt made, for commitSignature to store. */
interface MadeSignature {
  /** The head revision's bytes, which the signed revisions extend. */
  head: Blob;
  signed: SignedDocument;
  person: SigningPerson;
  at: Date;
  pseudonym: string | undefined;
  /** Our verifier's verdict on the final document, when this signature was to complete the justering. */
  verdict: DocumentVerdict | undefined;
}

async function commitSignature(ctx: ServiceContext, trx: Knex.Transaction, state: SigningState, made: MadeSignature): Promise<SignResult> {
  const { extract, signer, signers } = state;
  const { signed, person, at: now, pseudonym } = made;
  const at = now.toISOString();
  const revisions = signed.revisions.map((revision, index) => ({
    extractId: extract.id,
    version: extract.currentVersion,
    seq: state.head.seq + 1 + index,
    sha256: revision.sha256,
    kind: revision.kind,
    field: revision.kind === 'signed' ? signer.field : null,
    createdAt: at,
  }));
  const { seq, sha256 } = revisions[revisions.length - 1] ?? state.head;
  const writes = [
    blobsInsert(trx, chainBlobs(made.head, signed.revisions.map((revision) => ({ sha256: revision.sha256, bytes: revision.pdf }))), at),
    revisionsInsert(trx, revisions),
    signerUpdate(trx, signer, { state: 'signed', signedAt: at, acr: person.acr, signerSubject: person.subject }),
  ];
  const actor = personLabel(person);
  const events: AuditEventInput[] = [
    { extractId: extract.id, at: now, type: 'authenticated', actor, details: { field: signer.field, acr: person.acr } },
    // The pseudonym in the certificate, next to the person it stands for: the trail binds the two (the
    // trail never holds a personnummer; with SIGNER_CERTIFICATE_ID=personnummer there is no pseudonym).
    { extractId: extract.id, at: now, type: 'signed', actor, details: { field: signer.field, role: signer.role, name: signer.name, revision: state.head.seq + 1, sha256, ...(pseudonym && { pseudonym }) } },
  ];
  const remaining = signers.filter((s) => s.field !== signer.field && s.state !== 'signed');
  let next = extract.state;
  if (remaining.length === 0) {
    next = nextState(extract.state, 'complete');
    if (signed.revisions.some((r) => r.kind === 'timestamped')) {
      events.push({ extractId: extract.id, at: now, type: 'timestamped', actor: 'system', details: { revision: seq, sha256 } });
    }
    events.push({ extractId: extract.id, at: now, type: 'justerad', actor: 'system', details: { version: extract.currentVersion, sha256 } });
    // The anslag's row names the final PDF's blob: the blob goes in before it.
    await writeTogether(trx, ctx.db.dialect, writes.splice(0));
    await mailResult(ctx, trx, extract, signers, now);
    if (ctx.onJusterad) {
      const anslag = await ctx.onJusterad(trx, { extractId: extract.id, version: extract.currentVersion, finalPdfSha256: sha256, justeradAt: now });
      if (anslag.some((a) => a.published)) {
        next = nextState(next, 'publish');
        for (const a of anslag) {
          events.push({ extractId: extract.id, at: now, type: 'published', actor: 'system', details: { anslagId: a.anslagId, postedOn: a.postedOn, takedownOn: a.takedownOn } });
        }
      }
    }
    // Another signature's landing can make this one the last unforeseen: then the verdict is made here.
    const verdict = made.verdict ?? (await ctx.engines.verify(signed.revisions[signed.revisions.length - 1]!.pdf));
    events.push({ extractId: extract.id, at: now, type: 'verified', actor: 'system', details: { sha256, indication: verdict.indication, justeringComplete: verdict.justeringComplete, summary: verdict.summary } });
  } else if (extract.signingOrder === 'chair-last' && remaining.every((s) => s.field === CHAIR_FIELD) && remaining.some((s) => !s.invitedAt)) {
    const json = await loadExtractJson(trx, extract.id, extract.currentVersion);
    await inviteSigners(ctx, trx, extract, remaining, json.participants.secretary.email);
  }
  // Neither the invitations nor the justerad hook add to the trail: the chain read under the lock still ends it.
  writes.push(auditEventsInsert(trx, chainAuditEvents(state.lastAudit, events)), extractUpdate(trx, extract.id, { state: next, updatedAt: at }));
  await writeTogether(trx, ctx.db.dialect, writes);
  return { extractId: extract.id, field: signer.field, state: next, revision: seq, sha256, justerad: remaining.length === 0 };
}

/**
 * The justering is complete: every signer gets the link to the signed PDF and their receipt (behind their
 * own login; a link, not an attachment, so the mail stays small and the PDF goes only to the invited
 * person), the secretary the link to the extract's page.
 */
async function mailResult(ctx: ServiceContext, trx: Knex.Transaction, extract: ExtractRow, signers: SignerRow[], now: Date): Promise<void> {
  const what = `${extract.body} § ${extract.paragraphs} ${extract.title}`;
  const secretaryEmail = (await loadExtractJson(trx, extract.id, extract.currentVersion)).participants.secretary.email;
  const mails = signers
    .filter((signer) => signer.email && signer.invitationToken)
    .map((signer) => ({ extractId: extract.id, to: signer.email!, at: now, ...resultMailText({ signerName: signer.name, what, urls: signedDocumentUrls(ctx.settings.publicBaseUrl, signer.invitationToken!) }) }));
  if (secretaryEmail) {
    mails.push({ extractId: extract.id, to: secretaryEmail, subject: `Justerat: ${what}`, text: `Protokollsutdraget ${extract.title} är justerat av alla.\n\n${ctx.settings.publicBaseUrl}/sekreterare/utdrag/${extract.id}`, at: now });
  }
  await enqueueMails(trx, mails);
}

function pseudonymOf(ctx: ServiceContext, serialNumber: string | undefined): string | undefined {
  return ctx.settings.signerIdentity.kind === 'pseudonym' ? serialNumber : undefined;
}

/** A promise whose rejection waits for its reader: a verification started for a signature that fails before reading it (the notice could not be made) is dropped unread. */
function settled<T>(promise: Promise<T>): () => Promise<T> {
  const outcome = promise.then((value) => ({ value }), (error: unknown) => ({ error }));
  return async () => {
    const result = await outcome;
    if ('error' in result) throw result.error;
    return result.value;
  };
}

/** The longest decline comment (about two pages); the signing page's text area has the same limit. */
export const MAX_DECLINE_COMMENT_CHARS = 5000;

export async function declineWithInvitation(ctx: ServiceContext, token: string, person: SigningPerson, comment: string): Promise<{ extractId: string; field: string; state: ExtractRow['state'] }> {
  const text = comment.trim();
  if (text.length === 0) throw new JusteraError('ERR_INPUT_INVALID', 'comment must say why you decline (it goes to the secretary)', { field: 'comment' });
  if (text.length > MAX_DECLINE_COMMENT_CHARS) throw new JusteraError('ERR_INPUT_INVALID', `comment is ${text.length} characters; at most ${MAX_DECLINE_COMMENT_CHARS}`, { field: 'comment' });
  const claims = await ctx.invitations.verify(token);
  await checkPerson(ctx, claims, person);
  return withExtractLock(ctx.db, claims.extractId, async (trx, extract) => {
    const signer = await findSigner(trx, claims.extractId, claims.documentVersion, claims.field);
    checkUsable(claims, extract, signer);
    const state = nextState(extract.state, 'decline');
    const now = ctx.clock.now();
    const at = now.toISOString();
    await updateSigner(trx, signer!, { state: 'declined', declinedAt: at, declineComment: text, acr: person.acr, signerSubject: person.subject });
    await updateExtract(trx, extract.id, { state, updatedAt: at });
    await appendAuditEvent(trx, { extractId: extract.id, at: now, type: 'authenticated', actor: personLabel(person), details: { field: signer!.field, acr: person.acr } });
    await appendAuditEvent(trx, { extractId: extract.id, at: now, type: 'declined', actor: personLabel(person), details: { field: signer!.field, role: signer!.role, name: signer!.name, comment: text } });
    const json = await loadExtractJson(trx, extract.id, extract.currentVersion);
    if (json.participants.secretary.email) {
      await enqueueMail(trx, {
        extractId: extract.id,
        to: json.participants.secretary.email,
        subject: `Avböjt: ${extract.body} § ${extract.paragraphs} ${extract.title}`,
        text: `${signer!.name} avböjde att justera och skrev:\n\n${text}\n\nRevidera utdraget och skicka det igen.`,
        at: now,
      });
    }
    return { extractId: extract.id, field: signer!.field, state };
  });
}
