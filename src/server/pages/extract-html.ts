/**
 * The extract's text as HTML, in the order and with the headings of the PDF (src/assembly/page-layout.ts),
 * so a screen reader or a small screen gets the same content as the drawn pages. Always Swedish: it is
 * the document itself, marked lang="sv" for an English page (the notes about an uploaded protocol's text
 * are the page's, marked with its language).
 */
import { formatParagraphs } from '../../assembly/page-layout';
import { STATEMENT_HEADINGS, statementIntro, type Extract, type ProtocolMeta } from '../../domain/extract';
import type { ProtocolPageText } from '../../domain/protocol-text';
import type { Locale } from '../../domain/roles';
import { pageMessages } from '../../texts/pages';
import { html, type SafeHtml } from './shared/html';

function paragraphs(text: string): SafeHtml {
  return html`${text.split(/\n{2,}/).map((paragraph) => html`<p>${paragraph.split('\n').map((line, i) => html`${i > 0 ? html`<br>` : ''}${line}`)}</p>`)}`;
}

function section(heading: string, body: SafeHtml): SafeHtml {
  return html`<h4>${heading}</h4>${body}`;
}

/**
 * A protocol uploaded as PDF (assemble --from-pdf) has no sections of ours. Its text, as read from its
 * pages when it was assembled (assembly/protocol-text.ts), is shown page by page; a version stored before
 * the text was read says that only the PDF holds it.
 */
export const PDF_ONLY = 'Protokollet lämnades in som PDF. Dess text finns bara i PDF:en; läs den där innan du signerar.';

/** The page's place in the signed PDF, and its page in the protocol when the secretary picked pages. */
function pageHeading(place: number, protocolPage: number): string {
  return place === protocolPage ? `Sida ${place}` : `Sida ${place} (sida ${protocolPage} i protokollet)`;
}

/** The pages' text in Swedish (the document's), the reader's notes about it in the page's language. */
function protocolPages(pages: readonly ProtocolPageText[], lang: Locale): SafeHtml {
  const t = pageMessages(lang);
  return html`<p class="read-from-pdf" lang="${lang}">${t.protocolTextRead}</p>
${pages.map((page, index) => html`<section class="protocol-page" aria-labelledby="protocol-page-${String(index + 1)}">
<h4 id="protocol-page-${String(index + 1)}">${pageHeading(index + 1, page.protocolPage)}</h4>
${page.paragraphs.length === 0 ? html`<p class="no-text" lang="${lang}">${t.protocolPageNoText(index + 1)}</p>` : paragraphs(page.paragraphs.map((lines) => lines.join('\n')).join('\n\n'))}
</section>`)}`;
}

function sectionsText(sections: Extract['sections']): SafeHtml {
  return html`${section('Beslut', paragraphs(sections.decision))}
${sections.summary ? section('Sammanfattning av ärendet', paragraphs(sections.summary)) : ''}
${sections.decisionProcess ? section('Beslutsgång', paragraphs(sections.decisionProcess)) : ''}
${sections.statements.map((statement) => section(STATEMENT_HEADINGS[statement.kind], html`${paragraphs(statementIntro(statement))}<blockquote>${paragraphs(statement.text)}</blockquote>`))}
${sections.extraSections.map((extra) => section(extra.heading, paragraphs(extra.text)))}`;
}

/**
 * The extract under a level-3 heading (the page gives it its level-2 heading). `protocol`: the extract is
 * made from an uploaded protocol, with the text read from its pages (none for a version stored before
 * the text was read); `lang`: the page's, for the notes about that text.
 */
export function renderExtractText(extract: ProtocolMeta, protocol?: { text?: readonly ProtocolPageText[] }, lang: Locale = 'sv'): SafeHtml {
  const text = protocol ? (protocol.text ? protocolPages(protocol.text, lang) : html`<p class="pdf-only">${PDF_ONLY}</p>`) : extract.sections ? sectionsText(extract.sections) : '';
  return html`<div class="extract-text" lang="sv">
<p>${extract.body}, sammanträdesdatum ${extract.meetingDate}</p>
<h3>${formatParagraphs(extract.paragraphs)} ${extract.title}</h3>
${extract.subtitle ? html`<p>${extract.subtitle}</p>` : ''}
<p>Dnr ${extract.caseNumber}</p>
${extract.immediateAdjustment ? html`<p>Paragrafen justerades omedelbart.</p>` : ''}
${text}
${extract.documents.length > 0 ? section('Handlingar i ärendet', html`<ul>${extract.documents.map((d) => html`<li><strong>${d.id}</strong> ${d.title}</li>`)}</ul>`) : ''}
<p>Förvaringsplats: ${extract.storageLocation}</p>
<p>Sekreterare: ${extract.participants.secretary.name}</p>
</div>`;
}
