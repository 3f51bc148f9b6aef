/** Rows of `extracts` and `document_versions`: what the workflow reads and writes, nothing decided here. */
import type { ExtractState } from '../domain/extract-lifecycle';
import type { SigningOrder } from '../domain/extract';
import type { ProtocolPageText } from '../domain/protocol-text';
import type { ProtocolConversionNotes } from '../domain/protocol-conversion';
import type { Knex } from 'knex';
import type { Db } from './db';

export interface ExtractRow {
  id: string;
  state: ExtractState;
  signingOrder: SigningOrder;
  body: string;
  meetingDate: string;
  paragraphs: string;
  title: string;
  caseNumber: string | null;
  deadline: string;
  currentVersion: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** What identifies an extract to a person: shown on every page and answer that names it. */
export type ExtractDescription = Pick<ExtractRow, 'body' | 'meetingDate' | 'paragraphs' | 'title' | 'caseNumber' | 'deadline'>;

export function describeExtract(row: ExtractRow): ExtractDescription {
  const { body, meetingDate, paragraphs, title, caseNumber, deadline } = row;
  return { body, meetingDate, paragraphs, title, caseNumber, deadline };
}

export interface DocumentVersionRow {
  extractId: string;
  version: number;
  extractJson: string;
  verificationCode: string | null;
  createdBy: string;
  createdAt: string;
  /** The uploaded protocol PDF's blob, for a document made from one (assemble --from-pdf). */
  protocolPdfSha256?: string;
  /** The protocol's pages the secretary picked for one § (omedelbar justering); all kept when undefined. */
  protocolPages?: number[];
}

/** What a version made from a protocol keeps besides its row: the text read from its pages and the conversion's notes. */
export interface ProtocolReading {
  text?: ProtocolPageText[];
  conversion?: ProtocolConversionNotes;
}

/** A version as stored, with what was read from its protocol (findProtocolReading reads it back). */
export interface NewDocumentVersion extends DocumentVersionRow {
  protocol?: ProtocolReading;
}

/** An `extracts` row as the database returns it (snake_case). */
export interface ExtractRecord {
  id: string;
  state: string;
  signing_order: string;
  body: string;
  meeting_date: string;
  paragraphs: string;
  title: string;
  case_number: string | null;
  deadline: string;
  current_version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

interface VersionRecord {
  extract_id: string;
  version: number;
  extract_json: string;
  verification_code: string | null;
  created_by: string;
  created_at: string;
  protocol_pdf_sha256: string | null;
  protocol_pages: string | null;
}

/*
 * Every column but protocol_text and protocol_conversion: a version is read under the lock of each signature, and the text of a
 * protocol of a few hundred pages is close to a megabyte that only the signing page needs.
 */
const VERSION_COLUMNS = ['extract_id', 'version', 'extract_json', 'verification_code', 'created_by', 'created_at', 'protocol_pdf_sha256', 'protocol_pages'];

export function toExtract(r: ExtractRecord): ExtractRow {
  return {
    id: r.id,
    state: r.state as ExtractState,
    signingOrder: r.signing_order as SigningOrder,
    body: r.body,
    meetingDate: r.meeting_date,
    paragraphs: r.paragraphs,
    title: r.title,
    caseNumber: r.case_number,
    deadline: r.deadline,
    currentVersion: Number(r.current_version),
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toVersion(r: VersionRecord): DocumentVersionRow {
  return {
    extractId: r.extract_id,
    version: Number(r.version),
    extractJson: r.extract_json,
    verificationCode: r.verification_code,
    createdBy: r.created_by,
    createdAt: r.created_at,
    ...(r.protocol_pdf_sha256 ? { protocolPdfSha256: r.protocol_pdf_sha256 } : {}),
    ...(r.protocol_pages ? { protocolPages: JSON.parse(r.protocol_pages) as number[] } : {}),
  };
}

export async function insertExtract(db: Db, row: ExtractRow): Promise<void> {
  await db('extracts').insert({
    id: row.id,
    state: row.state,
    signing_order: row.signingOrder,
    body: row.body,
    meeting_date: row.meetingDate,
    paragraphs: row.paragraphs,
    title: row.title,
    case_number: row.caseNumber,
    deadline: row.deadline,
    current_version: row.currentVersion,
    created_by: row.createdBy,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  });
}

export async function findExtract(db: Db, id: string): Promise<ExtractRow | undefined> {
  const r = (await db('extracts').where({ id }).first()) as ExtractRecord | undefined;
  return r ? toExtract(r) : undefined;
}

/** The row locked for the rest of the transaction (PostgreSQL); SQLite callers hold the write transaction. */
export async function findExtractForUpdate(trx: Db, id: string, dialect: 'sqlite' | 'postgres'): Promise<ExtractRow | undefined> {
  const query = trx('extracts').where({ id });
  const r = (await (dialect === 'postgres' ? query.forUpdate() : query).first()) as ExtractRecord | undefined;
  return r ? toExtract(r) : undefined;
}

/** The extracts of one organ's meeting (any state), oldest first. */
export async function listExtractsOfMeeting(db: Db, body: string, meetingDate: string): Promise<ExtractRow[]> {
  const rows = (await db('extracts').where({ body, meeting_date: meetingDate }).orderBy([{ column: 'created_at', order: 'asc' }, { column: 'id', order: 'asc' }])) as ExtractRecord[];
  return rows.map(toExtract);
}

export interface ExtractListQuery {
  state?: ExtractState;
  limit: number;
  offset: number;
}

export async function listExtracts(db: Db, query: ExtractListQuery): Promise<ExtractRow[]> {
  const q = db('extracts').orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'asc' }]).limit(query.limit).offset(query.offset);
  if (query.state) q.where({ state: query.state });
  return ((await q) as ExtractRecord[]).map(toExtract);
}

export async function countExtracts(db: Db): Promise<number> {
  const row = (await db('extracts').count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

export async function updateExtract(
  db: Db,
  id: string,
  changes: Partial<Pick<ExtractRow, 'state' | 'currentVersion' | 'signingOrder' | 'updatedAt'>>,
): Promise<void> {
  await extractUpdate(db, id, changes);
}

/** updateExtract's statement, for writeTogether. */
export function extractUpdate(db: Db, id: string, changes: Partial<Pick<ExtractRow, 'state' | 'currentVersion' | 'signingOrder' | 'updatedAt'>>): Knex.QueryBuilder {
  const record: Partial<ExtractRecord> = {};
  if (changes.state !== undefined) record.state = changes.state;
  if (changes.currentVersion !== undefined) record.current_version = changes.currentVersion;
  if (changes.signingOrder !== undefined) record.signing_order = changes.signingOrder;
  if (changes.updatedAt !== undefined) record.updated_at = changes.updatedAt;
  return db('extracts').where({ id }).update(record);
}

export async function insertDocumentVersion(db: Db, row: NewDocumentVersion): Promise<void> {
  await db('document_versions').insert({
    extract_id: row.extractId,
    version: row.version,
    extract_json: row.extractJson,
    verification_code: row.verificationCode,
    created_by: row.createdBy,
    created_at: row.createdAt,
    protocol_pdf_sha256: row.protocolPdfSha256 ?? null,
    protocol_text: row.protocol?.text ? JSON.stringify(row.protocol.text) : null,
    protocol_conversion: row.protocol?.conversion ? JSON.stringify(row.protocol.conversion) : null,
    protocol_pages: row.protocolPages ? JSON.stringify(row.protocolPages) : null,
  });
}

export async function findDocumentVersion(db: Db, extractId: string, version: number): Promise<DocumentVersionRow | undefined> {
  const r = (await db('document_versions').select(VERSION_COLUMNS).where({ extract_id: extractId, version }).first()) as VersionRecord | undefined;
  return r ? toVersion(r) : undefined;
}

const READING_COLUMNS = { text: 'protocol_text', conversion: 'protocol_conversion' } as const satisfies Record<keyof ProtocolReading, string>;

/**
 * What was read from the protocol of a version (each part undefined when none is stored, e.g. for an extract
 * we lay out); `parts` leaves out what a caller does not show (the text of a long protocol is large).
 */
export async function findProtocolReading(db: Db, extractId: string, version: number, parts: ReadonlyArray<keyof ProtocolReading> = ['text', 'conversion']): Promise<ProtocolReading> {
  const r = (await db('document_versions').select(parts.map((part) => READING_COLUMNS[part])).where({ extract_id: extractId, version }).first()) as
    | { protocol_text?: string | null; protocol_conversion?: string | null }
    | undefined;
  return {
    ...(r?.protocol_text && { text: JSON.parse(r.protocol_text) as ProtocolPageText[] }),
    ...(r?.protocol_conversion && { conversion: JSON.parse(r.protocol_conversion) as ProtocolConversionNotes }),
  };
}

export async function findDocumentVersionByCode(db: Db, verificationCode: string): Promise<DocumentVersionRow | undefined> {
  const r = (await db('document_versions').select(VERSION_COLUMNS).where({ verification_code: verificationCode }).first()) as VersionRecord | undefined;
  return r ? toVersion(r) : undefined;
}
