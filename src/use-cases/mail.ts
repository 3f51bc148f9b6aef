/**
 * The mails the workflow sends, written into the outbox in the same transaction as the step that causes
 * them (a transactional outbox): in the default configuration the outbox is read in the app, with SMTP a
 * dispatcher (mail-dispatch.ts) delivers the unsent rows. Their texts are in texts/mails.ts.
 */
import type { Db } from '../storage/db';
import { insertOutboxMails } from '../storage/outbox-repository';

/** A signer's links once the justering is complete: the signed PDF and the receipt, both behind their login. */
export function signedDocumentUrls(publicBaseUrl: string, token: string): { pdf: string; receipt: string } {
  const base = `${publicBaseUrl}/invitation/${token}`;
  return { pdf: `${base}/justerad.pdf`, receipt: `${base}/kvitto` };
}

/** A mail as the workflow writes it. */
export interface QueuedMail {
  extractId: string | null;
  to: string;
  subject: string;
  text: string;
  at: Date;
}

export async function enqueueMail(trx: Db, mail: QueuedMail): Promise<void> {
  await enqueueMails(trx, [mail]);
}

/** Several mails in one statement, queued in the order given. */
export async function enqueueMails(trx: Db, mails: readonly QueuedMail[]): Promise<void> {
  await insertOutboxMails(trx, mails.map((mail) => ({ extractId: mail.extractId, to: mail.to, subject: mail.subject, text: mail.text, createdAt: mail.at.toISOString(), sentAt: null })));
}
