/**
 * The browser pages of issue 6, mounted by createApp after the login router: static assets (/assets), the
 * secretary's pages (/sekreterare) and the signer's pages behind the invitation link (/invitation, HTML
 * only; JSON clients fall through to the API's invitation routes).
 */
import { Router } from 'express';
import type { AppDeps } from '../app-deps';
import { createAssetsRouter } from './assets-router';
import { createSecretaryRouter } from './secretary-router';
import { pagesErrorHandler } from './send-page';
import { createSigningRouter } from './signing-router';

export function createPagesRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(createAssetsRouter());
  router.use('/sekreterare', createSecretaryRouter(deps), pagesErrorHandler(deps, 'secretary'));
  router.use('/invitation', createSigningRouter(deps), pagesErrorHandler(deps, 'signer'));
  return router;
}
