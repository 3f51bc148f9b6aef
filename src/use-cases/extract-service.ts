/**
 * The secretary's use cases: create, send for justering, revise after a decline, cancel, remind, and the
 * read models. Every change runs in the extract's lock (withExtractLock) and appends its audit event in the
 * same transaction, so the trail and the state never disagree.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { JusteraError } from '../errors';
import { addDays } from '../domain/calendar-date';
import { parseExtract, parseProtocolMeta, type ProtocolMeta } from '../domain/extract';
import { requiredSigners, CHAIR_FIELD } from '../domain/roles';
import {
  findDocumentVersion,
  findDocumentVersionByCode,
  findExtract,
  findProtocolReading,
  insertDocumentVersion,
  insertExtract,
  listExtracts,
  listExtractsOfMeeting,
  updateExtract,
  describeExtract,
  type NewDocumentVersion,
  type ProtocolReading,
  type DocumentVersionRow,
  type ExtractDescription,
  type ExtractRow,
} from '../storage/extracts-repository';
import { findHeadRevision, getBlob, insertRevision, listRevisions, putBlob, type PdfRevisionRow } from '../storage/pdf-revisions-repository';
import { insertSigners, listSigners, listSignersDueForReminder, updateSigner, type SignerRow } from '../storage/signers-repository';
import { withExtractLock } from '../storage/transactions';
import { isUniqueViolation } from '../storage/unique-violation';
import { appendAuditEvent } from './audit-chain';
import { nextState, type ExtractState } from '../domain/extract-lifecycle';
import { enqueueMail } from './mail';
import { invitationMailText } from '../texts/mails';
import type { ProtocolConversionNotes } from '../domain/protocol-conversion';
import { actorLabel, type Actor, type AssembledDocument, type ProtocolUpload, type ServiceContext } from './service-context';

/** Days from the meeting to the last day of justering (the municipality's rule of thumb, DOMAIN.md). */
export const JUSTERING_DAYS = 14;

/** Sista dag för justering: the extract's own date, or JUSTERING_DAYS after the meeting. */
export function justeringDeadline(extract: ProtocolMeta): string {
  return extract.deadline ?? addDays(extract.meetingDate, JUSTERING_DAYS);
}

/**
 * Extracts of the same organ and meeting that share a paragraph with `extract` (cancelled ones and `exceptId`
 * left out): most likely the same extract made twice. A warning for the secretary, not a rule: a paragraph
 * can be split over two extracts.
 */
export async function findSameParagraphs(ctx: ServiceContext, extract: ProtocolMeta, exceptId?: string): Promise<ExtractRow[]> {
  const wanted = new Set(extract.paragraphs);
  const rows = await listExtractsOfMeeting(ctx.db.knex, extract.body, extract.meetingDate);
  return rows.filter((row) => row.id !== exceptId && row.state !== 'cancelled' && row.paragraphs.split(', ').some((p) => wanted.has(p)));
}

/** Attempts at a free verification code before giving up (each moves the creation time by a second). */
const CODE_ATTEMPTS = 30;

/**
 * Assembles with a verification code no stored version has and stores it with `store`: the code derives
 * from the content and the creation second, so an identical extract created in the same second moves on
 * by a second. Two such requests at once both see the code free; the loser's insert hits the unique
 * constraint, and it moves on too.
 */
async function storeWithUniqueCode<T>(ctx: ServiceContext, extract: ProtocolMeta, now: Date, protocol: ProtocolUpload | undefined, store: (assembled: AssembledDocument) => Promise<T>): Promise<T> {
  let createdAt = now;
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
    // Assembled before the transaction: a protocol PDF we refuse leaves nothing stored.
    const assembled = await ctx.engines.assemble(extract, createdAt, protocol);
    createdAt = new Date(createdAt.getTime() + 1000);
    if (await findDocumentVersionByCode(ctx.db.knex, assembled.verificationCode)) continue;
    try {
      return await store(assembled);
    } catch (error) {
      if (!(isUniqueViolation(error) && (await findDocumentVersionByCode(ctx.db.knex, assembled.verificationCode)))) throw error;
    }
  }
  throw new JusteraError('ERR_CONFLICT', 'could not give the document a verification code no other document has; try again', { field: 'verificationCode' });
}

