/**
 * The verification answer as HTML: the plain verdict first (said in words, not by colour alone), then the
 * full technical report one click away in a <details> element. Takes public (scrubbed) reports only.
 */
import type { Locale } from '../../domain/roles';
import type { VerificationReport } from '../../verification/model';
import { html, type SafeHtml } from '../pages/shared/html';
import { messages } from '../../texts/public-pages';
import { formatStockholmMinute } from '../pages/shared/dates';
import { chainSubjects, plainAnswer } from './public-report';
import { documentWarningTexts, signatureNotes } from '../../verification/render/signature-notes';

/** "Äkta. Justerat av …" with the verdict word set as the label once, not repeated before the sentence. */
function verdictSentence(label: string, sentence: string): SafeHtml {
  const rest = sentence.startsWith(`${label}.`) ? sentence.slice(label.length + 1).trim() : sentence;
  return html`<strong class="label">${label}.</strong> ${rest}`;
}

export function renderVerdict(report: VerificationReport, lang: Locale, headingLevel: 2 | 3 = 2): SafeHtml {
  const t = messages(lang);
  const answer = plainAnswer(report, lang);
  const heading = headingLevel === 2 ? html`<h2 id="verdict-heading">${t.result}</h2>` : html`<h3 id="verdict-heading">${t.result}</h3>`;
  return html`<section class="verdict ${answer.status}" aria-labelledby="verdict-heading">
${heading}
<p>${verdictSentence(answer.label, answer.sentence)}</p>
${report.demonstration ? html`<p class="demo-verdict"><strong>${report.demonstration[lang]}</strong></p>` : ''}
${answer.signers.length > 0 ? html`<ul>${answer.signers.map((s) => html`<li>${s.role}: ${s.name}${s.time ? `, ${s.time}` : ''}${s.provenBy ? ` (${t.provenBy(s.provenBy)})` : ''}${s.passed ? '' : ` – ${t.verdictBad.toLocaleLowerCase()}`}</li>`)}</ul>` : ''}
${answer.problems.length > 0 ? html`<h${headingLevel + 1}>${t.whatIsWrong}</h${headingLevel + 1}><ul>${answer.problems.map((p) => html`<li>${p}</li>`)}</ul>` : ''}
</section>`;
}

export function renderTechnicalReport(report: VerificationReport, lang: Locale): SafeHtml {
  const t = messages(lang);
  return html`<details>
<summary>${t.technicalReport}</summary>
<dl class="facts">
<dt>${t.fileHash}</dt><dd>${report.sha256}</dd>
<dt>${t.revisions}</dt><dd>${report.revisions}</dd>
<dt>${t.result}</dt><dd>${report.indication} – ${report.summary[lang]}</dd>
${notesRow(t.notes, documentWarningTexts(report, lang).map((text) => ({ text })))}
</dl>
<h3>${t.signatures}</h3>
${report.signatures.map(
  (s) => html`<div class="card">
<h4>${s.field}${s.role ? ` (${s.role[lang]})` : ''}</h4>
<dl class="facts">
<dt>${t.signer}</dt><dd>${s.signerNames?.commonName ?? s.name ?? s.signer?.subject ?? '–'}</dd>
<dt>${t.signedAt}</dt><dd>${s.claimedTime ? formatStockholmMinute(s.claimedTime) : '–'}${s.provenTime ? html` (${t.provenBy(s.provenTime.tsa)}: ${formatStockholmMinute(s.provenTime.time)})` : ''}</dd>
<dt>${t.revisionCovered}</dt><dd>${s.revision ?? '?'} / ${s.revisions}</dd>
<dt>${t.level}</dt><dd>${s.level ?? '–'}</dd>
<dt>${t.result}</dt><dd>${s.indication}${s.subIndication ? ` / ${s.subIndication}` : ''} – ${s.sentence[lang]}</dd>
<dt>${t.certificateChain}</dt><dd><ol>${chainSubjects(s.chain?.certificates).map((subject) => html`<li>${subject}</li>`)}</ol></dd>
${notesRow(t.notes, signatureNotes(s, lang))}
</dl>
</div>`,
)}
<h3>JSON</h3>
<pre>${JSON.stringify(report, null, 2)}</pre>
</details>`;
}

function notesRow(label: string, notes: readonly { text: string }[]): SafeHtml | '' {
  return notes.length > 0 ? html`<dt>${label}</dt><dd><ul>${notes.map((note) => html`<li>${note.text}</li>`)}</ul></dd>` : '';
}
