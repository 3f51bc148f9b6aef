/**
 * PDF bytes, content-addressed by SHA-256 and never overwritten, and the revisions that point at them.
 * A revision row is inserted in the same transaction as its blob: a crash leaves the previous revision current.
 * A blob that extends another (an incremental update) stores only the bytes it appends (migration
 * 500-blob-chains); getBlob joins the chain back into the whole file. A blob is a base for others, so none
 * is ever deleted on its own.
 */
import { createHash } from 'node:crypto';
import type { RevisionKind } from '../domain/extract-lifecycle';
import type { Knex } from 'knex';
import { rawRows, type Db } from './db';

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
  /** A stored blob that `bytes` begins with, byte for byte (chainBlobs checks it): only the rest is stored. */
  base?: { sha256: string; size: number };
}

/** Stores the bytes once; the same bytes stored again are a no-op. Returns their SHA-256 (hex). */
export async function putBlob(db: Db, bytes: Uint8Array, createdAt: string): Promise<string> {
  const sha256 = sha256Hex(bytes);
  await putBlobs(db, [{ sha256, bytes }], createdAt);
  return sha256;
}

/**
 * The blobs of revisions appended one after the other to `base` (stored already), each based on the one
 * before it where it really begins with that one's bytes; one that does not is stored whole.
 */
export function chainBlobs(base: Blob, next: readonly Blob[]): Blob[] {
  let previous = base;
  return next.map((blob) => {
    const before = previous;
    previous = blob;
    const prefix = before.bytes.byteLength;
    const extendsBefore = blob.bytes.byteLength > prefix && Buffer.from(blob.bytes.buffer, blob.bytes.byteOffset, prefix).equals(before.bytes);
    return extendsBefore ? { ...blob, base: { sha256: before.sha256, size: prefix } } : blob;
  });
}

/** putBlob for several blobs in one statement; each `sha256` must be that of its whole bytes. */
export async function putBlobs(db: Db, blobs: readonly Blob[], createdAt: string): Promise<void> {
  if (blobs.length > 0) await blobsInsert(db, blobs, createdAt);
}

/** putBlobs' statement, for writeTogether; `blobs` not empty. */
export function blobsInsert(db: Db, blobs: readonly Blob[], createdAt: string): Knex.QueryBuilder {
  return db('pdf_blobs')
    .insert(
      blobs.map(({ sha256, bytes, base }) => {
        const stored = base ? bytes.subarray(base.size) : bytes;
        return { sha256, bytes: Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength), base_sha256: base?.sha256 ?? null, size: bytes.byteLength, created_at: createdAt };
      }),
    )
    .onConflict('sha256')
    .ignore();
}

/** A blob and the blobs it extends, the whole file last (its base_sha256 null). */
const BLOB_CHAIN_SQL = [
  'with recursive chain (sha256, base_sha256, bytes, depth) as (',
  'select sha256, base_sha256, bytes, 0 from pdf_blobs where sha256 = ?',
  'union all',
  'select b.sha256, b.base_sha256, b.bytes, c.depth + 1 from pdf_blobs b join chain c on b.sha256 = c.base_sha256',
  ')',
  'select sha256, base_sha256, bytes from chain order by depth desc',
].join(' ');

interface ChainRow {
  sha256: string;
  base_sha256: string | null;
  bytes: Buffer;
}

export async function getBlob(db: Db, sha256: string): Promise<Buffer | undefined> {
  const rows = rawRows<ChainRow>(await db.raw(BLOB_CHAIN_SQL, [sha256]));
  if (rows.length === 0) return undefined;
  const whole = rows[0]!;
  if (whole.base_sha256 !== null) throw new Error(`the bytes of blob ${sha256} are incomplete: blob ${whole.sha256} extends blob ${whole.base_sha256}, which is missing from pdf_blobs`);
  return rows.length === 1 ? whole.bytes : Buffer.concat(rows.map((row) => row.bytes));
}

/** Inserts the next revision of a document version; `seq` must be one past the current head. */
export async function insertRevision(db: Db, row: PdfRevisionRow): Promise<void> {
  await insertRevisions(db, [row]);
}

/** Inserts revisions in one statement, in order (each `seq` one past the one before). */
export async function insertRevisions(db: Db, rows: readonly PdfRevisionRow[]): Promise<void> {
  if (rows.length > 0) await revisionsInsert(db, rows);
}

/** insertRevisions' statement, for writeTogether; `rows` not empty. */
export function revisionsInsert(db: Db, rows: readonly PdfRevisionRow[]): Knex.QueryBuilder {
  return db('pdf_revisions').insert(
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
