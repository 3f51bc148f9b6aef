/**
 * The secretary's pages under /sekreterare (login with the role secretary or admin): list, create, one
 * extract with its actions and downloads, the outbox. Every change goes through the extract workflows
 * (extract-service.ts); a route only reads the form, checks its CSRF token, calls one use case and redirects.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { isJusteraError, JusteraError } from '../../errors';
import { ExtractInputError, parseExtract, parseProtocolMeta, type ProtocolMeta } from '../../domain/extract';
import type { Locale } from '../../domain/roles';
import { canApply, type ExtractState } from '../../domain/extract-lifecycle';
import { auditEventsOf, exportedAuditTrail, outboxMails, revisionPdf } from '../../use-cases/extract-records';
import {
  cancelExtract,
  createExtract,
  findSameParagraphs,
  getExtractPdf,
  getExtractView,
  listExtractRevisions,
  listExtractViews,
  loadExtractJson,
  reviseExtract,
  sendExtract,
  sendReminders,
  type ExtractView,
} from '../../use-cases/extract-service';
import type { Actor, ProtocolUpload } from '../../use-cases/service-context';
import { pickedPages } from '../api/protocol-upload';
import { buildEvidencePackage, type EvidenceContext } from '../../engines/evidence-export';
import { changeSignerEmail, reinviteSigner } from '../../use-cases/signer-invitations';
import { createVerifier } from '../../engines/verify-document';
import { renderVerificationReportPdf } from '../../documents/verification-report-pdf';
import type { ExtractRow } from '../../use-cases/records';
import type { AppDeps } from '../app-deps';
import type { AuthenticatedPerson } from '../auth/person';
import type { Session } from '../auth/session';
import { pathParam } from '../api/params';
import { formSession } from './csrf';
import { extractInputFromForm, formValuesOf, participantsFromForm, signerValuesOf, type FormValues } from './extract-form';
import { formErrorsOf, type ExtractFormData } from './extract-form-page';
import { formBody, readForm, type PostedForm } from './form-body';
import type { FormError } from './form-fields';
import { pageMessages } from '../../texts/pages';
import { renderExtractForm, renderExtractList, renderExtractPage, renderNotSecretary, renderOutbox, type ListFilter, type SecretaryContext } from './secretary-pages';
import { isSignerEmailField, signerEmailField } from './signer-links';
import { sendPage } from './send-page';
import { chooseLang } from './shared/lang';

/** An extract JSON upload may be as large as the API accepts (src/domain/extract.ts: 16 MB). */
const UPLOAD_LIMIT = '17mb';
/** The new-extract form may carry a protocol PDF (16 MiB, assemble --from-pdf) beside the JSON. */
const PROTOCOL_UPLOAD_LIMIT = '33mb';
const LIST_LIMIT = 200;

/** The list's filter from ?q=&state= (an unknown state is no filter). */
function listFilterOf(req: Request): Omit<ListFilter, 'total'> {
  const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 200) : '';
  const known = Object.keys(pageMessages('sv').states);
  const state = typeof req.query.state === 'string' && known.includes(req.query.state) ? (req.query.state as ExtractState) : '';
  return { q, state };
}

function matchesFilter(row: ExtractRow, filter: Omit<ListFilter, 'total'>): boolean {
  if (filter.state && row.state !== filter.state) return false;
  if (!filter.q) return true;
  const needle = filter.q.toLocaleLowerCase('sv');
  return [row.title, row.body, row.paragraphs, row.caseNumber ?? '', row.meetingDate].some((text) => text.toLocaleLowerCase('sv').includes(needle));
}

/** What the evidence package and the verification report need: the keys, the TSA for their seals, the clock. */
function evidenceContext(deps: AppDeps): EvidenceContext {
  return { db: deps.db, keys: deps.keys, clock: deps.clock, timestamper: deps.timestamper, signerIdentity: deps.service.settings.signerIdentity };
}

function personOf(res: Response): AuthenticatedPerson {
  const person = res.locals.person;
  if (!person) throw new JusteraError('ERR_UNAUTHENTICATED', 'log in first', { field: 'session' });
  return person;
}

function sessionOf(res: Response): Session {
  const session = res.locals.session;
  if (!session) throw new JusteraError('ERR_UNAUTHENTICATED', 'log in first', { field: 'session' });
  return session;
}

function actorOf(person: AuthenticatedPerson): Actor {
  return { kind: 'person', subject: person.subject, name: person.name };
}

