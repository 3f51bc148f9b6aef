/**
 * The evidence package of a justerad extract end to end, for the service's routes and `justera export`:
 * the records from the database (use case), the verification of the final PDF (the one verifier
 * factory), the zip (document).
 */
import { renderEvidencePackage, type EvidencePackage, type EvidenceRenderContext } from '../documents/evidence-package';
import { gatherEvidence } from '../use-cases/evidence-records';
import type { Database } from '../use-cases/records';
import { createVerifier } from './verify-document';

export interface EvidenceContext extends EvidenceRenderContext {
  db: Database;
}

/** ERR_NOT_FOUND for an unknown extract, ERR_WRONG_STATE before the justering. */
export async function buildEvidencePackage(ctx: EvidenceContext, extractId: string): Promise<EvidencePackage> {
  const records = await gatherEvidence(ctx.db, extractId);
  const report = await createVerifier(ctx.keys.trustAnchors).verify(records.final, { clock: ctx.clock, fileName: 'final.pdf' });
  return renderEvidencePackage(records, report, ctx);
}
