/** "Kontrollera en handling" (upload), its result, and /verifiera/<code> (the QR code's target). */
import type { Locale } from '../../domain/roles';
import { roleLabel } from '../../domain/roles';
import type { PendingExtract } from '../../use-cases/public-records';
import type { AnslagRecord } from '../../use-cases/records';
import type { VerificationReport } from '../../verification/model';
import { html, type HtmlValue } from '../pages/shared/html';
import { messages } from '../../texts/public-pages';
import { renderPage } from './layout';
import { renderTechnicalReport, renderVerdict } from './verification-view';

function uploadForm(lang: Locale, error?: string): HtmlValue {
  const t = messages(lang);
  return html`<form class="upload" method="post" action="/verifiera" enctype="multipart/form-data">
<div class="field">
<label for="file">${t.fileLabel} <span class="hint" id="file-hint">${t.fileHint}</span></label>
<input type="file" id="file" name="file" accept="application/pdf,.pdf" required aria-describedby="file-hint${error ? ' file-error' : ''}"${error ? html` aria-invalid="true"` : ''}>
</div>
<button type="submit">${t.checkButton}</button>
</form>`;
}

/** A GET form (nothing changes on the server, so no CSRF token): /verifiera?kod=… redirects to /verifiera/<code>. */
function codeForm(lang: Locale, error?: string): HtmlValue {
  const t = messages(lang);
  return html`<form class="code" method="get" action="/verifiera">
<div class="field">
<label for="kod">${t.codeLabel} <span class="hint" id="kod-hint">${t.codeHint}</span></label>
<input type="text" id="kod" name="kod" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="64" required aria-describedby="kod-hint${error ? ' kod-error' : ''}"${error ? html` aria-invalid="true"` : ''}>
</div>
<button type="submit">${t.codeButton}</button>
</form>`;
}

/** Where the page's script is served (router.ts) and the anchors it trusts. */
export const BROWSER_VERIFY_SCRIPT_PATH = '/public/verifiera.js';
export const TRUST_ANCHORS_PATH = '/public/trust-anchors.json';

/**
 * "Kontrollera i webbläsaren": hidden until the page's script (src/server/public/browser/verify-in-browser.ts)
 * shows it, so a browser without scripts sees only what works for it. Choosing a file verifies it in the
 * page; the form posts the same file to the server's check only when the visitor presses its button.
 */
function browserCheck(lang: Locale): HtmlValue {
  const t = messages(lang);
  return html`<section id="browser-check" aria-labelledby="browser-heading" hidden>
<h2 id="browser-heading">${t.browserHeading}</h2>
<p>${t.browserIntro}</p>
<form class="browser-upload" id="browser-form" method="post" action="/verifiera" enctype="multipart/form-data">
<div class="field">
<label for="browser-file">${t.browserFileLabel}</label>
<input type="file" id="browser-file" name="file" accept="application/pdf,.pdf">
</div>
<div id="browser-result" aria-live="polite"></div>
<p id="browser-server" hidden><button type="submit">${t.serverCheckButton}</button></p>
</form>
</section>`;
}

export interface VerifyFormErrors {
  /** The upload's problem, said at the file field. */
  file?: string;
  /** The code field's problem. */
  code?: string;
}

export function renderVerifyForm(lang: Locale, errors: VerifyFormErrors = {}): string {
  const t = messages(lang);
  const error = errors.file ?? errors.code;
  return renderPage({
    lang,
    title: error ? `${t.errorTitle} – ${t.verifyTitle}` : t.verifyTitle,
    path: '/verifiera',
    main: html`<h1>${t.verifyTitle}</h1>
<p>${t.verifyIntro}</p>
<h2>${t.codeHeading}</h2>
${errors.code ? html`<div class="error-message" id="kod-error" role="alert"><p>${errors.code}</p></div>` : ''}
${codeForm(lang, errors.code)}
<h2>${t.fileHeading}</h2>
${errors.file ? html`<div class="error-message" id="file-error" role="alert"><p><strong>${t.errorTitle}.</strong> ${errors.file}</p></div>` : ''}
${uploadForm(lang, errors.file)}
${browserCheck(lang)}`,
    scripts: [BROWSER_VERIFY_SCRIPT_PATH],
  });
}

export function renderVerifyResult(report: VerificationReport, lang: Locale, fileName: string | undefined): string {
  const t = messages(lang);
  return renderPage({
    lang,
    title: t.resultTitle,
    path: '/verifiera',
    main: html`<h1>${t.resultTitle}</h1>
${fileName ? html`<p>${t.fileName}: ${fileName}</p>` : ''}
${renderVerdict(report, lang)}
${renderTechnicalReport(report, lang)}
<p><a href="/verifiera">${t.checkAnother}</a></p>`,
  });
}

export function renderCodeResult(code: string, report: VerificationReport, anslag: AnslagRecord | undefined, lang: Locale): string {
  const t = messages(lang);
  return renderPage({
    lang,
    title: t.codeTitle(code),
    path: `/verifiera/${code}`,
    main: html`<h1>${t.codeTitle(code)}</h1>
${report.metadata.body ? html`<p>${report.metadata.body}${report.metadata.meetingDate ? `, ${report.metadata.meetingDate}` : ''}${report.metadata.paragraphs ? `, § ${report.metadata.paragraphs}` : ''}${report.metadata.title ? `: ${report.metadata.title}` : ''}</p>` : ''}
${renderVerdict(report, lang)}
${anslag ? html`<p><a href="/anslag/${anslag.id}">${t.codeAnslag}</a></p>` : ''}
${renderTechnicalReport(report, lang)}`,
  });
}

/** What the public may know of an extract whose code exists but that is not (yet) justerat. */
export function renderCodePending(code: string, pending: PendingExtract, lang: Locale): string {
  const t = messages(lang);
  const { description: d } = pending;
  return renderPage({
    lang,
    title: `${t.codePendingLabel} – ${t.codeTitle(code)}`,
    path: `/verifiera/${code}`,
    main: html`<h1>${t.codeTitle(code)}</h1>
<p>${d.body}, ${d.meetingDate}, § ${d.paragraphs}: ${d.title}${d.caseNumber ? ` (${d.caseNumber})` : ''}</p>
<section class="verdict unknown" aria-labelledby="verdict-heading">
<h2 id="verdict-heading">${t.result}</h2>
<p><strong class="label">${t.codePendingLabel}.</strong> ${pending.superseded ? t.codeSuperseded : t.codePending(pending.state)}</p>
<h3>${t.codeSignedSoFar}</h3>
${pending.signedSoFar.length > 0 ? html`<ul>${pending.signedSoFar.map((s) => html`<li>${roleLabel(s.role, lang)}: ${s.name}</li>`)}</ul>` : html`<p>${t.codeNobodySigned}</p>`}
</section>
<p><a href="/verifiera">${t.verifyTitle}</a></p>`,
  });
}

export function renderCodeNotFound(code: string, lang: Locale): string {
  const t = messages(lang);
  return renderPage({
    lang,
    title: t.codeTitle(code),
    path: `/verifiera/${code}`,
    main: html`<h1>${t.codeTitle(code)}</h1><p>${t.codeNotFound(code)}</p><p><a href="/verifiera">${t.verifyTitle}</a></p>`,
  });
}
