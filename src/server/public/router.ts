/**
 * The public side (issue 7), no login: the anslagstavla and its archive, each anslag with a fresh check of
 * its signed PDF, "Kontrollera en handling" (upload) and /verifiera/<code> (the QR code's target), the
 * public JSON API and Atom feed, the accessibility statement. Uploads are limited in size and rate, only
 * PDFs are read, and every PDF is verified in a worker thread with a time-out (public-verifier.ts).
 */
import { readFileSync } from 'node:fs';
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Clock } from '../../clock';
import { isAnslagCurrent } from '../../domain/appeal-period';
import { stockholmDate } from '../../domain/calendar-date';
import type { Locale } from '../../domain/roles';
import { isJusteraError, JusteraError } from '../../errors';
import type { AnslagRecord, Database } from '../../use-cases/records';
import { normalizeVerificationCode } from '../../assembly/verification-code';
import { anslagArchive, currentAnslag, lookUpVerificationCode, postedAnslag, postedAnslagPdf } from '../../use-cases/public-records';
import type { VerificationReport } from '../../verification/model';
import { renderEtsiXml } from '../../verification/render/etsi-xml';
import { httpStatusOf } from '../error-status';
import { fromFrameworkError, sendError } from '../http-errors';
import { renderAccessibility } from './accessibility-page';
import { renderAnslag, renderArchive, renderBoard, renderMessagePage, renderNotFound } from './anslag-pages';
import { renderAtomFeed } from './atom-feed';
import { chooseLang } from '../pages/shared/lang';
import { messages, type Messages } from '../../texts/public-pages';
import { SITE_CSS } from '../pages/shared/site-css';
import type { PublicVerifier } from './public-verifier';
import { markDemonstration, type Demonstration } from './layout';
import { renderStartPage, type StartPageSetup } from './start-page';
import { BROWSER_VERIFY_SCRIPT_PATH, renderCodeNotFound, renderCodePending, renderCodeResult, renderVerifyForm, renderVerifyResult, TRUST_ANCHORS_PATH, type VerifyFormErrors } from './verify-pages';
import { trustAnchorsFile } from './trust-anchors-file';
import { browserVerifyBundle } from '../../config/paths';

/** Largest PDF the public may upload (issue 7: 50 MB). */
export const PUBLIC_UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;
/** Room for the multipart framing around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const ARCHIVE_PAGE_SIZE = 20;
const API_PAGE_MAX = 100;
/** The day the accessibility statement was last reviewed. */
const ACCESSIBILITY_STATEMENT_DATE = '2026-11-25';

export interface PublicRouterDeps {
  db: Database;
  clock: Clock;
  publicBaseUrl: string;
  /** False: GET /anslag/<id>.pdf answers 404 and nothing links to it (public-side.ts). */
  publishesSignedPdf: boolean;
  verifier: PublicVerifier;
  /** The roots `verifier` trusts, served to the in-browser check of /verifiera. */
  trustAnchors: readonly Uint8Array[];
  /** Whether the keys or the login are the demonstration ones: every page then carries the DEMO banner. */
  demonstration: Demonstration;
  /** What the start page says about trying the service. */
  startPage: StartPageSetup;
}

export interface PublicRouterOptions {
  uploadLimitBytes?: number;
  /** Verifications (uploads and API calls) per minute per client; 0 turns the limit off. Default 60. */
  verifyPerMinute?: number;
  /** Page and API reads per minute per client; 0 turns the limit off. Default 600. */
  readsPerMinute?: number;
}

const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
/** /verifiera runs its own script (the in-browser check), which fetches the trust anchors. */
const VERIFY_PAGE_CSP = `${CSP}; script-src 'self'; connect-src 'self'`;

/** The bundle once at start; undefined before `npm run build` made it (the page then works without it). */
function readBrowserScript(): string | undefined {
  try {
    return readFileSync(browserVerifyBundle(), 'utf8');
  } catch {
    return undefined;
  }
}

function isApi(req: Request): boolean {
  return req.originalUrl.startsWith('/api/');
}