export function newExtractId(): string {
  return randomBytes(9).toString('base64url');
}

export function invitationUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}/invitation/${token}`;
}

export function requireExtract(extract: ExtractRow | undefined, id: string): ExtractRow {
  if (!extract) throw new JusteraError('ERR_NOT_FOUND', `no extract with id "${id}"`, { field: 'id' });
  return extract;
}

async function storeAssembled(trx: Knex.Transaction, extractId: string, version: number, pdf: Uint8Array, at: string): Promise<void> {
  const sha256 = await putBlob(trx, pdf, at);
  await insertRevision(trx, { extractId, version, seq: 0, sha256, kind: 'assembled', field: null, createdAt: at });
}

function signerRows(extractId: string, version: number, extract: ProtocolMeta): SignerRow[] {
  return requiredSigners(extract).map((s) => ({
    extractId,
    version,
    field: s.field,
    role: s.role,
    name: s.person.name,
    personnummer: s.person.personnummer ?? null,
    email: s.person.email ?? null,
    state: 'pending',
    invitationJti: null,
    invitationToken: null,
    invitationExpiresAt: null,
    invitedAt: null,
    linkOpenedAt: null,
    signedAt: null,
    signerSubject: null,
    acr: null,
    declinedAt: null,
    declineComment: null,
    lastRemindedAt: null,
    reminderCount: 0,
  }));
}

/**
 * Validates the extract JSON, assembles and seals its PDF, and stores it as a draft (version 1).
 * `protocol`: a protocol made elsewhere (and the pages picked of it); `input` is then its meta JSON,
 * whose sections may be left out.
 */
export async function createExtract(ctx: ServiceContext, input: unknown, actor: Actor, protocol?: ProtocolUpload): Promise<ExtractRow> {
  const extract = protocol ? parseProtocolMeta(withoutSections(input)) : parseExtract(input);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const id = newExtractId();
  const row: ExtractRow = {
    id,
    state: 'draft',
    signingOrder: extract.signingOrder,
    body: extract.body,
    meetingDate: extract.meetingDate,
    paragraphs: extract.paragraphs.join(', '),
    title: extract.title,
    caseNumber: extract.caseNumber,
    deadline: justeringDeadline(extract),
    currentVersion: 1,
    createdBy: actorLabel(actor),
    createdAt: at,
    updatedAt: at,
  };
  await storeWithUniqueCode(ctx, extract, now, protocol, (assembled) =>
    ctx.db.knex.transaction(async (trx) => {
      await insertExtract(trx, row);
      const made = protocol && { ...protocolColumns(protocol, assembled), protocolPdfSha256: await putBlob(trx, protocol.pdf, at) };
      await insertDocumentVersion(trx, { extractId: id, version: 1, extractJson: JSON.stringify(extract), verificationCode: assembled.verificationCode, createdBy: row.createdBy, createdAt: at, ...made });
      await storeAssembled(trx, id, 1, assembled.pdf, at);
      await insertSigners(trx, signerRows(id, 1, extract));
      await appendAuditEvent(trx, {
        extractId: id,
        at: now,
        type: 'created',
        actor: row.createdBy,
        details: { version: 1, verificationCode: assembled.verificationCode, signingOrder: row.signingOrder, deadline: row.deadline },
      });
    }),
  );
  return row;
}

/** What a version made from a protocol stores besides the PDF: the pages picked, the text read, what the assembly did. */
function protocolColumns(protocol: ProtocolUpload, assembled: AssembledDocument): Pick<NewDocumentVersion, 'protocolPages' | 'protocol'> {
  const reading = { ...(assembled.protocolText && { text: assembled.protocolText }), ...(assembled.protocolConversion && { conversion: assembled.protocolConversion }) };
  return { ...(protocol.pages && { protocolPages: protocol.pages }), protocol: reading };
}

async function requireVersion(db: Knex | Knex.Transaction, extractId: string, version: number): Promise<DocumentVersionRow> {
  const stored = await findDocumentVersion(db, extractId, version);
  if (!stored) throw new JusteraError('ERR_NOT_FOUND', `extract "${extractId}" has no document version ${version}`, { field: 'version' });
  return stored;
}

/** The extract of a version; one made from an uploaded protocol PDF has no sections (the PDF holds the text). */
export async function loadExtractJson(db: Knex | Knex.Transaction, extractId: string, version: number): Promise<ProtocolMeta> {
  return JSON.parse((await requireVersion(db, extractId, version)).extractJson) as ProtocolMeta;
}

export interface ReadableVersion {
  extract: ProtocolMeta;
  /** Made from an uploaded protocol: the text read from its pages (undefined for a version made before that text was stored). */
  protocol?: Pick<ProtocolReading, 'text'>;
}

/** A version as the signing page shows it: its extract, and the text read from an uploaded protocol. */
export async function loadReadableVersion(db: Knex | Knex.Transaction, extractId: string, version: number): Promise<ReadableVersion> {
  const stored = await requireVersion(db, extractId, version);
  const protocol = stored.protocolPdfSha256 !== undefined && (await findProtocolReading(db, extractId, version, ['text']));
  return { extract: JSON.parse(stored.extractJson) as ProtocolMeta, ...(protocol && { protocol }) };
}

/** The input of a document made from an uploaded protocol: its sections go, since its text is the protocol's PDF (none would be laid out). */
function withoutSections(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const { sections: _sections, ...rest } = input as Record<string, unknown>;
  return rest;
}

/** The protocol a version was made from (its PDF and the pages picked), or undefined for an extract we lay out. */
async function loadProtocol(db: Knex | Knex.Transaction, extractId: string, version: number): Promise<(ProtocolUpload & { sha256: string }) | undefined> {
  const stored = await findDocumentVersion(db, extractId, version);
  const sha256 = stored?.protocolPdfSha256;
  if (sha256 === undefined) return undefined;
  const pdf = await getBlob(db, sha256);
  if (!pdf) throw new Error(`the protocol PDF ${sha256} of extract ${extractId} version ${version} is missing from pdf_blobs`);
  return { pdf, sha256, ...(stored?.protocolPages && { pages: stored.protocolPages }) };
}

/** Where a signer's mails go: their own address, else the secretary's, who forwards them. */
export function mailAddressOf(signer: Pick<SignerRow, 'email'>, secretaryEmail: string | undefined): string {
  return signer.email ?? secretaryEmail ?? 'sekreterare';
}

/**
 * Gives one signer a fresh link (a new token, a new expiry) and mails it. The signer row keeps one token:
 * the new jti revokes every earlier link of this signer (signing-service.ts refuses a jti that is not the
 * row's). `invited`: a first invitation or a new one (it restarts the reminder clock), not a reminder.
 */
export async function issueInvitation(
  ctx: ServiceContext,
  trx: Knex.Transaction,
  extract: ExtractRow,
  signer: SignerRow,
  mail: { to: string; reminder: boolean },
): Promise<SignerRow> {
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.settings.invitationTtlDays * 86_400_000);
  const token = await ctx.invitations.issue({
    extractId: extract.id,
    documentVersion: extract.currentVersion,
    field: signer.field,
    person: { name: signer.name, ...(signer.personnummer ? { personnummer: signer.personnummer } : {}), ...(signer.email ? { email: signer.email } : {}) },
    expiresAt,
  });
  const { jti } = await ctx.invitations.verify(token);
  const changes: Partial<SignerRow> = { invitationJti: jti, invitationToken: token, invitationExpiresAt: expiresAt.toISOString(), ...(mail.reminder ? {} : { invitedAt: now.toISOString() }) };
  await updateSigner(trx, signer, changes);
  const updated = { ...signer, ...changes };
  await mailInvitation(ctx, trx, { extract, signer: updated, to: mail.to, token, reminder: mail.reminder, at: now });
  return updated;
}

/** Issues and mails the invitations of the given signers (inside the caller's lock). */
export async function inviteSigners(ctx: ServiceContext, trx: Knex.Transaction, extract: ExtractRow, signers: SignerRow[], secretaryEmail: string | undefined): Promise<void> {
  for (const signer of signers) await issueInvitation(ctx, trx, extract, signer, { to: mailAddressOf(signer, secretaryEmail), reminder: false });
}

/** Queues the mail with a signer's link: the invitation or a reminder. */
async function mailInvitation(
  ctx: ServiceContext,
  trx: Knex.Transaction,
  mail: { extract: ExtractRow; signer: SignerRow; to: string; token: string; reminder: boolean; at: Date },
): Promise<void> {
  const { extract, signer, to } = mail;
  const text = invitationMailText({
    to,
    signerName: signer.name,
    role: signer.role,
    body: extract.body,
    paragraphs: extract.paragraphs,
    title: extract.title,
    deadline: extract.deadline,
    url: invitationUrl(ctx.settings.publicBaseUrl, mail.token),
    reminder: mail.reminder,
  });
  await enqueueMail(trx, { extractId: extract.id, to, ...text, at: mail.at });
}

/** Sends a draft out for justering: every signer's link (with `chair-last`, the ordförande's comes later). */
export async function sendExtract(ctx: ServiceContext, extractId: string, actor: Actor): Promise<ExtractRow> {
  return withExtractLock(ctx.db, extractId, async (trx, found) => {
    const extract = requireExtract(found, extractId);
    const state = nextState(extract.state, 'send');
    const json = await loadExtractJson(trx, extractId, extract.currentVersion);
    const signers = await listSigners(trx, extractId, extract.currentVersion);
    const invitedNow = extract.signingOrder === 'chair-last' ? signers.filter((s) => s.field !== CHAIR_FIELD) : signers;
    await inviteSigners(ctx, trx, extract, invitedNow, json.participants.secretary.email);
    const now = ctx.clock.now();
    await updateExtract(trx, extractId, { state, updatedAt: now.toISOString() });
    await appendAuditEvent(trx, {
      extractId,
      at: now,
      type: 'sent',
      actor: actorLabel(actor),
      details: { version: extract.currentVersion, invited: invitedNow.map((s) => s.field), deadline: extract.deadline },
    });
    return { ...extract, state, updatedAt: now.toISOString() };
  });
}

/** After a decline (or on a draft): a new document version from new extract JSON, or the same content re-assembled. */
export async function reviseExtract(ctx: ServiceContext, extractId: string, input: unknown | undefined, actor: Actor): Promise<ExtractRow> {
  const current = requireExtract(await findExtract(ctx.db.knex, extractId), extractId);
  nextState(current.state, 'revise');
  // A document made from an uploaded protocol is revised with the same protocol PDF and the same pages picked.
  const protocol = await loadProtocol(ctx.db.knex, extractId, current.currentVersion);
  const parse = protocol ? (value: unknown) => parseProtocolMeta(withoutSections(value)) : parseExtract;
  const extract = input === undefined ? await loadExtractJson(ctx.db.knex, extractId, current.currentVersion) : parse(input);
  const now = ctx.clock.now();
  return storeWithUniqueCode(ctx, extract, now, protocol, (assembled) =>
    withExtractLock(ctx.db, extractId, async (trx, found) => {
      const locked = requireExtract(found, extractId);
      const state = nextState(locked.state, 'revise');
      const version = locked.currentVersion + 1;
      const at = now.toISOString();
      await insertDocumentVersion(trx, {
        extractId, version, extractJson: JSON.stringify(extract), verificationCode: assembled.verificationCode, createdBy: actorLabel(actor), createdAt: at,
        ...(protocol && { ...protocolColumns(protocol, assembled), protocolPdfSha256: protocol.sha256 }),
      });
      await storeAssembled(trx, extractId, version, assembled.pdf, at);
      await insertSigners(trx, signerRows(extractId, version, extract));
      await trx('extracts').where({ id: extractId }).update({
        state,
        current_version: version,
        signing_order: extract.signingOrder,
        body: extract.body,
        meeting_date: extract.meetingDate,
        paragraphs: extract.paragraphs.join(', '),
        title: extract.title,
        case_number: extract.caseNumber,
        deadline: justeringDeadline(extract),
        updated_at: at,
      });
      await appendAuditEvent(trx, { extractId, at: now, type: 'revised', actor: actorLabel(actor), details: { version, previousVersion: locked.currentVersion, verificationCode: assembled.verificationCode } });
      return requireExtract(await findExtract(trx, extractId), extractId);
    }),
  );
}

export async function cancelExtract(ctx: ServiceContext, extractId: string, actor: Actor, reason: string | undefined): Promise<ExtractRow> {
  return withExtractLock(ctx.db, extractId, async (trx, found) => {
    const extract = requireExtract(found, extractId);
    const state = nextState(extract.state, 'cancel');
    const now = ctx.clock.now();
    await updateExtract(trx, extractId, { state, updatedAt: now.toISOString() });
    await appendAuditEvent(trx, { extractId, at: now, type: 'cancelled', actor: actorLabel(actor), details: { reason: reason ?? null } });
    return { ...extract, state, updatedAt: now.toISOString() };
  });
}

/**
 * Reminds the signers who have not signed (of one extract, or of every extract out for justering). Each
 * reminder carries a fresh link: the earlier one may have expired, and it is revoked. `actor`: who pressed
 * the button (the periodic job is the system).
 */
export async function sendReminders(ctx: ServiceContext, options: { extractId?: string; force?: boolean; actor?: Actor } = {}): Promise<number> {
  const now = ctx.clock.now();
  const before = options.force ? now.toISOString() : new Date(now.getTime() - ctx.settings.reminderAfterHours * 3_600_000).toISOString();
  const due = (await listSignersDueForReminder(ctx.db.knex, before)).filter((s) => options.extractId === undefined || s.extractId === options.extractId);
  let sent = 0;
  for (const candidate of due) {
    await withExtractLock(ctx.db, candidate.extractId, async (trx, extract) => {
      const signer = (await listSigners(trx, candidate.extractId, candidate.version)).find((s) => s.field === candidate.field);
      if (!extract || extract.state !== 'out_for_justering' || extract.currentVersion !== candidate.version || !signer || signer.state !== 'pending' || !signer.invitationToken) return;
      const json = await loadExtractJson(trx, extract.id, extract.currentVersion);
      const reminded = await issueInvitation(ctx, trx, extract, signer, { to: mailAddressOf(signer, json.participants.secretary.email), reminder: true });
      await updateSigner(trx, signer, { lastRemindedAt: now.toISOString(), reminderCount: signer.reminderCount + 1 });
      await appendAuditEvent(trx, {
        extractId: extract.id,
        at: now,
        type: 'reminded',
        actor: actorLabel(options.actor ?? { kind: 'system' }),
        details: { field: signer.field, reminder: signer.reminderCount + 1, linkExpiresAt: reminded.invitationExpiresAt },
      });
      sent += 1;
    });
  }
  return sent;
}

export interface SignerView {
  field: string;
  role: string;
  name: string;
  email: string | null;
  state: SignerRow['state'];
  invitedAt: string | null;
  invitationExpiresAt: string | null;
  invitationUrl: string | null;
  /** Pending with a link whose expiry has passed: the secretary sends a new invitation. */
  linkExpired: boolean;
  linkOpenedAt: string | null;
  signedAt: string | null;
  acr: string | null;
  declinedAt: string | null;
  declineComment: string | null;
  reminderCount: number;
}

export interface ExtractView extends ExtractDescription {
  id: string;
  state: ExtractState;
  signingOrder: string;
  overdue: boolean;
  version: number;
  verificationCode: string | null;
  createdAt: string;
  updatedAt: string;
  signers: SignerView[];
  currentPdf: { sha256: string; revision: number } | null;
  /** Made from an uploaded protocol: the pages picked (absent: all) and what the assembly kept, removed and claims. */
  protocol?: { pages?: number[]; conversion?: ProtocolConversionNotes };
}

/** The secretary's view of one extract: no personnummer (the secretary gave it; it need not travel back). */
export async function getExtractView(ctx: ServiceContext, extractId: string): Promise<ExtractView> {
  const db = ctx.db.knex;
  const extract = requireExtract(await findExtract(db, extractId), extractId);
  const [version, signers, head] = await Promise.all([
    findDocumentVersion(db, extractId, extract.currentVersion),
    listSigners(db, extractId, extract.currentVersion),
    findHeadRevision(db, extractId, extract.currentVersion),
  ]);
  const nowIso = ctx.clock.now().toISOString();
  const today = nowIso.slice(0, 10);
  const conversion = version?.protocolPdfSha256 === undefined ? undefined : (await findProtocolReading(db, extractId, extract.currentVersion, ['conversion'])).conversion;
  const protocol = version?.protocolPdfSha256 !== undefined && { ...(version.protocolPages && { pages: version.protocolPages }), ...(conversion && { conversion }) };
  return {
    id: extract.id,
    state: extract.state,
    signingOrder: extract.signingOrder,
    ...describeExtract(extract),
    overdue: extract.state === 'out_for_justering' && today > extract.deadline,
    version: extract.currentVersion,
    verificationCode: version?.verificationCode ?? null,
    createdAt: extract.createdAt,
    updatedAt: extract.updatedAt,
    currentPdf: head ? { sha256: head.sha256, revision: head.seq } : null,
    ...(protocol && { protocol }),
    signers: signers.map((s) => ({
      field: s.field,
      role: s.role,
      name: s.name,
      email: s.email,
      state: s.state,
      invitedAt: s.invitedAt,
      invitationExpiresAt: s.invitationExpiresAt,
      invitationUrl: s.invitationToken && s.state === 'pending' ? invitationUrl(ctx.settings.publicBaseUrl, s.invitationToken) : null,
      linkExpired: s.state === 'pending' && s.invitationExpiresAt !== null && s.invitationExpiresAt <= nowIso,
      linkOpenedAt: s.linkOpenedAt,
      signedAt: s.signedAt,
      acr: s.acr,
      declinedAt: s.declinedAt,
      declineComment: s.declineComment,
      reminderCount: s.reminderCount,
    })),
  };
}

export async function listExtractViews(ctx: ServiceContext, query: { state?: ExtractState; limit: number; offset: number }): Promise<ExtractRow[]> {
  return listExtracts(ctx.db.knex, query);
}

/** The newest stored revision of the current version, or of a justerad extract only (`final`). */
export async function getExtractPdf(ctx: ServiceContext, extractId: string, which: 'current' | 'final'): Promise<{ bytes: Buffer; revision: PdfRevisionRow; extract: ExtractRow }> {
  const db = ctx.db.knex;
  const extract = requireExtract(await findExtract(db, extractId), extractId);
  if (which === 'final' && !['justerad', 'anslag_published', 'anslag_taken_down'].includes(extract.state)) {
    throw new JusteraError('ERR_WRONG_STATE', `extract "${extractId}" is not justerad yet (state ${extract.state}); its final PDF does not exist`, { field: 'state' });
  }
  const revision = await findHeadRevision(db, extractId, extract.currentVersion);
  const bytes = revision ? await getBlob(db, revision.sha256) : undefined;
  if (!revision || !bytes) throw new JusteraError('ERR_NOT_FOUND', `extract "${extractId}" has no stored PDF`, { field: 'id' });
  return { bytes, revision, extract };
}

export async function listExtractRevisions(ctx: ServiceContext, extractId: string): Promise<PdfRevisionRow[]> {
  requireExtract(await findExtract(ctx.db.knex, extractId), extractId);
  return listRevisions(ctx.db.knex, extractId);
}
