/**
 * The mails the workflow sends, written into the outbox in the same transaction as the step that causes
 * them (a transactional outbox): in the default configuration the outbox is read in the app, with SMTP a
 * dispatcher (mail-dispatch.ts) delivers the unsent rows.
 */
import type { Db } from '../storage/db';
import { insertOutboxMails } from '../storage/outbox-repository';
import { roleLabel, type SignerRole } from '../domain/roles';

export interface InvitationMail {
  to: string;
  signerName: string;
  role: SignerRole;
  body: string;
  paragraphs: string;
  title: string;
  deadline: string;
  url: string;
  reminder: boolean;
}

export function invitationMailText(mail: InvitationMail): { subject: string; text: string } {
  const what = `${mail.body} § ${mail.paragraphs} ${mail.title}`;
  const subject = `${mail.reminder ? 'Påminnelse: ' : ''}Justering av ${what}`;
  const text = [
    `Hej ${mail.signerName},`,
    '',
    `${mail.reminder ? 'Påminnelse: du' : 'Du'} ombeds justera protokollsutdraget ${what} som ${roleLabel(mail.role).toLowerCase()}.`,
    `Sista dag för justering: ${mail.deadline}.`,
    '',
    `Öppna länken, logga in och läs utdraget innan du signerar eller avböjer:`,
    mail.url,
    '',
    'Länken är personlig. Den fungerar bara när du loggar in som dig själv.',
  ].join('\n');
  return { subject, text };
}

/** A signer's links once the justering is complete: the signed PDF and the receipt, both behind their login. */
export function signedDocumentUrls(publicBaseUrl: string, token: string): { pdf: string; receipt: string } {
  const base = `${publicBaseUrl}/invitation/${token}`;
  return { pdf: `${base}/justerad.pdf`, receipt: `${base}/kvitto` };
}

export function resultMailText(mail: { signerName: string; what: string; urls: { pdf: string; receipt: string } }): { subject: string; text: string } {
  return {
    subject: `Justerat: ${mail.what}`,
    text: [
      `Hej ${mail.signerName},`,
      '',
      `Protokollsutdraget ${mail.what} är nu justerat av alla.`,
      '',
      'Det signerade utdraget (PDF):',
      mail.urls.pdf,
      '',
      'Ditt kvitto:',
      mail.urls.receipt,
      '',
      'Länkarna är personliga. De fungerar när du loggar in som dig själv.',
    ].join('\n'),
  };
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
