/**
 * The signer's pages behind the invitation link, for browsers (Accept: text/html; API clients fall through
 * to the JSON routes of api/invitations-router.ts): the link records "opened" and sends the person to the
 * login, then shows the extract; the forms sign or decline through the signing workflow, then the receipt.
 */
import { Router, type Request, type Response } from 'express';
import { isJusteraError, JusteraError } from '../../errors';
import { getExtractPdf, loadReadableVersion } from '../../use-cases/extract-service';
import { signingReceipt } from '../../use-cases/signing-receipt';
import { declineWithInvitation, MAX_DECLINE_COMMENT_CHARS, openInvitation, signWithInvitation, type InvitationView } from '../../use-cases/signing-service';
import type { AppDeps } from '../app-deps';
import type { AuthenticatedPerson } from '../auth/person';
import type { Session } from '../auth/session';
import { pathParam } from '../api/params';
import { DEMO_INVITED_COOKIE, DEMO_INVITED_MAX_CHARS } from '../auth/demo/demo-pages';
import { DEMO_MOUNT_PATH } from '../auth/demo/demo-provider';
import { formSession } from './csrf';
import { formBody, readForm } from './form-body';
import type { FormError } from './form-fields';
import { formMessages } from '../../texts/form-messages';
import { chooseLang } from './shared/lang';
import { renderReceipt, renderSigningPage, type ReceiptData, type SignerContext } from './signing-pages';
import { sendPage } from './send-page';

async function requireSignerSession(deps: AppDeps, req: Request): Promise<Session> {
  const session = await deps.auth.readSession(req);
  if (!session) throw new JusteraError('ERR_UNAUTHENTICATED', 'log in as the invited person to use this invitation', { field: 'session' });
  return session;
}

/** The receipt, with the link to the justerad PDF when this signer may download it. */
async function receiptData(deps: AppDeps, token: string, person: AuthenticatedPerson): Promise<ReceiptData> {
  const receipt = await signingReceipt(deps.service, token, person.subject);
  return { ...receipt, signedPdfUrl: receipt.finalPdfAvailable ? `/invitation/${token}/justerad.pdf` : null };
}

export function createSigningRouter(deps: AppDeps): Router {
  const router = Router();
  const secureCookies = deps.config.publicBaseUrl.startsWith('https:');
  const context = (req: Request, res: Response, session?: Session): SignerContext => ({
    lang: chooseLang(req, res),
    demo: deps.auth.demo,
    path: req.baseUrl + req.path,
    ...(session ? { session } : {}),
  });

  router.get('/:token', async (req, res, next) => {
    if (req.accepts(['json', 'html']) !== 'html') {
      next();
      return;
    }
    const token = pathParam(req, 'token');
    const session = await deps.auth.readSession(req);
    if (!session) {
      // Checks the link and records that it was opened before the person logs in.
      const opened = await openInvitation(deps.service, token, undefined);
      if (deps.auth.demo) {
        res.cookie(DEMO_INVITED_COOKIE, opened.signerName.slice(0, DEMO_INVITED_MAX_CHARS), { path: DEMO_MOUNT_PATH, maxAge: 600_000, httpOnly: true, sameSite: 'lax', secure: secureCookies });
      }
      res.set('Cache-Control', 'no-store').redirect(303, deps.auth.loginUrl(`/invitation/${token}`, chooseLang(req, res)));
      return;
    }
    const { person } = session;
    let view: InvitationView;
    try {
      view = await openInvitation(deps.service, token, person);
    } catch (error) {
      // The person who already signed or declined with this link gets their receipt back.
      const used = isJusteraError(error) && error.code === 'ERR_INVITATION_USED';
      if (used && (await receiptData(deps, token, person).then(() => true, () => false))) {
        res.redirect(303, `/invitation/${token}/kvitto`);
        return;
      }
      throw error;
    }
    await signingPage(req, res, { view, token, session, errors: [] });
  });

  /** The signing page, again after a form with a problem (the problem at its field, status 400). */
  const signingPage = async (req: Request, res: Response, data: { view: InvitationView; token: string; session: Session; errors: FormError[]; comment?: string }) => {
    const readable = await loadReadableVersion(deps.db.knex, data.view.extractId, data.view.version);
    const { view, token, errors, session } = data;
    sendPage(res, renderSigningPage(context(req, res, session), { view, ...readable, token, csrf: session.csrfToken, errors, ...(data.comment !== undefined ? { comment: data.comment } : {}) }), errors.length > 0 ? 400 : 200);
  };

  router.get('/:token/pdf', async (req, res) => {
    const { person } = await requireSignerSession(deps, req);
    const view = await openInvitation(deps.service, pathParam(req, 'token'), person);
    const pdf = await getExtractPdf(deps.service, view.extractId, 'current');
    res.type('application/pdf').set('Cache-Control', 'no-store').set('Content-Disposition', `inline; filename="protokollsutdrag-${view.extractId}.pdf"`).send(pdf.bytes);
  });

  const form = formBody('64kb');

  router.post('/:token/signera', form, async (req, res) => {
    const posted = await readForm(req);
    const session = await formSession(deps, req, posted.fields);
    const { person } = session;
    const token = pathParam(req, 'token');
    if (posted.fields.confirm !== 'ja') {
      const view = await openInvitation(deps.service, token, person);
      await signingPage(req, res, { view, token, session, errors: [{ field: 'confirm', message: formMessages(chooseLang(req, res)).confirmRequired }] });
      return;
    }
    try {
      await signWithInvitation(deps.service, token, person);
      deps.metrics.signatures.inc({ outcome: 'signed' });
    } catch (error) {
      deps.metrics.signatures.inc({ outcome: 'refused' });
      throw error;
    }
    res.redirect(303, `/invitation/${token}/kvitto`);
  });

  router.post('/:token/avboj', form, async (req, res) => {
    const posted = await readForm(req);
    const session = await formSession(deps, req, posted.fields);
    const { person } = session;
    const token = pathParam(req, 'token');
    const comment = posted.fields.comment ?? '';
    try {
      await declineWithInvitation(deps.service, token, person, comment);
    } catch (error) {
      if (!(isJusteraError(error) && error.code === 'ERR_INPUT_INVALID' && error.field === 'comment')) throw error;
      const f = formMessages(chooseLang(req, res));
      const view = await openInvitation(deps.service, token, person);
      await signingPage(req, res, { view, token, session, errors: [{ field: 'comment', message: comment.trim() === '' ? f.commentRequired : f.commentTooLong(MAX_DECLINE_COMMENT_CHARS) }], comment });
      return;
    }
    res.redirect(303, `/invitation/${token}/kvitto`);
  });

  /** The justerad PDF, for a signer of it (the link of the result mail). */
  router.get('/:token/justerad.pdf', async (req, res) => {
    const { person } = await requireSignerSession(deps, req);
    const receipt = await receiptData(deps, pathParam(req, 'token'), person);
    if (!receipt.signedPdfUrl) throw new JusteraError('ERR_WRONG_STATE', 'the justering of this extract is not complete; the signed PDF does not exist yet', { field: 'state' });
    const pdf = await getExtractPdf(deps.service, receipt.extractId, 'final');
    res.type('application/pdf').set('Cache-Control', 'no-store').set('Content-Disposition', `attachment; filename="protokollsutdrag-${receipt.extractId}-justerad.pdf"`).send(pdf.bytes);
  });

  router.get('/:token/kvitto', async (req, res) => {
    const session = await requireSignerSession(deps, req);
    sendPage(res, renderReceipt(context(req, res, session), await receiptData(deps, pathParam(req, 'token'), session.person)));
  });

  return router;
}
