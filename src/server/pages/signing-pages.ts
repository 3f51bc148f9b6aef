/**
 * The signer's pages as HTML: the extract to read (pdf.js view plus the same text as HTML), who has signed,
 * "Justera och signera" with an explicit confirmation of exactly what is signed, "Avböj" with a comment,
 * and the receipt. Rendering only: the router passes in what the signing workflow returned.
 */
import { formatParagraphs } from '../../assembly/page-layout';
import type { ProtocolMeta } from '../../domain/extract';
import type { ProtocolPageText } from '../../domain/protocol-text';
import { roleLabel, type Locale, type SignerRole } from '../../domain/roles';
import { canApply } from '../../domain/extract-lifecycle';
import { MAX_DECLINE_COMMENT_CHARS, type InvitationView } from '../../use-cases/signing-service';
import type { SigningReceipt } from '../../use-cases/signing-receipt';
import type { Session } from '../auth/session';
import { formatStockholmMinute } from './shared/dates';
import { html, type HtmlValue } from './shared/html';
import { csrfInput, errorOf, type FormError } from './form-fields';
import { errorSummary } from './extract-form-page';
import { pageMessages, type PageMessages } from '../../texts/pages';
import { renderAppPage } from './layout';
import { renderExtractText } from './extract-html';

export const PDF_VIEWER_PATH = '/assets/pdf-viewer.js';

export interface SignerContext {
  lang: Locale;
  session?: Session;
  demo: boolean;
  path: string;
}

function page(ctx: SignerContext, title: string, main: HtmlValue, scripts?: string[]): string {
  return renderAppPage({ lang: ctx.lang, title, path: ctx.path, menu: 'signer', ...(ctx.session ? { session: ctx.session } : {}), demo: ctx.demo, ...(scripts ? { scripts } : {}), main });
}

function role(lang: Locale, value: string): string {
  return roleLabel(value as SignerRole, lang);
}

function signedList(t: PageMessages, lang: Locale, view: Pick<InvitationView, 'signers' | 'field'>): HtmlValue {
  return html`<ul>${view.signers.map(
    (s) => html`<li>${role(lang, s.role)}: ${s.name}${s.field === view.field ? ` ${t.you}` : ''} – <span class="state state-${s.state}">${t.signerStates[s.state]}</span>${s.signedAt ? ` ${formatStockholmMinute(s.signedAt)}` : ''}</li>`,
  )}</ul>`;
}

export interface SigningPageData {
  view: InvitationView;
  extract: ProtocolMeta;
  /** Made from an uploaded protocol: the text read from its pages (extract-service.ts loadReadableVersion). */
  protocol?: { text?: ProtocolPageText[] };
  token: string;
  csrf: string;
  /** The problems of the signing or the decline form just posted. */
  errors: FormError[];
  /** The decline comment as posted, kept after a problem. */
  comment?: string;
}

