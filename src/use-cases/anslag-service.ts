/**
 * The anslag's life: created in the transaction that makes an extract justerad (the service's onJusterad
 * hook; its notice PDF is rendered before that transaction when the service calls the hook's prepare),
 * posted at once or up to two days later, taken down the day after the appeal period ends.
 * Whether an anslag is up is decided from the clock when it is read; `runAnslagSchedule` also records the
 * changes (anslag state, extract state, audit events) so the trail says when each one happened.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '../clock';
import { anslagSchedule } from '../domain/appeal-period';
import { stockholmDate } from '../domain/calendar-date';
import type { Extract } from '../domain/extract';
import { requiredSigners } from '../domain/roles';
import { JusteraError } from '../errors';
import {
  findAnslag,
  insertAnslag,
  listAnslagDueForPublishing,
  listAnslagDueForTakedown,
  setAnslagState,
  type AnslagRecord,
} from '../storage/anslag-repository';
import type { Database, Db } from '../storage/db';
import { findDocumentVersion, updateExtract } from '../storage/extracts-repository';
import { getBlob, putBlobs, sha256Hex } from '../storage/pdf-revisions-repository';
import { withExtractLock } from '../storage/transactions';
import { appendAuditEvent } from './audit-chain';
import { canApply, nextState, type AnslagState } from '../domain/extract-lifecycle';
import type { JusteradEvent, JusteradHook } from './service-context';

/** What the anslag's own PDF shows; rendered and sealed by the notice renderer. */
export type AnslagNotice = Omit<AnslagRecord, 'noticePdfSha256' | 'state' | 'publishedAt' | 'takenDownAt' | 'createdAt'>;

/** Renders the anslag as a sealed PDF/A (src/documents/anslag-notice-pdf.ts in the service). */
export type NoticePdfRenderer = (notice: AnslagNotice, at: Date) => Promise<Uint8Array>;

export interface AnslagContext {
  db: Database;
  clock: Clock;
  /** Days between justering and posting: 0 (default) to 2 (KL 8 kap. 12 §). */
  publishDelayDays: number;
  renderNoticePdf: NoticePdfRenderer;
}

function newAnslagId(): string {
  return randomBytes(9).toString('base64url');
}

function noticeFrom(extract: Extract, event: JusteradEvent, verificationCode: string | null, publishDelayDays: number): AnslagNotice {
  const schedule = anslagSchedule(stockholmDate(event.justeradAt), { publishDelayDays });
  return {
    id: newAnslagId(),
    extractId: event.extractId,
    version: event.version,
    kind: extract.immediateAdjustment ? 'omedelbar' : 'protocol',
    body: extract.body,
    meetingDate: extract.meetingDate,
    paragraphs: extract.paragraphs.join(', '),
    title: extract.title,
    caseNumber: extract.caseNumber,
    storageLocation: extract.storageLocation,
    verificationCode,
    // Names and roles only: the personnummer stays with the signer rows and the certificates.
    signers: requiredSigners(extract).map((signer) => ({ field: signer.field, name: signer.person.name, role: signer.role })),
    justeradAt: event.justeradAt.toISOString(),
    justeradOn: schedule.justeradOn,
    postedOn: schedule.postedOn,
    appealEndsOn: schedule.appealPeriodEndsOn,
    takedownOn: schedule.takedownOn,
    pdfSha256: event.finalPdfSha256,
  };
}

/** An anslag made ready outside any transaction: its row and its rendered, sealed notice PDF. */
export interface PreparedAnslag {
  record: AnslagRecord;
  noticePdf: Uint8Array;
}

/**
 * Builds the anslag of a justerad extract version and renders its sealed notice (the CPU-heavy part).
 * `db` may be a transaction or the database itself: the document version it reads never changes.
 * An omedelbart justerad paragraph (the extract's immediateAdjustment) is its own extract and so gets its
 * own anslag, marked so.
 */
export async function prepareAnslag(db: Db, ctx: Pick<AnslagContext, 'clock' | 'publishDelayDays' | 'renderNoticePdf'>, event: JusteradEvent): Promise<PreparedAnslag> {
  const stored = await findDocumentVersion(db, event.extractId, event.version);
  if (!stored) throw new JusteraError('ERR_NOT_FOUND', `extract "${event.extractId}" has no document version ${event.version}`, { field: 'version' });
  const extract = JSON.parse(stored.extractJson) as Extract;
  const notice = noticeFrom(extract, event, stored.verificationCode ?? null, ctx.publishDelayDays);
  const now = ctx.clock.now();
  const noticePdf = await ctx.renderNoticePdf(notice, now);
  const published = notice.postedOn <= stockholmDate(now);
  const record: AnslagRecord = {
    ...notice,
    noticePdfSha256: sha256Hex(noticePdf),
    state: published ? 'published' : 'scheduled',
    publishedAt: published ? now.toISOString() : null,
    takenDownAt: null,
    createdAt: now.toISOString(),
  };
  return { record, noticePdf };
}

