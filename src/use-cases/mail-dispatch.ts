/**
 * Delivers the outbox over SMTP (nodemailer) when MAIL_TRANSPORT names a server. Each mail is claimed
 * before it is sent, so several service processes never send one twice (at most once; a failed send is
 * logged and left claimed, since a duplicate invitation is worse than a resend by the secretary).
 */
import nodemailer from 'nodemailer';
import type { Clock } from '../clock';
import type { Db } from '../storage/db';
import { claimMail, listUnsentMails } from '../storage/outbox-repository';

export interface MailSender {
  send(mail: { to: string; subject: string; text: string }): Promise<void>;
}

export function smtpSender(url: string, from: string): MailSender {
  const transport = nodemailer.createTransport(url);
  return {
    send: async (mail) => {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}

export async function dispatchOutbox(db: Db, sender: MailSender, clock: Clock, onError: (error: unknown, mailId: number) => void): Promise<number> {
  let sent = 0;
  for (const mail of await listUnsentMails(db, 100)) {
    if (!(await claimMail(db, mail.id, clock.now().toISOString()))) continue;
    try {
      await sender.send(mail);
      sent += 1;
    } catch (error) {
      onError(error, mail.id);
    }
  }
  return sent;
}
