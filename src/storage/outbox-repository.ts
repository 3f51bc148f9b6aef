/** Mails: in the default configuration the outbox is the delivery (the secretary reads it in the app). */
import type { Db } from './db';

export interface OutboxMailRow {
  id: number;
  extractId: string | null;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  sentAt: string | null;
}

interface OutboxRecord {
  id: number;
  extract_id: string | null;
  to_address: string;
  subject: string;
  text: string;
  created_at: string;
  sent_at: string | null;
}

/** Inserts mails in one statement; their ids follow the order given. */
export async function insertOutboxMails(db: Db, mails: readonly Omit<OutboxMailRow, 'id'>[]): Promise<void> {
  if (mails.length === 0) return;
  await db('outbox_mails').insert(
    mails.map((mail) => ({
      extract_id: mail.extractId,
      to_address: mail.to,
      subject: mail.subject,
      text: mail.text,
      created_at: mail.createdAt,
      sent_at: mail.sentAt,
    })),
  );
}

export async function listOutboxMails(db: Db, query: { extractId?: string; limit: number }): Promise<OutboxMailRow[]> {
  const q = db('outbox_mails').orderBy('id', 'desc').limit(query.limit);
  if (query.extractId) q.where({ extract_id: query.extractId });
  return ((await q) as OutboxRecord[]).map((r) => ({
    id: Number(r.id),
    extractId: r.extract_id,
    to: r.to_address,
    subject: r.subject,
    text: r.text,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  }));
}

export async function listUnsentMails(db: Db, limit: number): Promise<OutboxMailRow[]> {
  const rows = (await db('outbox_mails').whereNull('sent_at').orderBy('id').limit(limit)) as OutboxRecord[];
  return rows.map((r) => ({ id: Number(r.id), extractId: r.extract_id, to: r.to_address, subject: r.subject, text: r.text, createdAt: r.created_at, sentAt: r.sent_at }));
}

/** Marks a mail as taken for delivery; false when another process took it first (at most once). */
export async function claimMail(db: Db, id: number, at: string): Promise<boolean> {
  return (await db('outbox_mails').where({ id }).whereNull('sent_at').update({ sent_at: at })) > 0;
}