/** Inserts a prepared anslag and its notice blob inside the caller's transaction (rows only). */
export async function insertPreparedAnslag(trx: Db, prepared: PreparedAnslag): Promise<AnslagRecord> {
  await putBlobs(trx, [{ sha256: prepared.record.noticePdfSha256, bytes: prepared.noticePdf }], prepared.record.createdAt);
  await insertAnslag(trx, prepared.record);
  return prepared.record;
}

/** Creates the anslag of a justerad extract version inside the caller's transaction, rendering included. */
export async function createAnslagForJustering(trx: Db, ctx: Pick<AnslagContext, 'clock' | 'publishDelayDays' | 'renderNoticePdf'>, event: JusteradEvent): Promise<AnslagRecord> {
  return insertPreparedAnslag(trx, await prepareAnslag(trx, ctx, event));
}

/** Prepared anslag waiting for their transaction; more than this (commits that never came) are dropped, oldest first. */
const PREPARED_LIMIT = 64;

/**
 * The service's onJusterad hook (src/use-cases/service-context.ts). Its `prepare` renders the notice before
 * the justerad transaction; the hook then only inserts, or renders inside when nothing matching was prepared.
 */
export function anslagJusteradHook(ctx: Pick<AnslagContext, 'db' | 'clock' | 'publishDelayDays' | 'renderNoticePdf'>): JusteradHook {
  const prepared = new Map<string, PreparedAnslag>();
  const keyOf = (event: JusteradEvent): string => [event.extractId, event.version, event.finalPdfSha256, event.justeradAt.toISOString()].join('\u0000');
  const hook: JusteradHook = async (trx: Knex.Transaction, event) => {
    const key = keyOf(event);
    const ready = prepared.get(key);
    prepared.delete(key);
    const record = ready ? await insertPreparedAnslag(trx, ready) : await createAnslagForJustering(trx, ctx, event);
    return [{ anslagId: record.id, postedOn: record.postedOn, takedownOn: record.takedownOn, published: record.state === 'published' }];
  };
  hook.prepare = async (event) => {
    const ready = await prepareAnslag(ctx.db.knex, ctx, event);
    prepared.set(keyOf(event), ready);
    for (const oldest of prepared.keys()) {
      if (prepared.size <= PREPARED_LIMIT) break;
      prepared.delete(oldest);
    }
  };
  return hook;
}

export interface AnslagScheduleRun {
  published: AnslagRecord[];
  takenDown: AnslagRecord[];
}

async function transition(ctx: AnslagContext, anslag: AnslagRecord, from: AnslagState[], to: 'published' | 'taken_down', now: Date): Promise<boolean> {
  return withExtractLock(ctx.db, anslag.extractId, async (trx, extract) => {
    if (!(await setAnslagState(trx, anslag.id, from, to, now.toISOString()))) return false;
    const event = to === 'published' ? 'publish' : 'take_down';
    let state = extract?.state;
    // A delayed anslag can reach its takedown day unseen by this job: publish, then take down.
    if (state && to === 'taken_down' && canApply(state, 'publish')) state = nextState(state, 'publish');
    if (state && canApply(state, event)) state = nextState(state, event);
    if (extract && state && state !== extract.state) await updateExtract(trx, extract.id, { state, updatedAt: now.toISOString() });
    await appendAuditEvent(trx, {
      extractId: anslag.extractId,
      at: now,
      type: to,
      actor: 'system',
      details: { anslagId: anslag.id, postedOn: anslag.postedOn, takedownOn: anslag.takedownOn },
    });
    return true;
  });
}

/**
 * The periodic job: marks the anslag whose posting day has come as published and those whose takedown day
 * has come as taken down, moving their extracts along (anslag_published → anslag_taken_down) with an audit
 * event each. Safe to run from several processes at once: each change is made once.
 */
export async function runAnslagSchedule(ctx: AnslagContext): Promise<AnslagScheduleRun> {
  const now = ctx.clock.now();
  const today = stockholmDate(now);
  const run: AnslagScheduleRun = { published: [], takenDown: [] };
  for (const anslag of await listAnslagDueForPublishing(ctx.db.knex, today)) {
    if (anslag.takedownOn <= today) continue;
    if (await transition(ctx, anslag, ['scheduled'], 'published', now)) run.published.push(anslag);
  }
  for (const anslag of await listAnslagDueForTakedown(ctx.db.knex, today)) {
    if (await transition(ctx, anslag, ['scheduled', 'published'], 'taken_down', now)) run.takenDown.push(anslag);
  }
  return run;
}

/** The signed extract and the anslag's own PDF of one anslag. */
export async function anslagPdf(db: Db, id: string, which: 'signed' | 'notice'): Promise<{ anslag: AnslagRecord; bytes: Buffer } | undefined> {
  const anslag = await findAnslag(db, id);
  if (!anslag) return undefined;
  const bytes = await getBlob(db, which === 'signed' ? anslag.pdfSha256 : anslag.noticePdfSha256);
  return bytes ? { anslag, bytes } : undefined;
}

