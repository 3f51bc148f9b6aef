/**
 * How every signing and secretary page leaves the service: HTML, never cached (it shows personal state),
 * with a Content-Security-Policy that allows only our own scripts, styles and the pdf.js worker, no inline
 * script or style, no framing. Errors become a page in the person's language instead of JSON.
 */
import type { ErrorRequestHandler, Response } from 'express';
import { isJusteraError } from '../../errors';
import type { AppDeps } from '../app-deps';
import { httpStatusOf } from '../error-status';
import { chooseLang } from './shared/lang';
import { renderErrorPage } from './layout';

export const PAGES_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function sendPage(res: Response, page: string, status = 200): void {
  // same-origin, not helmet's no-referrer: with no-referrer Chromium sends "Origin: null" on our own form
  // posts, and the Origin check (csrf.ts) needs the real one. Other sites still get no referrer.
  res.status(status).type('html').set('Content-Security-Policy', PAGES_CSP).set('Referrer-Policy', 'same-origin').set('Cache-Control', 'no-store').send(page);
}

/** Our errors as a page (a missing login as the way to it); anything else goes on to the app's handler. */
export function pagesErrorHandler(deps: AppDeps, menu: 'secretary' | 'signer'): ErrorRequestHandler {
  return async (error: unknown, req, res, next) => {
    if (res.headersSent || !isJusteraError(error)) {
      next(error);
      return;
    }
    const lang = chooseLang(req, res);
    if (error.code === 'ERR_UNAUTHENTICATED') {
      // After a form post, back to the page the form was on (its action minus the last segment).
      const back = req.method === 'GET' ? req.originalUrl : req.originalUrl.split('?')[0].replace(/\/[^/]*$/, '') || '/';
      res.set('Cache-Control', 'no-store').redirect(303, deps.auth.loginUrl(back, lang));
      return;
    }
    // The signer's routes read the session themselves; the page still shows who is logged in (and Logga ut).
    const session = res.locals.session ?? (await deps.auth.readSession(req).catch(() => undefined));
    sendPage(res, renderErrorPage({ lang, demo: deps.auth.demo, path: req.baseUrl + req.path, menu, ...(session ? { session } : {}) }, error.code, error.message), httpStatusOf(error.code));
  };
}
