/**
 * The pages' static assets, served by the service itself (no CDN): the base and page style sheets, our
 * PDF viewer script, the icon, and pdf.js (pdfjs-dist's modern build, its standard fonts and CMaps) from node_modules.
 */
import { dirname, join } from 'node:path';
import express, { type Router } from 'express';
import { SITE_CSS } from './shared/site-css';
import { PAGES_CSS } from './pages-css';
import { PAGES_CSS_PATH, SITE_CSS_PATH } from './layout';
import { PDF_VIEWER_JS, PDFJS_BASE } from './pdf-viewer-script';
import { PDF_VIEWER_PATH } from './signing-pages';
import { FAVICON_ICO_PATH, FAVICON_PATH, FAVICON_SVG } from './favicon';

const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));

export function createAssetsRouter(): Router {
  const router = express.Router();
  const text = (path: string, type: string, body: string) =>
    router.get(path, (_req, res) => {
      res.type(type).set('Cache-Control', 'public, max-age=3600').send(body);
    });
  text(SITE_CSS_PATH, 'text/css', SITE_CSS);
  text(PAGES_CSS_PATH, 'text/css', PAGES_CSS);
  text(PDF_VIEWER_PATH, 'text/javascript', PDF_VIEWER_JS);
  text(FAVICON_PATH, 'image/svg+xml', FAVICON_SVG);
  text(FAVICON_ICO_PATH, 'image/svg+xml', FAVICON_SVG);
  const staticOptions = { index: false, maxAge: '1d', setHeaders: (res: express.Response, path: string) => {
    if (path.endsWith('.mjs')) res.type('text/javascript');
  } };
  for (const folder of ['build', 'standard_fonts', 'cmaps']) {
    router.use(`${PDFJS_BASE}/${folder}`, express.static(join(PDFJS_DIR, folder), staticOptions));
  }
  return router;
}