export function renderSigningPage(ctx: SignerContext, data: SigningPageData): string {
  const t = pageMessages(ctx.lang);
  const { view, extract } = data;
  const base = `/invitation/${data.token}`;
  const what = `${view.body}, ${formatParagraphs(extract.paragraphs)}, ${view.title}`;
  const confirmError = errorOf(data.errors, 'confirm');
  const commentError = errorOf(data.errors, 'comment');
  return page(
    ctx,
    t.signTitle,
    html`<h1>${t.signTitle}</h1>
${errorSummary(ctx.lang, data.errors)}
<p>${t.signIntro(view.signerName, role(ctx.lang, view.role).toLowerCase())}</p>
<dl class="facts">
<dt>${t.body}</dt><dd>${view.body}</dd>
<dt>${t.paragraphs}</dt><dd>${formatParagraphs(extract.paragraphs)}</dd>
<dt>${t.title}</dt><dd>${view.title}</dd>
<dt>${t.caseNumber}</dt><dd>${view.caseNumber ?? '–'}</dd>
<dt>${t.meetingDate}</dt><dd>${view.meetingDate}</dd>
<dt>${t.deadline}</dt><dd>${view.deadline}</dd>
</dl>
<h2>${t.whoHasSigned}</h2>
${signedList(t, ctx.lang, view)}
<h2>${t.pdfHeading}</h2>
<p><a href="${base}/pdf">${t.pdfDownload}</a></p>
<p id="pdf-status" role="status">${t.pdfLoading}</p>
<div id="pdf-view" class="pdf-view" hidden data-pdf-url="${base}/pdf" data-page-label="${t.pdfPageLabel}" data-rendered="${t.pdfRendered}" data-failed="${t.pdfFailed}"></div>
<h2>${t.textHeading}</h2>
${data.protocol ? '' : html`<p>${t.textIntro}</p>`}
${renderExtractText(extract, data.protocol, ctx.lang)}
${canApply(view.state, 'sign')
  ? html`<h2 id="sign-heading">${t.signHeading}</h2>
<form class="stack" method="post" action="${base}/signera" aria-labelledby="sign-heading">${csrfInput(data.csrf)}
<div class="confirm">
<p>${t.youSign}</p>
<dl class="facts">
<dt>${t.body}</dt><dd>${view.body}</dd>
<dt>${t.paragraphs}</dt><dd>${formatParagraphs(extract.paragraphs)}</dd>
<dt>${t.title}</dt><dd>${view.title}</dd>
<dt>${t.documentHash}</dt><dd class="hash" id="document-hash">${view.documentSha256}</dd>
</dl>
<div class="choice"><input type="checkbox" id="f-confirm" name="confirm" value="ja" required aria-describedby="document-hash${confirmError ? ' f-confirm-error' : ''}"${confirmError ? html` aria-invalid="true"` : ''}><label for="f-confirm">${t.confirmLabel} (${what})</label></div>
${confirmError ? html`<span class="field-error" id="f-confirm-error">${confirmError}</span>` : ''}
</div>
<button type="submit">${t.signButton}</button>
</form>
<h2 id="decline-heading">${t.declineHeading}</h2>
<p id="decline-intro">${t.declineIntro}</p>
<form class="stack" method="post" action="${base}/avboj" aria-labelledby="decline-heading">${csrfInput(data.csrf)}
<div class="field">
<label for="f-comment">${t.commentLabel}</label>
${commentError ? html`<span class="field-error" id="f-comment-error">${commentError}</span>` : ''}
<textarea id="f-comment" name="comment" rows="4" required maxlength="${String(MAX_DECLINE_COMMENT_CHARS)}" aria-describedby="decline-intro${commentError ? ' f-comment-error' : ''}"${commentError ? html` aria-invalid="true"` : ''}>${data.comment ?? ''}</textarea>
</div>
<button type="submit" class="danger">${t.declineButton}</button>
</form>`
  : html`<p class="notice" role="status">${t.notSignable(t.states[view.state])}</p>`}`,
    [PDF_VIEWER_PATH],
  );
}

export interface ReceiptData extends SigningReceipt {
  /** Where this signer downloads the justerad PDF (once every signer has signed this version). */
  signedPdfUrl: string | null;
}

export function renderReceipt(ctx: SignerContext, data: ReceiptData): string {
  const t = pageMessages(ctx.lang);
  const waiting = data.signers.filter((s) => s.state !== 'signed').map((s) => s.name);
  return page(
    ctx,
    t.receiptTitle,
    html`<h1>${t.receiptTitle}</h1>
<p class="done" role="status">${data.outcome === 'signed' ? t.receiptSigned(data.signerName, formatStockholmMinute(data.at)) : t.receiptDeclined(data.signerName, formatStockholmMinute(data.at))}</p>
<dl class="facts">
<dt>${t.body}</dt><dd>${data.body}</dd>
<dt>${t.paragraphs}</dt><dd>§ ${data.paragraphs}</dd>
<dt>${t.title}</dt><dd>${data.title}</dd>
${data.sha256 ? html`<dt>${t.receiptHash}</dt><dd class="hash">${data.sha256}</dd>` : ''}
<dt>${t.verificationCode}</dt><dd class="big-code">${data.verificationCode ?? '–'}</dd>
</dl>
${data.newerVersion !== null ? html`<p class="notice" role="status">${t.receiptNewerVersion(data.newerVersion)}</p>` : ''}
${data.outcome === 'signed' ? html`<p>${data.justerad ? t.receiptJusterad : t.receiptWaiting(waiting.join(', '))}</p>` : ''}
${data.signedPdfUrl ? html`<p><a href="${data.signedPdfUrl}">${t.receiptSignedPdf}</a></p>` : ''}
<h2>${t.whoHasSigned}</h2>
${signedList(t, ctx.lang, data)}
${data.verificationCode ? html`<p>${t.receiptCodeHint}</p><p><a href="/verifiera/${data.verificationCode}">${t.receiptVerify}</a></p>` : ''}`,
  );
}
