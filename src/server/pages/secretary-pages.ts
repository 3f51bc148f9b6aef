/**
 * The secretary's pages as HTML: the list of extracts, the new-extract form, one extract with its signers,
 * actions, downloads and audit trail, and the mail outbox. Rendering only: the router fetches the read
 * models from the workflows and passes them in.
 */
import { ADJUSTER_FIELDS, roleLabel, roleOfField, type Locale } from '../../domain/roles';
import type { AuditEventRow } from '../../use-cases/records';
import type { OutboxMailRow } from '../../use-cases/records';
import type { PdfRevisionRow } from '../../use-cases/records';
import type { ExtractView } from '../../use-cases/extract-service';
import { canApply } from '../../domain/extract-lifecycle';
import type { ProtocolConversionNotes } from '../../domain/protocol-conversion';
import type { AuthenticatedPerson } from '../auth/person';
import { formatStockholmMinute } from './shared/dates';
import { html, type HtmlValue, type SafeHtml } from './shared/html';
import { buttonForm, csrfInput, errorOf, jsonFileField, type FormError } from './form-fields';
import type { FormValues } from './extract-form';
import { errorSummary, renderExtractFormMain, signerFieldsets, type ExtractFormData } from './extract-form-page';
import { formMessages } from '../../texts/form-messages';
import { pageMessages, type PageMessages } from '../../texts/pages';
import { renderAppPage } from './layout';
import { renderSignerLinkActions, renderSignersTable } from './signer-links';

export interface SecretaryContext {
  lang: Locale;
  person: AuthenticatedPerson;
  demo: boolean;
  csrf: string;
  path: string;
}

function page(ctx: SecretaryContext, title: string, main: HtmlValue, query?: Record<string, string | undefined>): string {
  return renderAppPage({ lang: ctx.lang, title, path: ctx.path, ...(query ? { query } : {}), menu: 'secretary', session: { person: ctx.person, csrfToken: ctx.csrf }, demo: ctx.demo, main });
}

/** A signature field as the page names it ("Justerare 2"), never its internal name (`justerare-2`). */
function signatureFieldText(field: string, lang: Locale): string {
  const role = roleOfField(field);
  if (role === undefined) return field;
  const adjuster = (ADJUSTER_FIELDS as readonly string[]).indexOf(field);
  return adjuster >= 0 ? `${roleLabel(role, lang)} ${adjuster + 1}` : roleLabel(role, lang);
}

function when(iso: string | null): string {
  return iso ? formatStockholmMinute(iso) : '–';
}

function stateText(t: PageMessages, state: ExtractView['state']): SafeHtml {
  return html`<span class="state state-${state}">${t.states[state]}</span>`;
}

/** The list's search: free text over matter, body, paragraph and case number, and one state. */
export interface ListFilter {
  q: string;
  state: ExtractView['state'] | '';
  /** How many extracts there are before the filter. */
  total: number;
}

function filterForm(t: PageMessages, filter: ListFilter): SafeHtml {
  const states = Object.keys(t.states) as ExtractView['state'][];
  return html`<form class="list-filter" method="get" action="/sekreterare" role="search">
<div class="field"><label for="f-q">${t.searchLabel}</label><span class="hint" id="f-q-hint">${t.searchHint}</span>
<input type="search" id="f-q" name="q" value="${filter.q}" aria-describedby="f-q-hint"></div>
<div class="field"><label for="f-state">${t.stateFilterLabel}</label>
<select id="f-state" name="state"><option value="">${t.stateFilterAll}</option>${states.map((state) => html`<option value="${state}"${state === filter.state ? html` selected` : ''}>${t.states[state]}</option>`)}</select></div>
<button type="submit" class="secondary">${t.filterButton}</button>
</form>`;
}

