/**
 * The signer's routes behind an invitation link. `GET /invitation/:token` is the link in the mail: it
 * records "link opened", sends a browser to the login and then shows what is to be signed; the API routes
 * sign or decline for the logged-in person, who must be the invited one.
 */
import { Router } from 'express';
import { z } from 'zod';
import { JusteraError } from '../../errors';
import { declineWithInvitation, openInvitation, signWithInvitation } from '../../use-cases/signing-service';
import { pathParam } from './params';
import type { AppDeps } from '../app-deps';
import { requirePerson } from './client-auth';

const declineBody = z.object({ comment: z.string() });

/** Mounted at /invitation (the link itself). */
export function createInvitationLinkRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/:token', async (req, res) => {
    const person = await deps.auth.readPerson(req);
    const view = await openInvitation(deps.service, pathParam(req, 'token'), person);
    if (!person) {
      const loginUrl = deps.auth.loginUrl(req.originalUrl);
      if (req.accepts(['json', 'html']) === 'html') {
        res.redirect(303, loginUrl);
        return;
      }
      res.status(401).json({ error: { code: 'ERR_UNAUTHENTICATED', message: `log in as ${view.signerName} to sign`, field: 'session' }, loginUrl });
      return;
    }
    res.json({ invitation: view, signUrl: `/api/v1/invitations/${pathParam(req, 'token')}/sign`, declineUrl: `/api/v1/invitations/${pathParam(req, 'token')}/decline` });
  });
  return router;
}

/** Mounted under /api/v1. */
export function createInvitationsApiRouter(deps: AppDeps): Router {
  const router = Router();
  const ownOrigin = new URL(deps.config.publicBaseUrl).origin;
  router.get('/invitations/:token', async (req, res) => {
    const person = await requirePerson(deps.auth, req, ownOrigin);
    res.json({ invitation: await openInvitation(deps.service, pathParam(req, 'token'), person) });
  });
  router.post('/invitations/:token/sign', async (req, res) => {
    const person = await requirePerson(deps.auth, req, ownOrigin);
    try {
      const result = await signWithInvitation(deps.service, pathParam(req, 'token'), person);
      deps.metrics.signatures.inc({ outcome: 'signed' });
      res.json(result);
    } catch (error) {
      deps.metrics.signatures.inc({ outcome: 'refused' });
      throw error;
    }
  });
  router.post('/invitations/:token/decline', async (req, res) => {
    const person = await requirePerson(deps.auth, req, ownOrigin);
    const body = declineBody.safeParse(req.body);
    if (!body.success) throw new JusteraError('ERR_INPUT_INVALID', 'comment is required: say why you decline (it goes to the secretary)', { field: 'comment' });
    res.json(await declineWithInvitation(deps.service, pathParam(req, 'token'), person, body.data.comment));
  });
  return router;
}
