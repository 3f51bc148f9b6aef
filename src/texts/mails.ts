/**
 * The mails to the signers, in Swedish: the invitation (and its reminder) and the news that the justering is
 * complete, around the links they are given. The use cases put them in the outbox (use-cases/mail.ts).
 */
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
