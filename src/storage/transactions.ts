/**
 * Per-document serialization: every write to one extract runs inside `withExtractLock` (or
 * `withLockedRead`), which holds a row lock on PostgreSQL (SELECT … FOR UPDATE) and the write transaction
 * on SQLite, so two signers of the same extract are applied one after the other and neither signature is lost.
 */
import type { Knex } from 'knex';
import type { Database } from './db';
import { findExtractForUpdate, type ExtractRow } from './extracts-repository';

/** Take SQLite's write lock before reading, so another process cannot interleave (BEGIN IMMEDIATE). */
async function takeSqliteWriteLock(trx: Knex.Transaction, extractId: string): Promise<void> {
  await trx('extracts').where({ id: extractId }).update({ id: extractId });
}

export async function withExtractLock<T>(
  db: Database,
  extractId: string,
  work: (trx: Knex.Transaction, extract: ExtractRow | undefined) => Promise<T>,
): Promise<T> {
  return db.knex.transaction(async (trx) => {
    if (db.dialect === 'sqlite') await takeSqliteWriteLock(trx, extractId);
    const extract = await findExtractForUpdate(trx, extractId, db.dialect);
    return work(trx, extract);
  });
}

/**
 * Runs `work` inside the extract's lock on what `read` returns, read once the lock is held. On PostgreSQL
 * the read is a statement of its own after the locking one: a statement that waited for a row lock re-reads
 * only the locked row, the rest of it (other tables joined) would be what it saw before the wait.
 */
export async function withLockedRead<R, T>(
  db: Database,
  extractId: string,
  read: (trx: Knex.Transaction) => Promise<R>,
  work: (trx: Knex.Transaction, rows: R) => Promise<T>,
): Promise<T> {
  return db.knex.transaction(async (trx) => {
    if (db.dialect === 'sqlite') await takeSqliteWriteLock(trx, extractId);
    else await trx('extracts').select('id').where({ id: extractId }).forUpdate();
    return work(trx, await read(trx));
  });
}

export async function inTransaction<T>(db: Database, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return db.knex.transaction(work);
}
