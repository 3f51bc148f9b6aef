/** Login sessions (200-sessions): a row lives while it is neither idle past its idle expiry nor past its lifetime. */
import type { Db } from './db';

export interface SessionRow {
  idHash: string;
  createdAt: string;
  idleExpiresAt: string;
  expiresAt: string;
}

interface SessionRecord {
  id_hash: string;
  created_at: string;
  idle_expires_at: string;
  expires_at: string;
}

export async function insertSession(db: Db, row: SessionRow): Promise<void> {
  await db('sessions').insert({ id_hash: row.idHash, created_at: row.createdAt, idle_expires_at: row.idleExpiresAt, expires_at: row.expiresAt });
}

/** The session if it is still live at `now` (ISO 8601 strings of one format compare as times). */
export async function findLiveSession(db: Db, idHash: string, now: string): Promise<SessionRow | undefined> {
  const r = (await db('sessions').where({ id_hash: idHash }).andWhere('idle_expires_at', '>', now).andWhere('expires_at', '>', now).first()) as SessionRecord | undefined;
  return r ? { idHash: r.id_hash, createdAt: r.created_at, idleExpiresAt: r.idle_expires_at, expiresAt: r.expires_at } : undefined;
}

export async function touchSession(db: Db, idHash: string, idleExpiresAt: string): Promise<void> {
  await db('sessions').where({ id_hash: idHash }).update({ idle_expires_at: idleExpiresAt });
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db('sessions').where({ id_hash: idHash }).delete();
}

/** Removes every session that has ended by `now`; returns how many. */
export async function deleteEndedSessions(db: Db, now: string): Promise<number> {
  return db('sessions').where('idle_expires_at', '<=', now).orWhere('expires_at', '<=', now).delete();
}
