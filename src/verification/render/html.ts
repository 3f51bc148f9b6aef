/**
 * `--html <file>`: a standalone, accessible HTML report (no scripts, no external resources) for archivists:
 * per file the answer in Swedish and English, and per signature who, which role, when (proven by what),
 * which revision, the certificate chain and what came after. Every value is HTML-escaped.
 */
import type { SignatureResult } from '../model';
import { formatSentence, profileSentence } from '../sentences';
import type { FileOutcome } from './batch';
import { documentWarningTexts, signatureNotes } from './signature-notes';
import { terminalSafe } from './terminal-safe';

function escape(value: unknown): string {
  return terminalSafe(String(value ?? '')).replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

function signatureRow(signature: SignatureResult): string {
  const chain = (signature.chain?.certificates ?? []).map((certificate) => escape(certificate.subject)).join('<br>→ ');
  const after = signature.modifications.length > 0
    ? `<ul>${signature.modifications.map((m) => `<li>${escape(m.what)}${m.objectNumber !== undefined ? `, objekt ${m.objectNumber}` : ''}${m.page !== undefined ? `, sida ${m.page}` : ''}: ${escape(m.detail)}</li>`).join('')}</ul>`
    : escape(signature.after);
  // The pseudonym and the profile have columns of their own.
  const notes = signatureNotes(signature, 'sv').filter((note) => note.kind !== 'pseudonym' && note.kind !== 'profile');
  const noted = notes.length > 0 ? `<ul>${notes.map((note) => `<li>${escape(note.text)}</li>`).join('')}</ul>` : '';
  const signer = signature.kind === 'document-timestamp' ? signature.timestamp?.tsa : signature.signerNames?.commonName ?? signature.signer?.subject;
  return `<tr>
<th scope="row">${escape(signature.field)}</th>
<td>${escape(signature.role?.sv ?? signature.kind)}</td>
<td>${escape(signer)}${signature.signerNames?.pseudonym ? `<br><span lang="sv">pseudonym</span> ${escape(signature.signerNames.pseudonym)}` : ''}</td>
<td>${escape(signature.claimedTime)}</td>
<td>${escape(signature.provenTime ? `${signature.provenTime.time} (${signature.provenTime.tsa})` : '—')}</td>
<td>${escape(signature.revision ? `${signature.revision} av ${signature.revisions}` : '—')}</td>
<td>${after}${noted}</td>
<td>${signature.profile ? `<span lang="sv">${escape(profileSentence(signature.profile).sv)}</span><br><span lang="en">${escape(profileSentence(signature.profile).en)}</span>` : escape(signature.level ?? '—')}</td>
<td><strong>${escape(signature.indication)}</strong>${signature.subIndication ? `<br>${escape(signature.subIndication)}` : ''}</td>
<td lang="sv">${escape(signature.sentence.sv)}<br><span lang="en">${escape(signature.sentence.en)}</span></td>
<td>${chain || '—'}</td>
</tr>`;
}

export function renderHtml(outcomes: readonly FileOutcome[], generatedAt: string): string {
  const sections = outcomes.map((outcome) => {
    if (!('report' in outcome)) {
      return `<section><h2>${escape(outcome.file)}</h2><p>Kan inte läsas / cannot be read: ${escape(outcome.error.message)} (${escape(outcome.error.code)})</p></section>`;
    }
    const { report } = outcome;
    const metadata = report.metadata;
    const facts: [string, unknown][] = [
      ['SHA-256', report.sha256], ['Versioner / revisions', report.revisions], ['Organ / body', metadata.body], ['Sammanträdesdatum', metadata.meetingDate],
      ['§', metadata.paragraphs], ['Ärende / title', metadata.title], ['Diarienummer', metadata.caseNumber], ['Kontrollkod', metadata.verificationCode],
      ['Format', formatSentence(metadata.format).sv],
    ];
    return `<section>
<h2>${escape(outcome.file)}</h2>
${report.demonstration ? `<p lang="sv"><strong>${escape(report.demonstration.sv)}</strong></p>\n<p lang="en">${escape(report.demonstration.en)}</p>\n` : ''}<p lang="sv"><strong>${escape(report.summary.sv)}</strong></p>
<p lang="en">${escape(report.summary.en)}</p>
<dl>${facts.filter(([, value]) => value !== undefined).map(([label, value]) => `<dt>${escape(label)}</dt><dd>${escape(value)}</dd>`).join('')}</dl>
${documentWarningTexts(report, 'sv').map((warning) => `<p>${escape(warning)}</p>`).join('\n')}
<table>
<caption>Signaturer / signatures</caption>
<thead><tr><th scope="col">Fält</th><th scope="col">Roll</th><th scope="col">Undertecknare</th><th scope="col">Angiven tid (/M)</th><th scope="col">Bevisad tid (tidsstämpel)</th><th scope="col">Version</th><th scope="col">Därefter</th><th scope="col">PAdES</th><th scope="col">Indikation</th><th scope="col">Bedömning</th><th scope="col">Certifikatkedja</th></tr></thead>
<tbody>${report.signatures.map(signatureRow).join('\n')}</tbody>
</table>
</section>`;
  });
  return `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Justera – verifieringsrapport</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;width:100%}th,td{border:1px solid #666;padding:.3rem;vertical-align:top;text-align:left}caption{text-align:left;font-weight:bold}dt{font-weight:bold}</style>
</head>
<body>
<h1>Verifieringsrapport / verification report</h1>
<p>Skapad / generated ${escape(generatedAt)}</p>
${sections.join('\n')}
</body>
</html>
`;
}