/** A PDF starts with %PDF- within its first 1024 bytes (ISO 32000-2 7.5.2 and common reader practice). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  return head.indexOf('%PDF-') >= 0;
}

/** The /verifiera form (also with an error at a field): its page runs the in-browser check's script. */
function sendVerifyForm(res: Response, lang: Locale, demonstration: Demonstration, errors: VerifyFormErrors = {}, status = 200): void {
  res.setHeader('Content-Security-Policy', VERIFY_PAGE_CSP);
  sendPage(res, lang, demonstration, renderVerifyForm(lang, errors), status);
}

/** Sends a public page, marked DEMO in a demonstration setup. */
function sendPage(res: Response, lang: Locale, demonstration: Demonstration, page: string, status = 200): void {
  res.status(status).type('html').send(markDemonstration(page, lang, demonstration));
}

function limiter(perMinute: number, what: 'verify' | 'read', demonstration: Demonstration): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res) => {
      const message = `more than ${perMinute} ${what === 'verify' ? 'checks' : 'requests'} in a minute from this client; wait a minute and try again`;
      if (isApi(req)) {
        sendError(res, 429, 'ERR_RATE_LIMITED', message);
        return;
      }
      const lang = chooseLang(req, res);
      const t = messages(lang);
      if (what === 'verify') sendVerifyForm(res, lang, demonstration, { file: t.errorRateLimited }, 429);
      else sendPage(res, lang, demonstration, renderMessagePage(lang, req.path, t.tooManyRequestsTitle, t.tooManyRequests), 429);
    },
  });
}

function uploadErrorText(t: Messages, error: JusteraError): string {
  switch (error.code) {
    case 'ERR_INPUT_TOO_LARGE':
      return t.errorTooLarge;
    case 'ERR_INPUT_NOT_PDF':
      return t.errorNotPdf;
    case 'ERR_PDF_TIMEOUT':
      return t.errorTimeout;
    case 'ERR_RATE_LIMITED':
      return t.errorRateLimited;
    case 'ERR_INPUT_INVALID':
      return t.errorNoFile;
    default:
      return t.errorUnreadable;
  }
}

/** body-parser's own errors (too large, aborted) as our codes. */
function fromBodyParser(error: unknown, limit: number): JusteraError {
  if (isJusteraError(error)) return error;
  const type = (error as { type?: string } | null)?.type;
  if (type === 'entity.too.large') return new JusteraError('ERR_INPUT_TOO_LARGE', `the file is larger than ${limit / (1024 * 1024)} MB; the largest accepted is ${limit / (1024 * 1024)} MB`, { field: 'file' });
  const known = fromFrameworkError(error);
  if (known) return known;
  return new JusteraError('ERR_INPUT_INVALID', 'the upload could not be read; send it again', { field: 'file', cause: error });
}

function requirePdf(bytes: Uint8Array, field: string): void {
  if (bytes.byteLength === 0) throw new JusteraError('ERR_INPUT_INVALID', `${field} is empty: choose a PDF file`, { field });
  if (!looksLikePdf(bytes)) throw new JusteraError('ERR_INPUT_NOT_PDF', `${field} is not a PDF (it does not start with %PDF-); only PDF files can be checked`, { field });
}

/** Reads the one file of a multipart/form-data upload (field `file`) with Node's own FormData parser. */
async function uploadedFile(req: Request, limit: number): Promise<{ bytes: Uint8Array; name: string | undefined }> {
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data') || !Buffer.isBuffer(req.body)) {
    throw new JusteraError('ERR_INPUT_INVALID', 'send the PDF as the form field "file" (multipart/form-data)', { field: 'file' });
  }
  let form: FormData;
  try {
    form = await new Response(req.body, { headers: { 'content-type': type } }).formData();
  } catch (cause) {
    throw new JusteraError('ERR_INPUT_INVALID', 'the upload is not a valid multipart form; send it again', { field: 'file', cause });
  }
  const file = form.get('file');
  if (file === null || typeof file === 'string' || file.size === 0) throw new JusteraError('ERR_INPUT_INVALID', 'choose a PDF file to check (form field "file")', { field: 'file' });
  if (file.size > limit) throw new JusteraError('ERR_INPUT_TOO_LARGE', `the file is ${file.size} bytes; the largest accepted is ${limit} bytes (50 MB)`, { field: 'file' });
  const bytes = new Uint8Array(await file.arrayBuffer());
  requirePdf(bytes, 'file');
  return { bytes, name: file.name || undefined };
}

