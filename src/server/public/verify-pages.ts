/** "Kontrollera en handling" (upload), its result, and /verifiera/<code> (the QR code's target). */
import type { Locale } from '../../domain/roles';
import type { AnslagRecord } from '../../storage/anslag-repository';
import type { VerificationReport } from '../../verification/model';
import { html, type HtmlValue } from '../pages/shared/html';
import { messages } from './i18n';
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

export function renderVerifyForm(lang: Locale, error?: string): string {
  const t = messages(lang);
  return renderPage({
    lang,
    title: error ? `${t.errorTitle} – ${t.verifyTitle}` : t.verifyTitle,
    path: '/verifiera',
    main: html`<h1>${t.verifyTitle}</h1>
<p>${t.verifyIntro}</p>
${error ? html`<div class="error-message" id="file-error" role="alert"><p><strong>${t.errorTitle}.</strong> ${error}</p></div>` : ''}
${uploadForm(lang, error)}`,
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

export function renderCodeNotFound(code: string, lang: Locale): string {
  const t = messages(lang);
  return renderPage({
    lang,
    title: t.codeTitle(code),
    path: `/verifiera/${code}`,
    main: html`<h1>${t.codeTitle(code)}</h1><p>${t.codeNotFound(code)}</p><p><a href="/verifiera">${t.verifyTitle}</a></p>`,
  });
}
