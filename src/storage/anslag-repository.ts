/**
 * Rows of the anslag table (see migrations/100-anslag.ts). Plain functions over a knex handle or
 * transaction; which anslag is "current" is decided by the caller's date, never by the database clock.
 */
import type { AnslagKind, AnslagState } from '../domain/extract-lifecycle';
import type { SignerRole } from '../domain/roles';
import type { Db } from './db';

/** A signer as the public may see one: name and role, never an identity number. */
export interface PublicSigner {
  field: string;
  name: string;
  role: SignerRole;
}

export interface AnslagRecord {
  id: string;
  extractId: string;
  version: number;
  kind: AnslagKind;
  body: string;
  meetingDate: string;
  paragraphs: string;
  title: string;
  caseNumber: string | null;
  storageLocation: string;
  verificationCode: string | null;
  signers: PublicSigner[];
  justeradAt: string;
  justeradOn: string;
  postedOn: string;
  appealEndsOn: string;
  takedownOn: string;
  pdfSha256: string;
  noticePdfSha256: string;
  state: AnslagState;
  publishedAt: string | null;
  takenDownAt: string | null;
  createdAt: string;
}

interface AnslagRow {
  id: string;
  extract_id: string;
  version: number;
  kind: string;
  body: string;
  meeting_date: string;
  paragraphs: string;
  title: string;
  case_number: string | null;
  storage_location: string;
  verification_code: string | null;
  signers_json: string;
  justerad_at: string;
  justerad_on: string;
  posted_on: string;
  appeal_ends_on: string;
  takedown_on: string;
  pdf_sha256: string;
  notice_pdf_sha256: string;
  state: string;
  published_at: string | null;
  taken_down_at: string | null;
  search_text: string;
  created_at: string;
}

const TABLE = 'anslag';

/** The words the archive search matches: everything a citizen could look for, lower-cased. */
function searchTextOf(record: AnslagRecord): string {
  return [record.body, record.title, record.paragraphs, `§ ${record.paragraphs}`, record.caseNumber ?? '', record.meetingDate, record.postedOn, record.verificationCode ?? '']
    .join(' ')
    .toLocaleLowerCase('sv-SE');
}

function toRow(record: AnslagRecord): AnslagRow {
  return {
    id: record.id,
    extract_id: record.extractId,
    version: record.version,
    kind: record.kind,
    body: record.body,
    meeting_date: record.meetingDate,
    paragraphs: record.paragraphs,
    title: record.title,
    case_number: record.caseNumber,
    storage_location: record.storageLocation,
    verification_code: record.verificationCode,
    signers_json: JSON.stringify(record.signers.map(({ field, name, role }) => ({ field, name, role }))),
    justerad_at: record.justeradAt,
    justerad_on: record.justeradOn,
    posted_on: record.postedOn,
    appeal_ends_on: record.appealEndsOn,
    takedown_on: record.takedownOn,
    pdf_sha256: record.pdfSha256,
    notice_pdf_sha256: record.noticePdfSha256,
    state: record.state,
    published_at: record.publishedAt,
    taken_down_at: record.takenDownAt,
    search_text: searchTextOf(record),
    created_at: record.createdAt,
  };
}

function fromRow(row: AnslagRow): AnslagRecord {
  return {
    id: row.id,
    extractId: row.extract_id,
    version: Number(row.version),
    kind: row.kind as AnslagKind,
    body: row.body,
    meetingDate: row.meeting_date,
    paragraphs: row.paragraphs,
    title: row.title,
    caseNumber: row.case_number,
    storageLocation: row.storage_location,
    verificationCode: row.verification_code,
    signers: JSON.parse(row.signers_json) as PublicSigner[],
    justeradAt: row.justerad_at,
    justeradOn: row.justerad_on,
    postedOn: row.posted_on,
    appealEndsOn: row.appeal_ends_on,
    takedownOn: row.takedown_on,
    pdfSha256: row.pdf_sha256,
    noticePdfSha256: row.notice_pdf_sha256,
    state: row.state as AnslagState,
    publishedAt: row.published_at,
    takenDownAt: row.taken_down_at,
    createdAt: row.created_at,
  };
}

