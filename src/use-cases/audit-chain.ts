/**
 * The audit trail: one hash chain per extract. Each event carries the SHA-256 of the previous event's hash
 * and its own canonical content, so changing, removing or reordering any stored event breaks a link that
 * `checkAuditChains` reports. Appending happens inside the extract's lock (withExtractLock).
 */
import { createHash } from 'node:crypto';
import type { Db } from '../storage/db';
import { insertAuditEvents, lastAuditEvent, listAuditEvents, listAuditedExtractIds, type AuditEventRow } from '../storage/audit-repository';

export type AuditEventType =
  | 'created'
  | 'sent'
  | 'reminded'
  | 'reinvited'
  | 'email_changed'
  | 'login_refused'
  | 'link_opened'
  | 'authenticated'
  | 'signed'
  | 'declined'
  | 'timestamped'
  | 'justerad'
  | 'revised'
  | 'cancelled'
  | 'published'
  | 'taken_down'
  | 'verified';

export type AuditDetails = Record<string, string | number | boolean | null | string[]>;

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level: the same content always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashAuditEvent(event: Omit<AuditEventRow, 'hash'>): string {
  const content = canonicalJson({ extractId: event.extractId, seq: event.seq, at: event.at, type: event.type, actor: event.actor, details: event.details });
  return createHash('sha256').update(event.prevHash).update('\n').update(content).digest('hex');
}

/** An event to append: the chain (seq, prevHash, hash) is filled in from the event before it. */
export interface AuditEventInput {
  extractId: string;
  at: Date;
  type: AuditEventType;
  actor: string;
  details?: AuditDetails;
}

/** The link an appended event hangs from: the extract's last event, none for a new trail. */
export type AuditChainEnd = Pick<AuditEventRow, 'seq' | 'hash'> | undefined;

/** The events linked after `last`, in order. */
export function chainAuditEvents(last: AuditChainEnd, events: readonly AuditEventInput[]): AuditEventRow[] {
  let end = last;
  return events.map((event) => {
    const unsigned = {
      extractId: event.extractId,
      seq: end ? end.seq + 1 : 1,
      at: event.at.toISOString(),
      type: event.type,
      actor: event.actor,
      details: canonicalJson(event.details ?? {}),
      prevHash: end ? end.hash : GENESIS_HASH,
    };
    const row: AuditEventRow = { ...unsigned, hash: hashAuditEvent(unsigned) };
    end = row;
    return row;
  });
}

export async function appendAuditEvent(trx: Db, event: AuditEventInput): Promise<AuditEventRow> {
  const [row] = await appendAuditEvents(trx, await lastAuditEvent(trx, event.extractId), [event]);
  return row!;
}

/**
 * Appends events of one extract after `last`, which the caller read inside the extract's lock (so no other
 * event came in between), in one statement.
 */
export async function appendAuditEvents(trx: Db, last: AuditChainEnd, events: readonly AuditEventInput[]): Promise<AuditEventRow[]> {
  const rows = chainAuditEvents(last, events);
  await insertAuditEvents(trx, rows);
  return rows;
}

export interface AuditChainBreak {
  extractId: string;
  seq: number;
  reason: string;
}

/** Every broken link in one extract's chain: a changed event, a missing or reordered one, a wrong hash. */
export function checkAuditChain(events: AuditEventRow[]): AuditChainBreak[] {
  const breaks: AuditChainBreak[] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const event of events) {
    if (event.seq !== expectedSeq) breaks.push({ extractId: event.extractId, seq: event.seq, reason: `expected event ${expectedSeq}, found ${event.seq} (an event is missing)` });
    if (event.prevHash !== prevHash) breaks.push({ extractId: event.extractId, seq: event.seq, reason: 'prev_hash does not match the hash of the event before it' });
    if (hashAuditEvent(event) !== event.hash) breaks.push({ extractId: event.extractId, seq: event.seq, reason: 'the event was changed after it was recorded (its hash does not match its content)' });
    prevHash = event.hash;
    expectedSeq = event.seq + 1;
  }
  return breaks;
}

export interface AuditCheckResult {
  extractsChecked: number;
  eventsChecked: number;
  breaks: AuditChainBreak[];
}

export async function checkAuditChains(db: Db, extractIds?: string[]): Promise<AuditCheckResult> {
  const ids = extractIds ?? (await listAuditedExtractIds(db));
  const result: AuditCheckResult = { extractsChecked: 0, eventsChecked: 0, breaks: [] };
  for (const id of ids) {
    const events = await listAuditEvents(db, id);
    result.extractsChecked += 1;
    result.eventsChecked += events.length;
    result.breaks.push(...checkAuditChain(events));
  }
  return result;
}

/** The trail as exported over HTTP: details parsed back to JSON. */
export function exportAuditEvent(event: AuditEventRow): { seq: number; at: string; type: string; actor: string; details: unknown; prevHash: string; hash: string } {
  return { seq: event.seq, at: event.at, type: event.type, actor: event.actor, details: JSON.parse(event.details) as unknown, prevHash: event.prevHash, hash: event.hash };
}
