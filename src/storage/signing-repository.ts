/**
 * What one signature reads, in one statement: the extract, the signers of the invited document version,
 * that version's head revision (no bytes) and the end of the extract's audit chain. The signing use case
 * reads it before signing and again inside the extract's lock (withLockedRead), before its commit.
 */
import { rawRows, type Db } from './db';
import { toExtract, type ExtractRecord, type ExtractRow } from './extracts-repository';
import { toRevision, type PdfRevisionRow, type RevisionRecord } from './pdf-revisions-repository';
import { signerColumns, toSigner, type SignerRow } from './signers-repository';

export interface SigningRows {
  extract: ExtractRow | undefined;
  /** Ordered by field. */
  signers: SignerRow[];
  head: PdfRevisionRow | undefined;
  /** The extract's last audit event, which the next one links to. */
  lastAudit: { seq: number; hash: string } | undefined;
}

const REVISION_COLUMNS = ['extract_id', 'version', 'seq', 'sha256', 'kind', 'field', 'created_at'] as const;

// One row per signer (one without signers); the extract, head and audit columns repeat on each.
const SIGNING_ROWS_SQL = [
  'select e.*,',
  [...signerColumns.map((c) => `s.${c} as s_${c}`), ...REVISION_COLUMNS.map((c) => `r.${c} as r_${c}`), 'a.seq as a_seq', 'a.hash as a_hash'].join(', '),
  'from extracts e',
  'left join signers s on s.extract_id = e.id and s.version = ?',
  'left join pdf_revisions r on r.extract_id = e.id and r.version = ? and r.seq = (select max(seq) from pdf_revisions where extract_id = e.id and version = ?)',
  'left join audit_events a on a.extract_id = e.id and a.seq = (select max(seq) from audit_events where extract_id = e.id)',
  'where e.id = ?',
  'order by s.field',
].join(' ');

type Joined = ExtractRecord & { [column: string]: unknown };

function prefixed<T>(record: Joined, prefix: string, columns: readonly string[]): T {
  return Object.fromEntries(columns.map((c) => [c, record[prefix + c]])) as T;
}

export async function readSigningRows(db: Db, extractId: string, version: number): Promise<SigningRows> {
  const records = rawRows<Joined>(await db.raw(SIGNING_ROWS_SQL, [version, version, version, extractId]));
  const first = records[0];
  if (!first) return { extract: undefined, signers: [], head: undefined, lastAudit: undefined };
  return {
    extract: toExtract(first),
    signers: records.filter((r) => r.s_field !== null && r.s_field !== undefined).map((r) => toSigner(r, 's_')),
    head: first.r_seq === null ? undefined : toRevision(prefixed<RevisionRecord>(first, 'r_', REVISION_COLUMNS)),
    lastAudit: first.a_seq === null ? undefined : { seq: Number(first.a_seq), hash: String(first.a_hash) },
  };
}
