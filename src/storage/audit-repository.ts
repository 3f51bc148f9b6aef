/** Audit events, one chain per extract; the hash is computed by the workflow (src/use-cases/audit-chain.ts). */
import type { Knex } from 'knex';
import type { Db } from './db';

export interface AuditEventRow {
  extractId: string;
  seq: number;
  at: string;
  type: string;
  actor: string;
  /** JSON text, stored exactly as hashed. */
  details: string;
  prevHash: string;
  hash: string;
}

interface AuditRecord {
  extract_id: string;
  seq: number;
  at: string;
  type: string;
  actor: string;
  details: string;
  prev_hash: string;
  hash: string;
}

function toRow(r: AuditRecord): AuditEventRow {
  return { extractId: r.extract_id, seq: Number(r.seq), at: r.at, type: r.type, actor: r.actor, details: r.details, prevHash: r.prev_hash, hash: r.hash };
}

export async function lastAuditEvent(db: Db, extractId: string): Promise<AuditEventRow | undefined> {
  const r = (await db('audit_events').where({ extract_id: extractId }).orderBy('seq', 'desc').first()) as AuditRecord | undefined;
  return r ? toRow(r) : undefined;
}

/** Inserts events in one statement, in order. */
export async function insertAuditEvents(db: Db, rows: readonly AuditEventRow[]): Promise<void> {
  if (rows.length > 0) await auditEventsInsert(db, rows);
}

/** insertAuditEvents' statement, for writeTogether; `rows` not empty. */
export function auditEventsInsert(db: Db, rows: readonly AuditEventRow[]): Knex.QueryBuilder {
  return db('audit_events').insert(
    rows.map((row) => ({
      extract_id: row.extractId,
      seq: row.seq,
      at: row.at,
      type: row.type,
      actor: row.actor,
      details: row.details,
      prev_hash: row.prevHash,
      hash: row.hash,
    })),
  );
}

export async function listAuditEvents(db: Db, extractId: string): Promise<AuditEventRow[]> {
  return ((await db('audit_events').where({ extract_id: extractId }).orderBy('seq')) as AuditRecord[]).map(toRow);
}

/** Every extract id that has audit events, for the chain check over the whole database. */
export async function listAuditedExtractIds(db: Db): Promise<string[]> {
  const rows = (await db('audit_events').distinct('extract_id').orderBy('extract_id')) as { extract_id: string }[];
  return rows.map((r) => r.extract_id);
}