function publicAnslagJson(anslag: AnslagRecord, base: string, today: string, publishesSignedPdf: boolean): Record<string, unknown> {
  const url = `${base}/anslag/${anslag.id}`;
  return {
    id: anslag.id,
    kind: anslag.kind,
    body: anslag.body,
    meetingDate: anslag.meetingDate,
    paragraphs: anslag.paragraphs,
    title: anslag.title,
    caseNumber: anslag.caseNumber,
    justeradOn: anslag.justeradOn,
    postedOn: anslag.postedOn,
    appealEndsOn: anslag.appealEndsOn,
    takedownOn: anslag.takedownOn,
    storageLocation: anslag.storageLocation,
    current: isAnslagCurrent(anslag, today),
    signers: anslag.signers.map(({ name, role }) => ({ name, role })),
    verificationCode: anslag.verificationCode,
    links: {
      html: url,
      signedPdf: publishesSignedPdf ? `${url}.pdf` : null,
      noticePdf: `${url}/anslag.pdf`,
      verification: anslag.verificationCode ? `${base}/verifiera/${anslag.verificationCode}` : null,
    },
  };
}

/** A report for a stored PDF that the verifier could not read: said as a result, not as a crash. */
function unreadableReport(bytes: Uint8Array, error: unknown, now: Date): VerificationReport {
  const message = error instanceof Error ? error.message : String(error);
  return {
    sha256: '',
    size: bytes.byteLength,
    revisions: 0,
    metadata: {},
    signatures: [],
    unsignedFields: [],
    documentProblems: [{ code: 'UNREADABLE_REVISION', detail: message }],
    indication: 'INDETERMINATE',
    documentKind: 'other',
    summary: { sv: `Dokumentet kunde inte kontrolleras: ${message}`, en: `The document could not be checked: ${message}` },
    verifiedAt: now.toISOString(),
  };
}

