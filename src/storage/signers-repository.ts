/** Per document version and signature field: who is invited, with which link, and what they did. */
import type { SignerState } from '../domain/extract-lifecycle';
import type { SignerRole } from '../domain/roles';
import type { Knex } from 'knex';
import type { Db } from './db';

export interface SignerRow {
  extractId: string;
  version: number;
  field: string;
  role: SignerRole;
  name: string;
  personnummer: string | null;
  email: string | null;
  state: SignerState;
  invitationJti: string | null;
  invitationToken: string | null;
  invitationExpiresAt: string | null;
  invitedAt: string | null;
  linkOpenedAt: string | null;
  signedAt: string | null;
  signerSubject: string | null;
  acr: string | null;
  declinedAt: string | null;
  declineComment: string | null;
  lastRemindedAt: string | null;
  reminderCount: number;
}

const columns: Record<keyof SignerRow, string> = {
  extractId: 'extract_id',
  version: 'version',
  field: 'field',
  role: 'role',
  name: 'name',
  personnummer: 'personnummer',
  email: 'email',
  state: 'state',
  invitationJti: 'invitation_jti',
  invitationToken: 'invitation_token',
  invitationExpiresAt: 'invitation_expires_at',
  invitedAt: 'invited_at',
  linkOpenedAt: 'link_opened_at',
  signedAt: 'signed_at',
  signerSubject: 'signer_subject',
  acr: 'acr',
  declinedAt: 'declined_at',
  declineComment: 'decline_comment',
  lastRemindedAt: 'last_reminded_at',
  reminderCount: 'reminder_count',
};

const keys = Object.keys(columns) as (keyof SignerRow)[];

/** The table's column names, for queries that select them under a prefix (signing-repository.ts). */
export const signerColumns: readonly string[] = keys.map((key) => columns[key]);

function toRecord(row: Partial<SignerRow>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const key of keys) if (row[key] !== undefined) record[columns[key]] = row[key];
  return record;
}

/** A row selected with its columns named `${prefix}${column}`. */
export function toSigner(record: Record<string, unknown>, prefix = ''): SignerRow {
  const row: Record<string, unknown> = {};
  for (const key of keys) row[key] = record[prefix + columns[key]] ?? null;
  return { ...(row as unknown as SignerRow), version: Number(record[`${prefix}version`]), reminderCount: Number(record[`${prefix}reminder_count`] ?? 0) };
}

export async function insertSigners(db: Db, rows: SignerRow[]): Promise<void> {
  if (rows.length > 0) await db('signers').insert(rows.map(toRecord));
}

export async function listSigners(db: Db, extractId: string, version: number): Promise<SignerRow[]> {
  const records = (await db('signers').where({ extract_id: extractId, version }).orderBy('field')) as Record<string, unknown>[];
  return records.map((record) => toSigner(record));
}

export async function findSigner(db: Db, extractId: string, version: number, field: string): Promise<SignerRow | undefined> {
  const record = (await db('signers').where({ extract_id: extractId, version, field }).first()) as Record<string, unknown> | undefined;
  return record ? toSigner(record) : undefined;
}

export async function updateSigner(
  db: Db,
  key: Pick<SignerRow, 'extractId' | 'version' | 'field'>,
  changes: Partial<Omit<SignerRow, 'extractId' | 'version' | 'field'>>,
): Promise<void> {
  await signerUpdate(db, key, changes);
}

/** updateSigner's statement, for writeTogether. */
export function signerUpdate(db: Db, key: Pick<SignerRow, 'extractId' | 'version' | 'field'>, changes: Partial<Omit<SignerRow, 'extractId' | 'version' | 'field'>>): Knex.QueryBuilder {
  return db('signers').where({ extract_id: key.extractId, version: key.version, field: key.field }).update(toRecord(changes));
}

/** Unsigned signers of extracts out for justering whose last mail is older than `before` (ISO time). */
export async function listSignersDueForReminder(db: Db, before: string): Promise<SignerRow[]> {
  const records = (await db('signers')
    .join('extracts', function joinCurrent() {
      this.on('extracts.id', '=', 'signers.extract_id').andOn('extracts.current_version', '=', 'signers.version');
    })
    .where('extracts.state', 'out_for_justering')
    .where('signers.state', 'pending')
    .whereNotNull('signers.invited_at')
    .where(function due() {
      this.where('signers.last_reminded_at', '<', before).orWhere(function never() {
        this.whereNull('signers.last_reminded_at').where('signers.invited_at', '<', before);
      });
    })
    .select('signers.*')) as Record<string, unknown>[];
  return records.map((record) => toSigner(record));
}
