/**
 * The archivist's routes under /api/v1 (behind the service's authenticateClient and the scope
 * `audit:read`): the evidence package of a justerad extract, and its verification report as a sealed
 * PDF/A or as JSON. Not public: these carry the full certificates.
 */
import express, { type Router } from 'express';
import { buildEvidencePackage, type EvidenceContext } from '../../engines/evidence-export';
import { createVerifier } from '../../engines/verify-document';
import { renderVerificationReportPdf } from '../../documents/verification-report-pdf';
import { getExtractPdf } from '../../use-cases/extract-service';
import type { AppDeps } from '../app-deps';
import { requireScope } from '../api/client-auth';

export function createArchiveApiRouter(deps: AppDeps): Router {
  const router = express.Router();
  const ctx: EvidenceContext = { db: deps.db, keys: deps.keys, clock: deps.clock, timestamper: deps.timestamper, signerIdentity: deps.service.settings.signerIdentity };
  const verifier = createVerifier(deps.keys.trustAnchors);
  const report = async (id: string) => {
    const { bytes } = await getExtractPdf(deps.service, id, 'final');
    return verifier.verify(bytes, { clock: deps.clock });
  };

  router.get('/extracts/:id/evidence.zip', requireScope('audit:read'), async (req, res) => {
    const evidence = await buildEvidencePackage(ctx, String(req.params.id));
    res.type('application/zip').setHeader('Content-Disposition', `attachment; filename="${evidence.fileName}"`);
    res.send(evidence.zip);
  });

  router.get('/extracts/:id/verification.json', requireScope('audit:read'), async (req, res) => {
    res.json(await report(String(req.params.id)));
  });

  router.get('/extracts/:id/verification.pdf', requireScope('audit:read'), async (req, res) => {
    const pdf = await renderVerificationReportPdf(await report(String(req.params.id)), ctx);
    res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="verifieringsrapport-${String(req.params.id)}.pdf"`);
    res.send(Buffer.from(pdf));
  });
  return router;
}
