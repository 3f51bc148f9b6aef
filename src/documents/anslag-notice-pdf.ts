/**
 * The anslag's own PDF: the notice as an archival document (PDF/A-2b) sealed by the organisation, so a
 * copy of the anslag can itself be checked. Text only, names and roles only; the signed extract is named
 * by its SHA-256, which ties the notice to exactly one file.
 */
import { renderTextDocumentPdf, type TextBlock } from '../assembly/render-text-document';
import type { Clock } from '../clock';
import { roleLabel } from '../domain/roles';
import { sealDocument } from '../pades';
import type { KeyMaterial } from '../ca/keys-folder';
import { signingAuthority } from '../ca/signing-authority';
import type { Timestamper } from '../tsa/timestamper';
import type { AnslagNotice, NoticePdfRenderer } from '../use-cases/anslag-service';
import { anslagAnnouncement, appealInstructions } from '../texts/anslag';

export interface NoticePdfContext {
  keys: KeyMaterial;
  timestamper: Timestamper;
  clock: Clock;
  publicBaseUrl: string;
}

export function noticeBlocks(notice: AnslagNotice, publicBaseUrl: string): TextBlock[] {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const appeal = appealInstructions('sv', notice.appealEndsOn);
  const rows: Array<[string, string]> = [
    ['Organ', notice.body],
    ['Sammanträdesdatum', notice.meetingDate],
    ['Paragrafer', `§ ${notice.paragraphs}${notice.kind === 'omedelbar' ? ' (omedelbart justerad)' : ''}`],
    ['Ärende', notice.title],
  ];
  if (notice.caseNumber) rows.push(['Diarienummer', notice.caseNumber]);
  rows.push(
    ['Datum för justering', notice.justeradOn],
    ['Anslaget uppsatt', notice.postedOn],
    ['Sista dag att överklaga', notice.appealEndsOn],
    ['Anslaget tas ned', notice.takedownOn],
    ['Förvaringsplats för protokollet', notice.storageLocation],
  );
  return [
    { kind: 'heading', level: 1, text: 'ANSLAG / BEVIS' },
    { kind: 'paragraph', text: anslagAnnouncement('sv', { body: notice.body, meetingDate: notice.meetingDate, paragraphs: notice.paragraphs, immediate: notice.kind === 'omedelbar' }) },
    { kind: 'facts', rows },
    { kind: 'heading', level: 2, text: 'Justerat av' },
    { kind: 'facts', rows: notice.signers.map((signer) => [roleLabel(signer.role), signer.name] as const) },
    { kind: 'heading', level: 2, text: appeal.heading },
    ...appeal.paragraphs.map((text): TextBlock => ({ kind: 'paragraph', text })),
    { kind: 'heading', level: 2, text: 'Kontrollera äktheten' },
    {
      kind: 'facts',
      rows: [
        ['Anslaget på webben', `${base}/anslag/${notice.id}`],
        ...(notice.verificationCode ? [['Kontrollkod', `${notice.verificationCode} (${base}/verifiera/${notice.verificationCode})`] as const] : []),
        ['Det justerade protokollsutdraget, SHA-256', notice.pdfSha256],
      ],
    },
    { kind: 'paragraph', muted: true, text: 'Detta anslag är försett med organisationens elektroniska sigill.' },
  ];
}

export function createNoticePdfRenderer(ctx: NoticePdfContext): NoticePdfRenderer {
  return async (notice, at) => {
    const pdf = await renderTextDocumentPdf({
      blocks: noticeBlocks(notice, ctx.publicBaseUrl),
      title: `Anslag: ${notice.body}, § ${notice.paragraphs} ${notice.title}`,
      author: notice.body,
      subject: `Anslag om justerat protokoll, ${notice.body}, sammanträde ${notice.meetingDate}, § ${notice.paragraphs}`,
      language: 'sv-SE',
      createdAt: at,
      footer: `Anslag ${notice.id} – ${notice.body}`,
      sealField: true,
    });
    return sealDocument(pdf, { authority: signingAuthority(ctx.keys, ctx.clock), timestamper: ctx.timestamper, clock: ctx.clock, time: at, reason: 'Sigill: anslag' });
  };
}