export function renderExtractList(ctx: SecretaryContext, extracts: ExtractView[], filter: ListFilter): string {
  const t = pageMessages(ctx.lang);
  const rows = extracts.map((e) => {
    const signed = e.signers.filter((s) => s.state === 'signed').length;
    return html`<tr>
<td><a href="/sekreterare/utdrag/${e.id}">${e.title}</a>${e.caseNumber ? html`<br><span class="hint">${e.caseNumber}</span>` : ''}</td>
<td>${e.body}</td>
<td>§&nbsp;${e.paragraphs}</td>
<td class="date">${e.meetingDate}</td>
<td>${stateText(t, e.state)}</td>
<td class="date">${e.deadline}${e.overdue ? html` <strong>(${t.overdue})</strong>` : ''}</td>
<td>${t.signedCount(signed, e.signers.length)}</td>
</tr>`;
  });
  const query = { q: filter.q || undefined, state: filter.state || undefined };
  return page(
    ctx,
    t.listTitle,
    html`<h1>${t.listTitle}</h1>
<p><a href="/sekreterare/nytt">${t.createLink}</a></p>
${filter.total === 0
  ? html`<p>${t.listEmpty}</p>`
  : html`${filterForm(t, filter)}
<p role="status">${extracts.length === 0 ? t.listNoMatch : t.listShowing(extracts.length, filter.total)}</p>
${extracts.length === 0 ? '' : html`<div class="table-wrap"><table class="extract-list">
<caption class="visually-hidden">${t.listTitle}</caption>
<thead><tr><th scope="col">${t.colTitle}</th><th scope="col">${t.colBody}</th><th scope="col">${t.colParagraphs}</th><th scope="col">${t.colMeeting}</th><th scope="col">${t.colState}</th><th scope="col">${t.colDeadline}</th><th scope="col">${t.colSignatures}</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`}`}`,
    query,
  );
}

export function renderExtractForm(ctx: SecretaryContext, data: ExtractFormData): string {
  const t = pageMessages(ctx.lang);
  return page(ctx, data.mode === 'create' ? t.newTitle : formMessages(ctx.lang).editTitle, renderExtractFormMain(ctx.lang, ctx.csrf, data));
}

export interface ExtractPageData {
  view: ExtractView;
  revisions: PdfRevisionRow[];
  events: AuditEventRow[];
  mails: OutboxMailRow[];
  signerValues: FormValues;
  done?: string;
  errors: FormError[];
}

function actions(t: PageMessages, ctx: SecretaryContext, data: ExtractPageData): SafeHtml {
  const { view } = data;
  const base = `/sekreterare/utdrag/${view.id}`;
  const forms: SafeHtml[] = [];
  if (canApply(view.state, 'send')) forms.push(buttonForm(`${base}/skicka`, t.sendButton, ctx.csrf, { hint: t.sendHint }));
  if (view.state === 'out_for_justering' && view.signers.some((s) => s.state === 'pending' && s.invitedAt)) forms.push(buttonForm(`${base}/paminn`, t.remindButton, ctx.csrf, { className: 'secondary' }));
  if (canApply(view.state, 'cancel')) forms.push(buttonForm(`${base}/avbryt`, t.cancelButton, ctx.csrf, { className: 'danger', hint: t.cancelHint }));
  const uploadError = errorOf(data.errors, 'upload');
  return html`${canApply(view.state, 'revise') ? html`<p><a href="${base}/redigera">${formMessages(ctx.lang).editLink}</a></p>` : ''}
${forms.length > 0 ? html`<h2>${t.actionsHeading}</h2><div class="actions">${forms}</div>` : ''}
${view.state === 'declined'
  ? html`<h2>${t.reviseHeading}</h2>
<form class="stack" method="post" action="${base}/revidera" enctype="multipart/form-data">${csrfInput(ctx.csrf)}
${jsonFileField({ label: `${t.reviseFileLabel} ${t.optional}`, hint: t.reviseHint, required: false, ...(uploadError ? { error: uploadError } : {}) })}
<button type="submit">${t.reviseButton}</button>
</form>`
  : ''}
${canApply(view.state, 'revise')
  ? html`<h2>${t.signersFormHeading}</h2>
<p>${t.signersFormHint}</p>
<form class="stack" method="post" action="${base}/undertecknare">${csrfInput(ctx.csrf)}
${signerFieldsets(ctx.lang, data.signerValues, data.errors)}
<button type="submit" class="secondary">${t.saveSigners}</button>
</form>`
  : ''}`;
}