export function createPublicRouter(deps: PublicRouterDeps, options: PublicRouterOptions = {}): Router {
  const router = express.Router();
  const uploadLimit = options.uploadLimitBytes ?? PUBLIC_UPLOAD_LIMIT_BYTES;
  const base = deps.publicBaseUrl.replace(/\/+$/, '');
  const demo = deps.demonstration;
  const reads = limiter(options.readsPerMinute ?? 600, 'read', demo);
  const checks = limiter(options.verifyPerMinute ?? 60, 'verify', demo);
  const today = (): string => stockholmDate(deps.clock.now());

  // Stored PDFs shown on an anslag page or a /verifiera/<code> page are checked anew every time.
  const verifyStored = async (bytes: Uint8Array): Promise<VerificationReport> => {
    try {
      return await deps.verifier.verify(bytes, { fresh: true });
    } catch (error) {
      return unreadableReport(bytes, error, deps.clock.now());
    }
  };

  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', CSP);
    next();
  });

  router.get('/public/public.css', (_req, res) => {
    res.type('text/css').setHeader('Cache-Control', 'public, max-age=3600');
    res.send(SITE_CSS);
  });

  const browserScript = readBrowserScript();
  router.get(BROWSER_VERIFY_SCRIPT_PATH, (_req, res) => {
    if (browserScript === undefined) {
      res.status(404).type('text/plain').send('the browser bundle is not built (npm run build)');
      return;
    }
    res.type('text/javascript').setHeader('Cache-Control', 'public, max-age=3600');
    res.send(browserScript);
  });
  const anchorsJson = JSON.stringify(trustAnchorsFile(deps.trustAnchors));
  router.get(TRUST_ANCHORS_PATH, (_req, res) => {
    res.type('application/json').setHeader('Cache-Control', 'public, max-age=3600');
    res.send(anchorsJson);
  });

  router.get('/', reads, (req, res) => {
    const lang = chooseLang(req, res);
    sendPage(res, lang, demo, renderStartPage(lang, deps.startPage));
  });

  router.get('/anslagstavla', reads, async (req, res) => {
    const lang = chooseLang(req, res);
    const day = today();
    sendPage(res, lang, demo, renderBoard(await currentAnslag(deps.db.knex, day), lang, day));
  });

  router.get('/anslagstavla.atom', reads, async (_req, res) => {
    const { items } = await anslagArchive(deps.db.knex, { today: today(), limit: 50, offset: 0 });
    res.type('application/atom+xml').send(renderAtomFeed(items, base, deps.clock.now(), deps.publishesSignedPdf));
  });

  router.get('/anslagstavla/arkiv', reads, async (req, res) => {
    const lang = chooseLang(req, res);
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 200).trim() : '';
    const page = Math.max(1, Math.min(10_000, Number.parseInt(typeof req.query.page === 'string' ? req.query.page : '1', 10) || 1));
    const day = today();
    const found = await anslagArchive(deps.db.knex, { q, today: day, limit: ARCHIVE_PAGE_SIZE, offset: (page - 1) * ARCHIVE_PAGE_SIZE });
    sendPage(res, lang, demo, renderArchive({ q, page, pageSize: ARCHIVE_PAGE_SIZE, ...found }, lang, day));
  });

  const servePdf = (which: 'signed' | 'notice'): RequestHandler => async (req, res) => {
    const found = await postedAnslagPdf(deps.db.knex, String(req.params.id), which, today());
    if (!found) {
      const lang = chooseLang(req, res);
      sendPage(res, lang, demo, renderNotFound(lang, req.path), 404);
      return;
    }
    const name = `${which === 'signed' ? 'protokollsutdrag' : 'anslag'}-${found.anslag.id}.pdf`;
    res.type('application/pdf').setHeader('Content-Disposition', `inline; filename="${name}"`);
    res.send(found.bytes);
  };
  if (deps.publishesSignedPdf) router.get('/anslag/:id.pdf', reads, servePdf('signed'));
  router.get('/anslag/:id/anslag.pdf', reads, servePdf('notice'));

  router.get('/anslag/:id', reads, async (req, res) => {
    const lang = chooseLang(req, res);
    const day = today();
    const found = await postedAnslagPdf(deps.db.knex, String(req.params.id), 'signed', day);
    if (!found) {
      sendPage(res, lang, demo, renderNotFound(lang, req.path), 404);
      return;
    }
    sendPage(res, lang, demo, renderAnslag(found.anslag, await verifyStored(found.bytes), lang, day, deps.publishesSignedPdf));
  });

  router.get('/tillganglighet', reads, (req, res) => {
    const lang = chooseLang(req, res);
    sendPage(res, lang, demo, renderAccessibility(lang, ACCESSIBILITY_STATEMENT_DATE));
  });

  router.get('/verifiera', reads, (req, res) => {
    const lang = chooseLang(req, res);
    if (req.query.kod === undefined) {
      sendVerifyForm(res, lang, demo);
      return;
    }
    const typed = typeof req.query.kod === 'string' ? req.query.kod.trim() : '';
    if (!typed) {
      sendVerifyForm(res, lang, demo, { code: messages(lang).codeMissing }, 400);
      return;
    }
    res.redirect(303, `/verifiera/${encodeURIComponent(canonicalCode(typed))}`);
  });

  const multipart = express.raw({ type: 'multipart/form-data', limit: uploadLimit + MULTIPART_OVERHEAD_BYTES });
  router.post('/verifiera', checks, (req, res, next) => multipart(req, res, (error?: unknown) => (error ? next(fromBodyParser(error, uploadLimit)) : next())), async (req, res) => {
    const lang = chooseLang(req, res);
    const { bytes, name } = await uploadedFile(req, uploadLimit);
    const report = await deps.verifier.verify(bytes);
    sendPage(res, lang, demo, renderVerifyResult(report, lang, name));
  });

  router.get('/verifiera/:code', reads, async (req, res) => {
    const lang = chooseLang(req, res);
    const code = canonicalCode(String(req.params.code));
    const found = /^[A-Z0-9-]{4,64}$/.test(code) ? await lookUpVerificationCode(deps.db.knex, code, today()) : undefined;
    if (!found) {
      sendPage(res, lang, demo, renderCodeNotFound(code, lang), 404);
      return;
    }
    if (found.kind === 'pending') {
      sendPage(res, lang, demo, renderCodePending(code, found.pending, lang));
      return;
    }
    sendPage(res, lang, demo, renderCodeResult(code, await verifyStored(found.bytes), found.anslag, lang));
  });

  const rawPdf = express.raw({ type: () => true, limit: uploadLimit });
  router.post('/api/v1/verify', checks, (req, res, next) => rawPdf(req, res, (error?: unknown) => (error ? next(fromBodyParser(error, uploadLimit)) : next())), async (req, res) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/pdf') {
      throw new JusteraError('ERR_INPUT_NOT_PDF', `send the PDF itself as the body with Content-Type: application/pdf (got "${type || 'none'}")`, { field: 'Content-Type' });
    }
    const format = req.query.format ?? 'json';
    if (format !== 'json' && format !== 'etsi') throw new JusteraError('ERR_INPUT_INVALID', `format must be json or etsi (ETSI TS 119 102-2 XML), got "${String(format)}"`, { field: 'format' });
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    requirePdf(bytes, 'body');
    // Both answers are the public report (no personnummer): the worker scrubs it before it leaves the thread.
    if (format === 'etsi') res.type('application/xml').send(renderEtsiXml(await deps.verifier.verify(bytes)));
    else res.type('application/json').send(await deps.verifier.verifyJson(bytes));
  });

  router.get('/api/v1/anslag', reads, async (req, res) => {
    const day = today();
    const archive = req.query.archive === '1' || req.query.archive === 'true' || typeof req.query.q === 'string';
    const limit = Math.max(1, Math.min(API_PAGE_MAX, Number.parseInt(String(req.query.limit ?? '50'), 10) || 50));
    const offset = Math.max(0, Number.parseInt(String(req.query.offset ?? '0'), 10) || 0);
    if (archive) {
      const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : undefined;
      const found = await anslagArchive(deps.db.knex, { q, today: day, limit, offset });
      res.json({ total: found.total, items: found.items.map((a) => publicAnslagJson(a, base, day, deps.publishesSignedPdf)) });
      return;
    }
    const current = await currentAnslag(deps.db.knex, day);
    res.json({ total: current.length, items: current.slice(offset, offset + limit).map((a) => publicAnslagJson(a, base, day, deps.publishesSignedPdf)) });
  });

  router.get('/api/v1/anslag/:id', reads, async (req, res) => {
    const anslag = await postedAnslag(deps.db.knex, String(req.params.id), today());
    if (!anslag) throw new JusteraError('ERR_NOT_FOUND', `no anslag "${String(req.params.id)}"`, { field: 'id' });
    res.json(publicAnslagJson(anslag, base, today(), deps.publishesSignedPdf));
  });

  router.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent || !isJusteraError(error)) {
      next(error);
      return;
    }
    const status = httpStatusOf(error.code);
    if (isApi(req)) {
      sendError(res, status, error.code, error.message, error.field);
      return;
    }
    const lang: Locale = chooseLang(req, res);
    sendVerifyForm(res, lang, demo, { file: uploadErrorText(messages(lang), error) }, status);
  });
  return router;
}

/**
 * A typed code as it is stored: codes are printed XXXX-XXXX in capitals (src/assembly/verification-code.ts);
 * anything else is looked up in capitals as it was typed.
 */
function canonicalCode(typed: string): string {
  return normalizeVerificationCode(typed) ?? typed.trim().toUpperCase();
}
