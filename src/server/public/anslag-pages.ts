/** The anslagstavla, the archive and one anslag, as server-rendered pages (data in, HTML string out). */
import type { Locale } from '../../domain/roles';
import { isAnslagCurrent } from '../../domain/appeal-period';
import type { AnslagRecord } from '../../use-cases/records';
import { anslagAnnouncement, appealInstructions } from '../../texts/anslag';
import type { VerificationReport } from '../../verification/model';
import { html, type SafeHtml } from '../pages/shared/html';
import { messages } from '../../texts/public-pages';
import { withQuery } from '../pages/shared/frame';
import { renderPage } from './layout';
import { renderTechnicalReport, renderVerdict } from './verification-view';

const FEED_LINK = html`<link rel="alternate" type="application/atom+xml" href="/anslagstavla.atom" title="Atom">`;

function facts(anslag: AnslagRecord, lang: Locale, today: string): SafeHtml {
  const t = messages(lang);
  const current = isAnslagCurrent(anslag, today);
  return html`<dl class="facts">
<dt>${t.body}</dt><dd>${anslag.body}</dd>
<dt>${t.meetingDate}</dt><dd>${anslag.meetingDate}</dd>
<dt>${t.paragraphs}</dt><dd>§ ${anslag.paragraphs}${anslag.kind === 'omedelbar' ? ` (${t.kindImmediate})` : ''}</dd>
<dt>${t.title}</dt><dd>${anslag.title}</dd>
${anslag.caseNumber ? html`<dt>${t.caseNumber}</dt><dd>${anslag.caseNumber}</dd>` : ''}
<dt>${t.justeradOn}</dt><dd>${anslag.justeradOn}</dd>
<dt>${t.postedOn}</dt><dd>${anslag.postedOn}</dd>
<dt>${t.appealEndsOn}</dt><dd>${anslag.appealEndsOn}</dd>
<dt>${t.takedownOn}</dt><dd>${anslag.takedownOn}</dd>
<dt>${t.storageLocation}</dt><dd>${anslag.storageLocation}</dd>
<dt>${t.status}</dt><dd>${current ? t.stateCurrent : t.stateTakenDown}</dd>
</dl>`;
}

function summaryCard(anslag: AnslagRecord, lang: Locale, today: string): SafeHtml {
  return html`<li class="card"><article aria-labelledby="a-${anslag.id}">
<h2 id="a-${anslag.id}"><a href="/anslag/${anslag.id}">${anslag.body}, § ${anslag.paragraphs}: ${anslag.title}</a></h2>
${facts(anslag, lang, today)}
</article></li>`;
}

export function renderBoard(list: AnslagRecord[], lang: Locale, today: string): string {
  const t = messages(lang);
  return renderPage({
    lang,
    title: t.boardTitle,
    path: '/anslagstavla',
    head: FEED_LINK,
    main: html`<h1>${t.boardTitle}</h1>
<p>${t.boardIntro}</p>
${list.length === 0 ? html`<p>${t.boardEmpty}</p>` : html`<ol class="anslag-list">${list.map((a) => summaryCard(a, lang, today))}</ol>`}
<ul class="plain">
<li><a href="/anslagstavla/arkiv">${t.archiveLink}</a></li>
<li><a href="/anslagstavla.atom">${t.feedLink}</a></li>
</ul>`,
  });
}

export interface ArchivePageData {
  q: string;
  page: number;
  pageSize: number;
  total: number;
  items: AnslagRecord[];
}

export function renderArchive(data: ArchivePageData, lang: Locale, today: string): string {
  const t = messages(lang);
  const lastPage = Math.max(1, Math.ceil(data.total / data.pageSize));
  const pageLink = (page: number): string => withQuery('/anslagstavla/arkiv', { q: data.q, page: page > 1 ? String(page) : undefined });
  return renderPage({
    lang,
    title: t.archiveTitle,
    path: '/anslagstavla/arkiv',
    query: { q: data.q, page: data.page > 1 ? String(data.page) : undefined },
    head: FEED_LINK,
    main: html`<h1>${t.archiveTitle}</h1>
<form class="search" method="get" action="/anslagstavla/arkiv" role="search">
<div class="field">
<label for="q">${t.archiveSearchLabel} <span class="hint" id="q-hint">${t.archiveSearchHint}</span></label>
<input type="search" id="q" name="q" value="${data.q}" aria-describedby="q-hint" maxlength="200">
</div>
<button type="submit">${t.search}</button>
</form>
<p>${t.archiveResults(data.total, data.q)}</p>
${data.items.length === 0 ? html`<p>${t.archiveNone}</p>` : html`<ol class="anslag-list">${data.items.map((a) => summaryCard(a, lang, today))}</ol>`}
${lastPage > 1
  ? html`<nav class="pagination" aria-label="${t.archiveTitle}">
${data.page > 1 ? html`<a href="${pageLink(data.page - 1)}" rel="prev">${t.previous}</a>` : ''}
${data.page < lastPage ? html`<a href="${pageLink(data.page + 1)}" rel="next">${t.next}</a>` : ''}
</nav>`
  : ''}`,
  });
}

/** `publishesSignedPdf` false: no link to the signed PDF, and the page says why (public-side.ts). */
export function renderAnslag(anslag: AnslagRecord, report: VerificationReport, lang: Locale, today: string, publishesSignedPdf = true): string {
  const t = messages(lang);
  const appeal = appealInstructions(lang, anslag.appealEndsOn);
  return renderPage({
    lang,
    title: t.anslagHeading(anslag.body, anslag.paragraphs),
    path: `/anslag/${anslag.id}`,
    head: FEED_LINK,
    main: html`<h1>${t.anslagHeading(anslag.body, anslag.paragraphs)}</h1>
<p>${anslagAnnouncement(lang, { body: anslag.body, meetingDate: anslag.meetingDate, paragraphs: anslag.paragraphs, immediate: anslag.kind === 'omedelbar' })}</p>
${facts(anslag, lang, today)}
<section aria-labelledby="authenticity">
<h2 id="authenticity">${t.authenticity}</h2>
<p>${t.authenticityIntro}</p>
${renderVerdict(report, lang, 3)}
${renderTechnicalReport(report, lang)}
</section>
<section aria-labelledby="documents">
<h2 id="documents">${t.documents}</h2>
${publishesSignedPdf ? '' : html`<p>${t.signedPdfWithheld}</p>`}
<ul>
${publishesSignedPdf ? html`<li><a href="/anslag/${anslag.id}.pdf" type="application/pdf">${t.signedPdf}</a></li>` : ''}
<li><a href="/anslag/${anslag.id}/anslag.pdf" type="application/pdf">${t.noticePdf}</a></li>
${anslag.verificationCode ? html`<li><a href="/verifiera/${anslag.verificationCode}">${t.verifyLink}</a></li>` : ''}
</ul>
</section>
<section aria-labelledby="appeal">
<h2 id="appeal">${appeal.heading}</h2>
${appeal.paragraphs.map((p) => html`<p>${p}</p>`)}
</section>`,
  });
}

/** A page that only says something (not found, too many requests), with the way back to the anslagstavla. */
export function renderMessagePage(lang: Locale, path: string, title: string, message: string): string {
  const t = messages(lang);
  return renderPage({ lang, title, path, main: html`<h1>${title}</h1><p>${message}</p><p><a href="/anslagstavla">${t.navBoard}</a></p>` });
}

export function renderNotFound(lang: Locale, path: string): string {
  const t = messages(lang);
  return renderMessagePage(lang, path, t.notFoundTitle, t.notFound);
}
