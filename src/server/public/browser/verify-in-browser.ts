/**
 * The script of /verifiera (bundled by scripts/build-browser.ts): "Kontrollera i webbläsaren". The chosen
 * PDF is verified in the page by the same verifier core as the server's, on WebCrypto, with the service's
 * own trust anchors (a static file), and the answer is drawn by the same renderer as the server's result
 * page. Nothing is sent: the form posts the file to the server's check only when the visitor presses its
 * button, offered when the browser lacks an algorithm or cannot read the file.
 */
import { DigestUnsupportedError, WebCryptoProvider } from '../../../crypto/webcrypto-provider';
import type { Locale } from '../../../domain/roles';
import { verifyPdf } from '../../../verification/verify-pdf';
import { html } from '../../pages/shared/html';
import { messages } from '../../../texts/public-pages';
import { publicReport } from '../public-report';
import { renderTechnicalReport, renderVerdict } from '../verification-view';
import type { BrowserTrustAnchors } from '../trust-anchors-file';
import { TRUST_ANCHORS_PATH } from '../verify-pages';

/*
 * The few DOM members this script uses, declared here: the project compiles without the DOM library,
 * which would change the types of Node's globals (fetch, timers) everywhere else.
 */
interface PageElement {
  hidden: boolean;
  innerHTML: string;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}
interface PickedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}
interface FileInput extends PageElement {
  files: ArrayLike<PickedFile> | null;
  addEventListener(type: 'change', listener: () => void): void;
}
declare const document: { getElementById(id: string): PageElement | null; documentElement: { lang: string } };

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

let anchors: Promise<{ trustAnchors: Uint8Array[]; demonstrationRoots: string[] }> | undefined;

function trustAnchors(): Promise<{ trustAnchors: Uint8Array[]; demonstrationRoots: string[] }> {
  anchors ??= fetch(TRUST_ANCHORS_PATH, { credentials: 'omit' })
    .then((response) => {
      if (!response.ok) throw new Error(`${TRUST_ANCHORS_PATH}: HTTP ${response.status}`);
      return response.json() as Promise<BrowserTrustAnchors>;
    })
    .then((file) => ({ trustAnchors: file.trustAnchors.map(fromBase64), demonstrationRoots: file.demonstrationRoots }));
  anchors.catch(() => (anchors = undefined));
  return anchors;
}

async function check(file: PickedFile, lang: Locale, result: PageElement, server: PageElement): Promise<void> {
  const t = messages(lang);
  server.hidden = true;
  result.setAttribute('aria-busy', 'true');
  result.innerHTML = html`<p>${t.browserWorking}</p>`.value;
  let crypto: WebCryptoProvider | undefined;
  try {
    const [bytes, trust, provider] = await Promise.all([file.arrayBuffer(), trustAnchors(), WebCryptoProvider.create()]);
    crypto = provider;
    const report = publicReport(await verifyPdf(new Uint8Array(bytes), { ...trust, crypto }));
    // A signature the browser cannot check is INDETERMINATE in the report: the page names what it lacks.
    const missing = crypto.missingAlgorithms;
    result.innerHTML = html`<p>${t.browserResultNote(file.name)}</p>
${missing.length > 0 ? html`<p class="error-message">${t.browserUnsupported(missing)}</p>` : ''}
${renderVerdict(report, lang, 3)}
${renderTechnicalReport(report, lang)}`.value;
    server.hidden = missing.length === 0;
  } catch (error) {
    // A digest the browser lacks stops the whole check (the signed bytes cannot be hashed): no verdict, only what is missing.
    const message = error instanceof DigestUnsupportedError && crypto ? t.browserUnsupported(crypto.missingAlgorithms) : t.browserFailed(error instanceof Error ? error.message : String(error));
    result.innerHTML = html`<div class="error-message"><p>${message}</p></div>`.value;
    server.hidden = false;
  } finally {
    result.removeAttribute('aria-busy');
  }
}

function start(): void {
  const section = document.getElementById('browser-check');
  const input = document.getElementById('browser-file') as FileInput | null;
  const result = document.getElementById('browser-result');
  const server = document.getElementById('browser-server');
  if (!section || !input || !result || !server) return;
  // Without WebCrypto (a page not served over HTTPS or localhost) the section stays hidden.
  if (!globalThis.crypto?.subtle) return;
  const lang: Locale = document.documentElement.lang === 'en' ? 'en' : 'sv';
  section.hidden = false;
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void check(file, lang, result, server);
  });
}

start();
