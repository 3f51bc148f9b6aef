/**
 * PDF bytes, content-addressed by SHA-256 and never overwritten, and the revisions that point at them.
 * A revision row is inserted in the same transaction as its blob: a crash leaves the previous revision current.
 */
import { createHash } from 'node:crypto';
import type { RevisionKind } from '../domain/extract-lifecycle';
import type { Db } from './db';

export interface PdfRevisionRow {
  extractId: string;
  version: number;
  seq: number;
  sha256: string;
  kind: RevisionKind;
  field: string | null;
  createdAt: string;
}

/** A `pdf_revisions` row as the database returns it (snake_case). */
export interface RevisionRecord {
  extract_id: string;
  version: number;
  seq: number;
  sha256: string;
  kind: string;
  field: string | null;
  created_at: string;
}

export function toRevision(r: RevisionRecord): PdfRevisionRow {
  return {
    extractId: r.extract_id,
    version: Number(r.version),
    seq: Number(r.seq),
    sha256: r.sha256,
    kind: r.kind as RevisionKind,
    field: r.field,
    createdAt: r.created_at,
  };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Bytes to store under their SHA-256 (hex), computed where the bytes were made. */
export interface Blob {
  sha256: string;
  bytes: Uint8Array;
}

/** Stores the bytes once; the same bytes stored again are a no-op. Returns their SHA-256 (hex). */
export async function putBlob(db: Db, bytes: Uint8Array, createdAt: string): Promise<string> {
  const sha256 = sha256Hex(bytes);
  await putBlobs(db, [{ sha256, bytes }], createdAt);
  return sha256;
}

/** putBlob for several blobs in one statement; each `sha256` must be that of its bytes. */
export async function putBlobs(db: Db, blobs: readonly Blob[], createdAt: string): Promise<void> {
  if (blobs.length === 0) return;
  await db('pdf_blobs')
    .insert(blobs.map(({ sha256, bytes }) => ({ sha256, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), size: bytes.byteLength, created_at: createdAt })))
    .onConflict('sha256')
    .ignore();
}

export async function getBlob(db: Db, sha256: string): Promise<Buffer | undefined> {
  const row = (await db('pdf_blobs').select('bytes').where({ sha256 }).first()) as { bytes: Buffer } | undefined;
  return row?.bytes;
}

/** Inserts the next revision of a document version; `seq` must be one past the current head. */
export async function insertRevision(db: Db, row: PdfRevisionRow): Promise<void> {
  await insertRevisions(db, [row]);
}

/** Inserts revisions in one statement, in order (each `seq` one past the one before). */
export async function insertRevisions(db: Db, rows: readonly PdfRevisionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db('pdf_revisions').insert(
    rows.map((row) => ({
      extract_id: row.extractId,
      version: row.version,
      seq: row.seq,
      sha256: row.sha256,
      kind: row.kind,
      field: row.field,
      created_at: row.createdAt,
    })),
  );
}

export async function findHeadRevision(db: Db, extractId: string, version: number): Promise<PdfRevisionRow | undefined> {
  const r = (await db('pdf_revisions').where({ extract_id: extractId, version }).orderBy('seq', 'desc').first()) as RevisionRecord | undefined;
  return r ? toRevision(r) : undefined;
}

export async function listRevisions(db: Db, extractId: string): Promise<PdfRevisionRow[]> {
  const rows = (await db('pdf_revisions').where({ extract_id: extractId }).orderBy([{ column: 'version' }, { column: 'seq' }])) as RevisionRecord[];
  return rows.map(toRevision);
}