/** A logged-in person without the role gets a page saying who they are logged in as and what to do. */
function requireSecretary(demo: boolean): RequestHandler {
  return (req, res, next) => {
    const person = personOf(res);
    if (person.roles.includes('secretary') || person.roles.includes('admin')) {
      next();
      return;
    }
    sendPage(res, renderNotSecretary({ lang: chooseLang(req, res), person, demo, csrf: sessionOf(res).csrfToken, path: req.baseUrl + (req.path === '/' ? '' : req.path) }), 403);
  };
}

/**
 * A refused extract as the form shows it (every problem, in the page's language), or undefined for an
 * error that is no problem of the form's content. `uploaded`: the extract came as a file (problems are
 * about the upload field).
 */
function formErrors(lang: Locale, error: unknown, uploaded: boolean): FormError[] | undefined {
  if (error instanceof ExtractInputError) return formErrorsOf(lang, error.issues, uploaded);
  if (isJusteraError(error) && uploaded && ['ERR_INPUT_NOT_JSON', 'ERR_INPUT_TOO_LARGE'].includes(error.code)) {
    return [{ field: 'upload', message: pageMessages(lang).errorTexts[error.code]! }];
  }
  // A signer's e-mail address, changed on the extract page: the message is already the page's.
  if (isJusteraError(error) && error.code === 'ERR_INPUT_INVALID' && error.field && isSignerEmailField(error.field)) return [{ field: error.field, message: error.message }];
  return undefined;
}

/** A refused protocol PDF, or pages it does not have, as the form says it at its field; nothing was stored. */
function protocolRefusal(lang: Locale, error: unknown): FormError | undefined {
  if (!isJusteraError(error)) return undefined;
  const t = pageMessages(lang);
  const message = error.field === 'protocol' ? t.protocolErrors[error.code] : error.field === 'pages' ? t.pagesOutside : undefined;
  return message === undefined ? undefined : { field: error.field!, message };
}

/** The uploaded extract JSON (field `upload`), if a file was chosen. */
function uploadedJson(posted: PostedForm): Uint8Array | undefined {
  return posted.files.upload?.bytes;
}

