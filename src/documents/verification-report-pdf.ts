/**
 * The verification report as an archival PDF/A for the archivist, sealed by the organisation: for each
 * signature who signed, in which role, when (and which timestamp proves it), which revision it covers, what
 * came after it, and the certificate chain. Swedish, with the verifier's own sentences.
 */
import { renderTextDocumentPdf, type FactRow, type TextBlock } from '../assembly/render-text-document';
import type { Clock } from '../clock';
import { sealDocument } from '../pades';
import type { KeyMaterial } from '../ca/keys-folder';
import { signingAuthority } from '../ca/signing-authority';
import type { Timestamper } from '../tsa/timestamper';
import type { AfterSigning, SignatureResult, VerificationReport } from '../verification/model';
import { formatSentence } from '../verification';
import { signatureNotes } from '../verification/render/signature-notes';

export interface ReportPdfContext {
  keys: KeyMaterial;
  timestamper: Timestamper;
  clock: Clock;
}

const AFTER: Record<AfterSigning, string> = {
  NOTHING: 'inget (underskriften täcker hela filen)',
  SIGNATURES_AND_VALIDATION_DATA: 'endast underskrifter, tidsstämplar och valideringsdata',
  ILLEGAL_CHANGES: 'otillåtna ändringar',
};

const KIND: Record<SignatureResult['kind'], string> = {
  approval: 'underskrift',
  certification: 'certifierande underskrift (sigill)',
  'document-timestamp': 'dokumenttidsstämpel',
};

function signatureBlocks(signature: SignatureResult, index: number): TextBlock[] {
  const who = signature.signerNames?.commonName ?? signature.name ?? signature.signer?.subject ?? 'okänd';
  const rows: FactRow[] = [
    ['Fält', `${signature.field} (${KIND[signature.kind]})`],
    ['Undertecknare', who],
    ...(signature.signerNames?.pseudonym ? [['Pseudonym (inget personnummer)', signature.signerNames.pseudonym] as [string, string]] : []),
    ['Roll', signature.role?.sv ?? '–'],
    ['Påstådd tidpunkt (/M)', signature.claimedTime ?? '–'],
    [
      'Bevisad tidpunkt',
      signature.provenTime ? `${signature.provenTime.time}, tidsstämpel från ${signature.provenTime.tsa} (${signature.provenTime.source})` : 'ingen tidsstämpel bevisar tiden',
    ],
  ];
  if (signature.timestamp) rows.push(['Tidsstämpelns serienummer', `${signature.timestamp.serialHex} (policy ${signature.timestamp.policy})`]);
  rows.push(
    ['Version', `${signature.revision ?? '?'} av ${signature.revisions}`],
    ['Därefter', AFTER[signature.after]],
    ['PAdES-nivå', signature.level ?? '–'],
    // ETSI's indications are English words: a screen reader says them in English (/Lang, PDF/UA-1 7.2).
    ['Resultat', `${signature.indication}${signature.subIndication ? ` / ${signature.subIndication}` : ''}`, 'en'],
    ['Förklaring', signature.sentence.sv],
  );
  for (const note of signatureNotes(signature, 'sv')) if (note.kind !== 'pseudonym') rows.push([note.mark === '+' ? 'Tillåten ändring' : 'Att veta', note.text]);
  for (const modification of signature.modifications) rows.push(['Ändring', `version ${modification.revision}${modification.page ? `, sida ${modification.page}` : ''}: ${modification.what} – ${modification.detail}`]);
  const chain = (signature.chain?.certificates ?? []).flatMap((certificate, position): Array<[string, string]> => [
    [`Certifikat ${position + 1}`, certificate.subject],
    ['  utfärdare', certificate.issuer],
    ['  giltigt', `${certificate.notBefore} – ${certificate.notAfter}, serienummer ${certificate.serialHex}`],
    ['  SHA-256', certificate.sha256],
  ]);
  return [
    { kind: 'heading', level: 2, text: `Underskrift ${index + 1}: ${signature.field}` },
    { kind: 'facts', rows },
    { kind: 'heading', level: 3, text: `Certifikatkedja${signature.chain?.trusted ? ' (betrodd)' : ' (inte betrodd)'}` },
    chain.length > 0 ? { kind: 'facts', rows: chain } : { kind: 'paragraph', text: 'Ingen kedja till en betrodd rot hittades.' },
  ];
}

export function reportBlocks(report: VerificationReport): TextBlock[] {
  const m = report.metadata;
  const documentRows: Array<[string, string]> = [
    ['Filens SHA-256', report.sha256],
    ['Storlek', `${report.size} byte`],
    ['Versioner', String(report.revisions)],
    ['Kontrollerad', report.verifiedAt],
  ];
  if (m.body) documentRows.push(['Organ', m.body]);
  if (m.meetingDate) documentRows.push(['Sammanträdesdatum', m.meetingDate]);
  if (m.paragraphs) documentRows.push(['Paragrafer', `§ ${m.paragraphs}`]);
  if (m.title) documentRows.push(['Ärende', m.title]);
  if (m.caseNumber) documentRows.push(['Diarienummer', m.caseNumber]);
  if (m.verificationCode) documentRows.push(['Kontrollkod', m.verificationCode]);
  documentRows.push(['Format', formatSentence(m.format).sv]);
  return [
    { kind: 'heading', level: 1, text: 'Verifieringsrapport' },
    { kind: 'paragraph', text: report.summary.sv },
    { kind: 'facts', rows: [['Samlat resultat', report.indication, 'en'], ['Justering', report.justering?.sentence.sv ?? 'Handlingen är ingen justering från Justera: bara signaturerna bedöms.']] },
    { kind: 'heading', level: 2, text: 'Dokumentet' },
    { kind: 'facts', rows: documentRows },
    ...report.signatures.flatMap(signatureBlocks),
    ...(report.documentProblems.length > 0
      ? [
          { kind: 'heading', level: 2, text: 'Problem i dokumentet' } as const,
          { kind: 'facts', rows: report.documentProblems.map((p): [string, string] => [p.code, p.detail ?? '']) } as const,
        ]
      : []),
    { kind: 'paragraph', muted: true, text: 'Rapporten är skapad av Justeras verifierare och försedd med organisationens elektroniska sigill.' },
  ];
}

export async function renderVerificationReportPdf(report: VerificationReport, ctx: ReportPdfContext): Promise<Uint8Array> {
  const at = ctx.clock.now();
  const title = report.metadata.title ? `Verifieringsrapport: ${report.metadata.title}` : `Verifieringsrapport ${report.sha256.slice(0, 16)}`;
  const pdf = await renderTextDocumentPdf({
    blocks: reportBlocks(report),
    title,
    author: ctx.keys.organisation,
    subject: `Verifiering av fil med SHA-256 ${report.sha256}`,
    language: 'sv-SE',
    createdAt: at,
    footer: `Verifieringsrapport – SHA-256 ${report.sha256.slice(0, 16)}…`,
    sealField: true,
  });
  return sealDocument(pdf, { authority: signingAuthority(ctx.keys, ctx.clock), timestamper: ctx.timestamper, clock: ctx.clock, time: at, reason: 'Sigill: verifieringsrapport' });
}