/** What became of an uploaded protocol, said plainly; the assembly's reasons are its own (English) sentences. */
function conversionSection(t: PageMessages, conversion: ProtocolConversionNotes): SafeHtml {
  const reasons = (items: readonly string[]): SafeHtml => html` <span lang="en">${items.join('; ')}.</span>`;
  const lines: SafeHtml[] = [html`${t.conversionKept(conversion.keptPages)}`];
  lines.push(
    conversion.pdfaLevel && conversion.declaredPdfA
      ? html`${t.conversionPdfA(conversion.pdfaLevel, conversion.declaredPdfA)}`
      : html`<strong>${t.conversionNotPdfA}</strong>${reasons(conversion.notPdfAReasons)}`,
  );
  if (conversion.tagged) lines.push(html`${t.conversionTagged(conversion.pdfua)}`);
  else if (conversion.notTaggedReason) lines.push(html`${t.conversionNotTagged}${reasons([conversion.notTaggedReason])}`);
  else lines.push(html`${t.conversionUntagged}`);
  if (conversion.scriptsRemoved > 0) lines.push(html`${t.conversionScripts(conversion.scriptsRemoved)}`);
  if (conversion.filesRemoved.length > 0) lines.push(html`${t.conversionFiles(conversion.filesRemoved.join(', '))}`);
  return html`<h2>${t.conversionHeading}</h2>
<ul class="conversion">${lines.map((line) => html`<li>${line}</li>`)}</ul>`;
}

export function renderExtractPage(ctx: SecretaryContext, data: ExtractPageData): string {
  const t = pageMessages(ctx.lang);
  const { view } = data;
  const base = `/sekreterare/utdrag/${view.id}`;
  const justerad = ['justerad', 'anslag_published', 'anslag_taken_down'].includes(view.state);
  return page(
    ctx,
    view.title,
    html`<h1>${view.title}</h1>
${data.done ? html`<p class="done" role="status">${data.done}</p>` : ''}
${errorSummary(ctx.lang, data.errors)}
<p class="verdict">${t.colState}: ${stateText(t, view.state)}</p>
${view.signers.filter((s) => s.declineComment).map((s) => html`<div class="declined"><h2>${t.declinedWith(s.name)}</h2><p class="comment">${s.declineComment}</p><p class="hint">${when(s.declinedAt)}</p></div>`)}
<h2>${t.facts}</h2>
<dl class="facts">
<dt>${t.body}</dt><dd>${view.body}</dd>
<dt>${t.paragraphs}</dt><dd>§ ${view.paragraphs}</dd>
<dt>${t.meetingDate}</dt><dd>${view.meetingDate}</dd>
<dt>${t.caseNumber}</dt><dd>${view.caseNumber ?? '–'}</dd>
<dt>${t.deadline}</dt><dd>${view.deadline}${view.overdue ? html` <strong>(${t.overdue})</strong>` : ''}</dd>
<dt>${t.version}</dt><dd>${view.version}</dd>
<dt>${t.verificationCode}</dt><dd>${view.verificationCode ?? '–'}</dd>
<dt>${t.signingOrder}</dt><dd>${view.signingOrder === 'chair-last' ? t.orderChairLast : t.orderParallel}</dd>
</dl>
${view.protocol?.conversion ? conversionSection(t, view.protocol.conversion) : ''}
<h2>${t.signersHeading}</h2>
${renderSignersTable(t, ctx, view)}
${renderSignerLinkActions(t, ctx, view, data.errors)}
${actions(t, ctx, data)}
<h2>${t.downloadsHeading}</h2>
<ul>
${justerad ? html`<li><a href="${base}/pdf/justerad">${t.finalPdf}</a></li>
<li><a href="${base}/bevispaket.zip">${t.evidencePackage}</a></li>
<li><a href="${base}/verifieringsrapport.pdf">${t.verificationReportPdf}</a></li>` : ''}
<li><a href="${base}/pdf">${t.currentPdf}</a></li>
<li><a href="${base}/verifikat.json">${t.auditJson}</a></li>
</ul>
<h3>${t.revisionsHeading}</h3>
<ul>${data.revisions.map((r) => html`<li><a href="${base}/revision/${r.version}/${r.seq}">${t.revisionLabel(r.version, r.seq)}</a>: ${t.revisionKinds[r.kind]}${r.field ? ` (${signatureFieldText(r.field, ctx.lang)})` : ''}, ${when(r.createdAt)}</li>`)}</ul>
<h2>${t.auditHeading}</h2>
<div class="table-wrap"><table>
<caption class="visually-hidden">${t.auditHeading}</caption>
<thead><tr><th scope="col">${t.colWhen}</th><th scope="col">${t.colEvent}</th><th scope="col">${t.colWho}</th></tr></thead>
<tbody>${data.events.map((e) => html`<tr><td class="date">${when(e.at)}</td><td>${t.eventTypes[e.type] ?? e.type}</td><td>${e.actor}</td></tr>`)}</tbody>
</table></div>
${data.mails.length > 0 ? html`<h2>${t.outboxTitle}</h2>${mailList(t, data.mails, 3)}` : ''}`,
  );
}

