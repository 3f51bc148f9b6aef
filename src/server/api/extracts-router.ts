/** /api/v1/extracts: the secretary's and integrations' API over the extract use cases. */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { JusteraError } from '../../errors';
import { extractStates, type ExtractState } from '../../domain/extract-lifecycle';
import {
  cancelExtract,
  createExtract,
  getExtractPdf,
  getExtractView,
  listExtractRevisions,
  listExtractViews,
  reviseExtract,
  sendExtract,
  sendReminders,
} from '../../use-cases/extract-service';
import { exportedAuditTrail, outboxMails } from '../../use-cases/extract-records';
import { pathParam } from './params';
import { isMultipart, protocolUploadBody, readProtocolUpload } from './protocol-upload';
import type { AppDeps } from '../app-deps';
import { actorOf, principalOf, requireScope } from './client-auth';

const listQuery = z.object({
  state: z.enum(extractStates as [ExtractState, ...ExtractState[]]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

function parseQuery<T>(schema: z.ZodType<T>, req: Request): T {
  const result = schema.safeParse(req.query);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.join('.');
    throw new JusteraError('ERR_INPUT_INVALID', `${field} ${issue.message}`, { field });
  }
  return result.data;
}

function hasBody(req: Request): boolean {
  return req.body !== undefined && !(typeof req.body === 'object' && req.body !== null && Object.keys(req.body as object).length === 0);
}

export function createExtractsRouter(deps: AppDeps): Router {
  const router = Router();
  const ctx = deps.service;

  router.post('/extracts', requireScope('extracts:write'), (req, res, next) => (isMultipart(req) ? protocolUploadBody(req, res, next) : next()), async (req, res) => {
    let row;
    if (isMultipart(req)) {
      const { extractJson, protocol } = await readProtocolUpload(req);
      row = await createExtract(ctx, extractJson, actorOf(principalOf(res)), protocol);
    } else {
      if (!hasBody(req)) throw new JusteraError('ERR_INPUT_INVALID', 'the body must be the extract JSON (Content-Type: application/json), or multipart/form-data with the parts "extract" and "protocol"', { field: 'extract' });
      row = await createExtract(ctx, req.body, actorOf(principalOf(res)));
    }
    res.status(201).location(`/api/v1/extracts/${row.id}`).json(await getExtractView(ctx, row.id));
  });

  router.get('/extracts', requireScope('extracts:read'), async (req, res) => {
    const query = parseQuery(listQuery, req);
    const rows = await listExtractViews(ctx, query);
    res.json({ extracts: rows, limit: query.limit, offset: query.offset });
  });

  router.get('/extracts/:id', requireScope('extracts:read'), async (req, res) => {
    res.json(await getExtractView(ctx, pathParam(req, 'id')));
  });

  router.get('/extracts/:id/status', requireScope('extracts:read'), async (req, res) => {
    const view = await getExtractView(ctx, pathParam(req, 'id'));
    res.json({
      id: view.id,
      state: view.state,
      version: view.version,
      deadline: view.deadline,
      overdue: view.overdue,
      signers: view.signers.map((s) => ({ field: s.field, role: s.role, name: s.name, state: s.state, signedAt: s.signedAt, declinedAt: s.declinedAt, declineComment: s.declineComment })),
    });
  });

  router.post('/extracts/:id/send', requireScope('extracts:write'), async (req, res) => {
    await sendExtract(ctx, pathParam(req, 'id'), actorOf(principalOf(res)));
    res.json(await getExtractView(ctx, pathParam(req, 'id')));
  });

  router.post('/extracts/:id/revisions', requireScope('extracts:write'), async (req, res) => {
    await reviseExtract(ctx, pathParam(req, 'id'), hasBody(req) ? req.body : undefined, actorOf(principalOf(res)));
    res.status(201).json(await getExtractView(ctx, pathParam(req, 'id')));
  });

  router.post('/extracts/:id/cancel', requireScope('extracts:write'), async (req, res) => {
    const body = z.object({ reason: z.string().max(2000).optional() }).safeParse(req.body ?? {});
    await cancelExtract(ctx, pathParam(req, 'id'), actorOf(principalOf(res)), body.success ? body.data.reason : undefined);
    res.json(await getExtractView(ctx, pathParam(req, 'id')));
  });

  router.post('/extracts/:id/remind', requireScope('extracts:write'), async (req, res) => {
    await getExtractView(ctx, pathParam(req, 'id'));
    const reminded = await sendReminders(ctx, { extractId: pathParam(req, 'id'), force: true, actor: actorOf(principalOf(res)) });
    res.json({ reminded });
  });

  router.get('/extracts/:id/pdf', requireScope('extracts:read'), async (req, res) => {
    const pdf = await getExtractPdf(ctx, pathParam(req, 'id'), 'current');
    res.type('application/pdf').set('ETag', `"${pdf.revision.sha256}"`).set('Content-Disposition', `inline; filename="${pdf.extract.id}-v${pdf.revision.version}-r${pdf.revision.seq}.pdf"`).send(pdf.bytes);
  });

  router.get('/extracts/:id/pdf/final', requireScope('extracts:read'), async (req, res) => {
    const pdf = await getExtractPdf(ctx, pathParam(req, 'id'), 'final');
    res.type('application/pdf').set('ETag', `"${pdf.revision.sha256}"`).set('Content-Disposition', `attachment; filename="${pdf.extract.id}-justerad.pdf"`).send(pdf.bytes);
  });

  router.get('/extracts/:id/revisions', requireScope('extracts:read'), async (req, res) => {
    res.json({ revisions: await listExtractRevisions(ctx, pathParam(req, 'id')) });
  });

  router.get('/extracts/:id/audit', requireScope('audit:read'), async (req, res) => {
    res.json(await exportedAuditTrail(ctx, pathParam(req, 'id')));
  });

  router.get('/outbox', requireScope('extracts:read'), async (req, res) => {
    const query = parseQuery(z.object({ extractId: z.string().max(40).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }), req);
    res.json({ mails: await outboxMails(ctx, query) });
  });

  return router;
}
