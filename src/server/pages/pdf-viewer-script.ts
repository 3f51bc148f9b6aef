/**
 * The signing page's only script, served as /assets/pdf-viewer.js (an ES module, same origin, so the CSP
 * needs no 'unsafe-inline'): it draws every page of the PDF with pdf.js into canvases. The page works
 * without it (a link to the PDF and the same text as HTML); all wording comes from data- attributes so
 * the script holds no language.
 */
export const PDFJS_BASE = '/assets/pdfjs';

export const PDF_VIEWER_JS = `
import * as pdfjs from '${PDFJS_BASE}/build/pdf.min.mjs';

pdfjs.GlobalWorkerOptions.workerSrc = '${PDFJS_BASE}/build/pdf.worker.min.mjs';

const view = document.getElementById('pdf-view');
const status = document.getElementById('pdf-status');

async function show() {
  const task = pdfjs.getDocument({
    url: view.dataset.pdfUrl,
    isEvalSupported: false,
    enableXfa: false,
    standardFontDataUrl: '${PDFJS_BASE}/standard_fonts/',
    cMapUrl: '${PDFJS_BASE}/cmaps/',
  });
  const pdf = await task.promise;
  const total = pdf.numPages;
  const ratio = window.devicePixelRatio || 1;
  for (let n = 1; n <= total; n++) {
    const page = await pdf.getPage(n);
    const viewport = page.getViewport({ scale: 1.4 });
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', view.dataset.pageLabel.replace('{n}', String(n)).replace('{total}', String(total)));
    view.appendChild(canvas);
    await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] }).promise;
  }
  view.hidden = false;
  view.dataset.pages = String(total);
  status.textContent = view.dataset.rendered.replace('{pages}', String(total));
}

if (view && status) {
  show().catch((error) => {
    console.error(error);
    status.textContent = view.dataset.failed;
  });
}
`;
