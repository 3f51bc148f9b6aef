/** Operations: liveness, readiness (database and shutdown state) and Prometheus metrics. */
import { Router } from 'express';
import type { AppDeps } from './app-deps';

export interface Readiness {
  shuttingDown: boolean;
}

export function createOpsRouter(deps: AppDeps, readiness: Readiness): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const database = await deps.databaseReachable();
    const ready = database && !readiness.shuttingDown;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', database: database ? 'ok' : 'unreachable', shuttingDown: readiness.shuttingDown });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return router;
}
