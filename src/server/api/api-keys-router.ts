/** /api/v1/api-keys: administrators create, list and revoke the keys systems use. */
import { Router } from 'express';
import { z } from 'zod';
import { JusteraError } from '../../errors';
import { API_SCOPES, createApiKey, listApiKeysForAdmin, revokeActiveApiKey } from '../../use-cases/api-keys';
import { pathParam } from './params';
import type { AppDeps } from '../app-deps';
import { requireScope } from './client-auth';

const createBody = z.object({ name: z.string().min(1).max(200), scopes: z.array(z.enum(API_SCOPES)).min(1) });

export function createApiKeysRouter(deps: AppDeps): Router {
  const router = Router();
  router.post('/api-keys', requireScope('admin'), async (req, res) => {
    const parsed = createBody.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.join('.') || 'body';
      throw new JusteraError('ERR_INPUT_INVALID', `${field}: ${issue.message}`, { field });
    }
    const created = await createApiKey(deps.db.knex, { ...parsed.data, at: deps.clock.now() });
    res.status(201).json({ id: created.id, name: created.row.name, scopes: created.row.scopes, key: created.key });
  });
  router.get('/api-keys', requireScope('admin'), async (_req, res) => {
    res.json({ apiKeys: await listApiKeysForAdmin(deps.db.knex) });
  });
  router.delete('/api-keys/:id', requireScope('admin'), async (req, res) => {
    await revokeActiveApiKey(deps.db.knex, pathParam(req, 'id'), deps.clock.now());
    res.status(204).end();
  });
  return router;
}