/** Invitation links in a mail become links; everything else stays text. */
function mailText(text: string): SafeHtml {
  const parts = text.split(/(https?:\/\/\S+)/);
  return html`${parts.map((part, i) => (i % 2 === 1 ? html`<a href="${part}">${part}</a>` : part))}`;
}

function mailList(t: PageMessages, mails: OutboxMailRow[], level: 2 | 3): SafeHtml {
  return html`<ol class="plain">${mails.map(
    (m) => html`<li class="card">
${level === 2 ? html`<h2>${m.subject}</h2>` : html`<h3>${m.subject}</h3>`}
<dl class="facts"><dt>${t.mailTo}</dt><dd>${m.to}</dd><dt>${t.mailCreated}</dt><dd>${when(m.createdAt)}</dd><dt>${t.mailSent}</dt><dd>${m.sentAt ? when(m.sentAt) : t.mailNotSent}</dd></dl>
<div class="mail-text">${mailText(m.text)}</div>
</li>`,
  )}</ol>`;
}

/** The 403 of the secretary's pages: who is logged in, why that is not enough, and the ways on. */
export function renderNotSecretary(ctx: SecretaryContext): string {
  const f = formMessages(ctx.lang);
  const t = pageMessages(ctx.lang);
  return renderAppPage({
    lang: ctx.lang,
    title: f.forbiddenTitle,
    path: ctx.path,
    menu: 'signer',
    session: { person: ctx.person, csrfToken: ctx.csrf },
    demo: ctx.demo,
    main: html`<h1>${f.forbiddenTitle}</h1>
<div class="error-message" role="alert"><p><strong>${f.forbiddenText(ctx.person.name)}</strong></p></div>
<p>${f.forbiddenHow}</p>
${ctx.demo ? html`<p>${f.forbiddenDemo}</p>` : ''}
<p>${f.forbiddenSignerHint}</p>
<form method="post" action="/auth/logout">${csrfInput(ctx.csrf)}<input type="hidden" name="returnTo" value="${ctx.path}"><button type="submit">${f.logoutAndSwitch}</button></form>
<p><a href="/verifiera">${t.navVerify}</a></p>`,
  });
}

export function renderOutbox(ctx: SecretaryContext, mails: OutboxMailRow[]): string {
  const t = pageMessages(ctx.lang);
  return page(ctx, t.outboxTitle, html`<h1>${t.outboxTitle}</h1>
<p>${t.outboxIntro}</p>
${mails.length === 0 ? html`<p>${t.outboxEmpty}</p>` : mailList(t, mails, 2)}`);
}