export async function insertAnslag(db: Db, record: AnslagRecord): Promise<void> {
  await db<AnslagRow>(TABLE).insert(toRow(record));
}

export async function findAnslag(db: Db, id: string): Promise<AnslagRecord | undefined> {
  const row = await db<AnslagRow>(TABLE).where({ id }).first();
  return row ? fromRow(row) : undefined;
}

export async function listAnslagForExtract(db: Db, extractId: string): Promise<AnslagRecord[]> {
  const rows = await db<AnslagRow>(TABLE).where({ extract_id: extractId }).orderBy([{ column: 'version' }, { column: 'kind' }]);
  return rows.map(fromRow);
}

/** The anslag of the document that carries this verification code (the QR code's target). */
export async function findAnslagByVerificationCode(db: Db, code: string): Promise<AnslagRecord | undefined> {
  const row = await db<AnslagRow>(TABLE).where({ verification_code: code }).orderBy('posted_on', 'desc').first();
  return row ? fromRow(row) : undefined;
}

/** Anslag on the anslagstavla on `today`: posted on or before it, not yet taken down. Newest first. */
export async function listCurrentAnslag(db: Db, today: string): Promise<AnslagRecord[]> {
  const rows = await db<AnslagRow>(TABLE)
    .where('posted_on', '<=', today)
    .andWhere('takedown_on', '>', today)
    .orderBy([{ column: 'posted_on', order: 'desc' }, { column: 'id' }]);
  return rows.map(fromRow);
}

export interface ArchiveQuery {
  /** Free text; every word must occur (case-insensitive) in the body, title, §, case number or dates. */
  q?: string;
  /** Only anslag posted on or before this date (the archive never shows what is not yet posted). */
  postedOnOrBefore: string;
  limit: number;
  offset: number;
}

/** Every anslag ever posted, current or taken down, newest first, filtered by the search words. */
export async function searchAnslagArchive(db: Db, query: ArchiveQuery): Promise<{ total: number; items: AnslagRecord[] }> {
  const words = (query.q ?? '')
    .toLocaleLowerCase('sv-SE')
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .slice(0, 10);
  const base = db<AnslagRow>(TABLE).where('posted_on', '<=', query.postedOnOrBefore);
  for (const word of words) {
    // The word is a bound value; only LIKE's own wildcards need escaping.
    base.andWhereRaw("search_text like ? escape '\\'", [`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`]);
  }
  const [countRow] = await base.clone().clearOrder().count<{ total: number | string }[]>({ total: '*' });
  const rows = await base
    .orderBy([{ column: 'posted_on', order: 'desc' }, { column: 'id' }])
    .limit(query.limit)
    .offset(query.offset);
  return { total: Number(countRow?.total ?? 0), items: rows.map(fromRow) };
}

/** Scheduled anslag whose day has come (to be marked published). */
export async function listAnslagDueForPublishing(db: Db, today: string): Promise<AnslagRecord[]> {
  const rows = await db<AnslagRow>(TABLE).where({ state: 'scheduled' }).andWhere('posted_on', '<=', today);
  return rows.map(fromRow);
}

/** Published (or still scheduled) anslag whose takedown day has come. */
export async function listAnslagDueForTakedown(db: Db, today: string): Promise<AnslagRecord[]> {
  const rows = await db<AnslagRow>(TABLE).whereIn('state', ['scheduled', 'published']).andWhere('takedown_on', '<=', today);
  return rows.map(fromRow);
}

/** Records a state change once: returns false when another process already made it. */
export async function setAnslagState(db: Db, id: string, from: AnslagState[], to: AnslagState, at: string): Promise<boolean> {
  const changes: Partial<AnslagRow> = { state: to };
  if (to === 'published') changes.published_at = at;
  if (to === 'taken_down') changes.taken_down_at = at;
  const updated = await db<AnslagRow>(TABLE).where({ id }).whereIn('state', from).update(changes);
  return updated > 0;
}