export function createSecretaryRouter(deps: AppDeps): Router {
  const router = Router();
  const ctx = deps.service;
  const verifier = createVerifier(deps.keys.trustAnchors);
  const upload = formBody(UPLOAD_LIMIT);

  router.use(deps.auth.authenticate, requireSecretary(deps.auth.demo));

  const context = (req: Request, res: Response): SecretaryContext => ({
    lang: chooseLang(req, res),
    person: personOf(res),
    demo: deps.auth.demo,
    csrf: sessionOf(res).csrfToken,
    path: req.baseUrl + (req.path === '/' ? '' : req.path),
  });

  const posted = async (req: Request): Promise<PostedForm> => {
    const form = await readForm(req);
    await formSession(deps, req, form.fields);
    return form;
  };

  router.get('/', async (req, res) => {
    const rows = await listExtractViews(ctx, { limit: LIST_LIMIT, offset: 0 });
    const filter = listFilterOf(req);
    const shown = rows.filter((row) => matchesFilter(row, filter));
    const views = await Promise.all(shown.map((row) => getExtractView(ctx, row.id)));
    sendPage(res, renderExtractList(context(req, res), views, { ...filter, total: rows.length }));
  });

  const formPage = (req: Request, res: Response, data: Omit<ExtractFormData, 'action'>, id?: string, status = 200) =>
    sendPage(res, renderExtractForm(context(req, res), { ...data, action: id === undefined ? '/sekreterare/nytt' : `/sekreterare/utdrag/${id}/redigera` }), status);

  router.get('/nytt', (req, res) => {
    formPage(req, res, { mode: 'create', values: {}, errors: [] });
  });

  router.post('/nytt', formBody(PROTOCOL_UPLOAD_LIMIT), async (req, res) => {
    const form = await posted(req);
    const file = uploadedJson(form);
    const protocol = form.files.protocol?.bytes;
    // The files must be chosen again after a problem; the pages typed stay.
    const values = file ? (form.fields.pages ? { pages: form.fields.pages } : {}) : form.fields;
    if (!file && form.fields._more) {
      formPage(req, res, { mode: 'create', values, errors: [] });
      return;
    }
    const lang = chooseLang(req, res);
    const texts = pageMessages(lang);
    if (protocol && !file) {
      formPage(req, res, { mode: 'create', values, errors: [{ field: 'upload', message: texts.protocolNeedsJson }] }, undefined, 400);
      return;
    }
    let pages: ProtocolUpload['pages'];
    try {
      ({ pages } = pickedPages(form.fields.pages));
    } catch (error) {
      if (!(isJusteraError(error) && error.field === 'pages')) throw error;
      formPage(req, res, { mode: 'create', values, errors: [{ field: 'pages', message: texts.pagesInvalid }] }, undefined, 400);
      return;
    }
    if (pages && !protocol) {
      formPage(req, res, { mode: 'create', values, errors: [{ field: 'pages', message: texts.pagesNeedPdf }] }, undefined, 400);
      return;
    }
    let extract: ProtocolMeta;
    try {
      extract = protocol ? parseProtocolMeta(file) : parseExtract(file ?? extractInputFromForm(form.fields));
    } catch (error) {
      const errors = formErrors(lang, error, Boolean(file));
      if (!errors) throw error;
      formPage(req, res, { mode: 'create', values, errors }, undefined, 400);
      return;
    }
    const duplicates = await findSameParagraphs(ctx, extract);
    if (duplicates.length > 0 && form.fields.confirmDuplicate !== 'ja') {
      formPage(req, res, { mode: 'create', values, errors: [], duplicates });
      return;
    }
    let row;
    try {
      row = await createExtract(ctx, extract, actorOf(personOf(res)), protocol && { pdf: protocol, ...(pages && { pages }) });
    } catch (error) {
      const refused = protocolRefusal(lang, error);
      if (!refused) throw error;
      formPage(req, res, { mode: 'create', values, errors: [refused] }, undefined, 400);
      return;
    }
    res.redirect(303, `/sekreterare/utdrag/${row.id}?klart=created`);
  });

  /** The extract's current version, if it may be revised (a draft, or declined); `protocol` when made from an uploaded one. */
  const editable = async (id: string): Promise<Pick<ExtractView, 'version' | 'protocol'>> => {
    const view = await getExtractView(ctx, id);
    if (!canApply(view.state, 'revise')) throw new JusteraError('ERR_WRONG_STATE', `extract "${id}" is ${view.state}; only a draft or a declined extract can be edited`, { field: 'state' });
    return view;
  };

  router.get('/utdrag/:id/redigera', async (req, res) => {
    const id = pathParam(req, 'id');
    const { version, protocol } = await editable(id);
    const extract = await loadExtractJson(deps.db.knex, id, version);
    formPage(req, res, { mode: 'edit', values: formValuesOf(extract), errors: [], ...(protocol && { protocol }) }, id);
  });

  router.post('/utdrag/:id/redigera', upload, async (req, res) => {
    const form = await posted(req);
    const id = pathParam(req, 'id');
    const { protocol } = await editable(id);
    const shown = { mode: 'edit' as const, values: form.fields, ...(protocol && { protocol }) };
    if (form.fields._more) {
      formPage(req, res, { ...shown, errors: [] }, id);
      return;
    }
    try {
      await reviseExtract(ctx, id, extractInputFromForm(form.fields), actorOf(personOf(res)));
    } catch (error) {
      const errors = formErrors(chooseLang(req, res), error, false);
      if (!errors) throw error;
      formPage(req, res, { ...shown, errors }, id, 400);
      return;
    }
    res.redirect(303, `/sekreterare/utdrag/${id}?klart=revised`);
  });

  const extractPage = async (req: Request, res: Response, id: string, extra: { done?: string; errors?: FormError[]; signerValues?: FormValues } = {}, status = 200) => {
    const view = await getExtractView(ctx, id);
    const [revisions, events, mails, json] = await Promise.all([
      listExtractRevisions(ctx, id),
      auditEventsOf(ctx, id),
      outboxMails(ctx, { extractId: id, limit: 20 }),
      loadExtractJson(deps.db.knex, id, view.version),
    ]);
    const c = context(req, res);
    const done = extra.done ?? (typeof req.query.klart === 'string' ? pageMessages(c.lang).done[req.query.klart] : undefined);
    sendPage(res, renderExtractPage(c, { view, revisions, events, mails, signerValues: extra.signerValues ?? signerValuesOf(json), ...(done ? { done } : {}), errors: extra.errors ?? [] }), status);
  };

  router.get('/utdrag/:id', async (req, res) => {
    await extractPage(req, res, pathParam(req, 'id'));
  });

  const action = (path: string, run: (id: string, form: PostedForm, actor: Actor, req: Request, res: Response) => Promise<string>): void => {
    router.post(`/utdrag/:id/${path}`, upload, async (req, res) => {
      const form = await posted(req);
      const id = pathParam(req, 'id');
      try {
        const done = await run(id, form, actorOf(personOf(res)), req, res);
        res.redirect(303, `/sekreterare/utdrag/${id}?klart=${done}`);
      } catch (error) {
        const errors = formErrors(chooseLang(req, res), error, path === 'revidera' && uploadedJson(form) !== undefined);
        if (!errors) throw error;
        await extractPage(req, res, id, { errors, ...(path === 'undertecknare' ? { signerValues: form.fields } : {}) }, 400);
      }
    });
  };

  action('skicka', async (id, _form, actor) => {
    await sendExtract(ctx, id, actor);
    return 'sent';
  });
  action('paminn', async (id, _form, actor) => {
    await sendReminders(ctx, { extractId: id, force: true, actor });
    return 'reminded';
  });
  action('undertecknare/:field/ny-lank', async (id, _form, actor, req) => {
    await reinviteSigner(ctx, id, pathParam(req, 'field'), actor);
    return 'reinvited';
  });
  action('undertecknare/:field/epost', async (id, form, actor, req, res) => {
    const field = pathParam(req, 'field');
    try {
      await changeSignerEmail(ctx, id, field, form.fields[signerEmailField(field)] ?? '', actor);
    } catch (error) {
      if (isJusteraError(error) && error.code === 'ERR_INPUT_INVALID') throw new JusteraError('ERR_INPUT_INVALID', pageMessages(chooseLang(req, res)).emailInvalid, { field: signerEmailField(field), cause: error });
      throw error;
    }
    return 'emailChanged';
  });
  action('avbryt', async (id, _form, actor) => {
    await cancelExtract(ctx, id, actor, undefined);
    return 'cancelled';
  });
  action('revidera', async (id, form, actor) => {
    await reviseExtract(ctx, id, uploadedJson(form), actor);
    return 'revised';
  });
  action('undertecknare', async (id, form, actor) => {
    const view = await getExtractView(ctx, id);
    const current: ProtocolMeta = await loadExtractJson(deps.db.knex, id, view.version);
    await reviseExtract(ctx, id, { ...current, participants: { ...current.participants, ...participantsFromForm(form.fields) } }, actor);
    return 'revised';
  });

  router.get('/utdrag/:id/pdf', async (req, res) => {
    const pdf = await getExtractPdf(ctx, pathParam(req, 'id'), 'current');
    res.type('application/pdf').set('Cache-Control', 'no-store').set('Content-Disposition', `inline; filename="${pdf.extract.id}-v${pdf.revision.version}-r${pdf.revision.seq}.pdf"`).send(pdf.bytes);
  });

  router.get('/utdrag/:id/pdf/justerad', async (req, res) => {
    const pdf = await getExtractPdf(ctx, pathParam(req, 'id'), 'final');
    res.type('application/pdf').set('Cache-Control', 'no-store').set('Content-Disposition', `attachment; filename="${pdf.extract.id}-justerad.pdf"`).send(pdf.bytes);
  });

  router.get('/utdrag/:id/revision/:version/:seq', async (req, res) => {
    const id = pathParam(req, 'id');
    const { revision, bytes } = await revisionPdf(ctx, id, pathParam(req, 'version'), pathParam(req, 'seq'));
    res.type('application/pdf').set('Cache-Control', 'no-store').set('Content-Disposition', `attachment; filename="${id}-v${revision.version}-r${revision.seq}.pdf"`).send(bytes);
  });

  router.get('/utdrag/:id/bevispaket.zip', async (req, res) => {
    const evidence = await buildEvidencePackage(evidenceContext(deps), pathParam(req, 'id'));
    res.type('application/zip').set('Cache-Control', 'no-store').set('Content-Disposition', `attachment; filename="${evidence.fileName}"`).send(evidence.zip);
  });

  router.get('/utdrag/:id/verifieringsrapport.pdf', async (req, res) => {
    const id = pathParam(req, 'id');
    const pdf = await getExtractPdf(ctx, id, 'final');
    const report = await verifier.verify(pdf.bytes, { clock: deps.clock, fileName: `${id}-justerad.pdf` });
    const bytes = await renderVerificationReportPdf(report, evidenceContext(deps));
    res.type('application/pdf').set('Cache-Control', 'no-store').set('Content-Disposition', `inline; filename="${id}-verifieringsrapport.pdf"`).send(Buffer.from(bytes));
  });

  router.get('/utdrag/:id/verifikat.json', async (req, res) => {
    const id = pathParam(req, 'id');
    const trail = await exportedAuditTrail(ctx, id);
    res.set('Cache-Control', 'no-store').set('Content-Disposition', `attachment; filename="${id}-verifikat.json"`).json(trail);
  });

  router.get('/utkorg', async (req, res) => {
    sendPage(res, renderOutbox(context(req, res), await outboxMails(ctx, { limit: 200 })));
  });

  return router;
}
