/**
 * The extract's text as HTML, in the order and with the headings of the PDF (src/assembly/page-layout.ts),
 * so a screen reader or a small screen gets the same content as the drawn pages. Always Swedish: it is
 * the document itself, marked lang="sv" for an English page.
 */
import { formatParagraphs } from '../../assembly/page-layout';
import { STATEMENT_HEADINGS, statementIntro, type Extract, type ProtocolMeta } from '../../domain/extract';
import { html, type SafeHtml } from './shared/html';

function paragraphs(text: string): SafeHtml {
  return html`${text.split(/\n{2,}/).map((paragraph) => html`<p>${paragraph.split('\n').map((line, i) => html`${i > 0 ? html`<br>` : ''}${line}`)}</p>`)}`;
}

function section(heading: string, body: SafeHtml): SafeHtml {
  return html`<h4>${heading}</h4>${body}`;
}

/**
 * A protocol uploaded as PDF (assemble --from-pdf) has no sections of ours, and the repository has no text
 * extractor that would give its text faithfully: the page says that only the PDF holds it.
 */
export const PDF_ONLY = 'Protokollet lämnades in som PDF. Dess text finns bara i PDF:en; läs den där innan du signerar.';

function sectionsText(sections: Extract['sections']): SafeHtml {
  return html`${section('Beslut', paragraphs(sections.decision))}
${sections.summary ? section('Sammanfattning av ärendet', paragraphs(sections.summary)) : ''}
${sections.decisionProcess ? section('Beslutsgång', paragraphs(sections.decisionProcess)) : ''}
${sections.statements.map((statement) => section(STATEMENT_HEADINGS[statement.kind], html`${paragraphs(statementIntro(statement))}<blockquote>${paragraphs(statement.text)}</blockquote>`))}
${sections.extraSections.map((extra) => section(extra.heading, paragraphs(extra.text)))}`;
}

/** The extract under a level-3 heading (the page gives it its level-2 heading). */
export function renderExtractText(extract: ProtocolMeta): SafeHtml {
  return html`<div class="extract-text" lang="sv">
<p>${extract.body}, sammanträdesdatum ${extract.meetingDate}</p>
<h3>${formatParagraphs(extract.paragraphs)} ${extract.title}</h3>
${extract.subtitle ? html`<p>${extract.subtitle}</p>` : ''}
<p>Dnr ${extract.caseNumber}</p>
${extract.immediateAdjustment ? html`<p>Paragrafen justerades omedelbart.</p>` : ''}
${extract.sections ? sectionsText(extract.sections) : html`<p class="pdf-only">${PDF_ONLY}</p>`}
${extract.documents.length > 0 ? section('Handlingar i ärendet', html`<ul>${extract.documents.map((d) => html`<li><strong>${d.id}</strong> ${d.title}</li>`)}</ul>`) : ''}
<p>Förvaringsplats: ${extract.storageLocation}</p>
<p>Sekreterare: ${extract.participants.secretary.name}</p>
</div>`;
}
