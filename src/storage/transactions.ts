/**
 * Per-document serialization: every write to one extract runs inside `withExtractLock`, which holds a row
 * lock on PostgreSQL (SELECT … FOR UPDATE) and the write transaction on SQLite, so two signers of the same
 * extract are applied one after the other and neither signature is lost.
 */
import type { Knex } from 'knex';
import type { Database } from './db';
import { findExtractForUpdate, type ExtractRow } from './extracts-repository';

export async function withExtractLock<T>(
  db: Database,
  extractId: string,
  work: (trx: Knex.Transaction, extract: ExtractRow | undefined) => Promise<T>,
): Promise<T> {
  return db.knex.transaction(async (trx) => {
    if (db.dialect === 'sqlite') {
      // Take SQLite's write lock before reading, so another process cannot interleave (BEGIN IMMEDIATE).
      await trx('extracts').where({ id: extractId }).update({ id: extractId });
    }
    const extract = await findExtractForUpdate(trx, extractId, db.dialect);
    return work(trx, extract);
  });
}

export async function inTransaction<T>(db: Database, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return db.knex.transaction(work);
}
