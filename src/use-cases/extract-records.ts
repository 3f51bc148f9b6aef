/**
 * The secretary's reads beside the extract view (extract-service.ts): the audit trail, the outbox and one
 * stored revision's bytes. An unknown extract is ERR_NOT_FOUND, as in the view.
 */
import { JusteraError } from '../errors';
import { listAuditEvents, type AuditEventRow } from '../storage/audit-repository';
import { countExtracts, findExtract } from '../storage/extracts-repository';
import { listOutboxMails, type OutboxMailRow } from '../storage/outbox-repository';
import { getBlob, listRevisions, type PdfRevisionRow } from '../storage/pdf-revisions-repository';
import { exportAuditEvent } from './audit-chain';
import { requireExtract } from './extract-service';
import type { ServiceContext } from './service-context';

/** The extract's audit events as stored, oldest first. */
export async function auditEventsOf(ctx: ServiceContext, extractId: string): Promise<AuditEventRow[]> {
  requireExtract(await findExtract(ctx.db.knex, extractId), extractId);
  return listAuditEvents(ctx.db.knex, extractId);
}

/** The audit trail as it is handed out (API, verifikat.json): the events in their exported form. */
export async function exportedAuditTrail(ctx: ServiceContext, extractId: string): Promise<{ extractId: string; events: ReturnType<typeof exportAuditEvent>[] }> {
  return { extractId, events: (await auditEventsOf(ctx, extractId)).map(exportAuditEvent) };
}

/** The outbox, newest first, of one extract or of all. */
export async function outboxMails(ctx: ServiceContext, query: { extractId?: string; limit: number }): Promise<OutboxMailRow[]> {
  return listOutboxMails(ctx.db.knex, query);
}

/** One stored revision of the extract with its bytes, named as in its URL (version and seq as typed). */
export async function revisionPdf(ctx: ServiceContext, extractId: string, version: string, seq: string): Promise<{ revision: PdfRevisionRow; bytes: Buffer }> {
  requireExtract(await findExtract(ctx.db.knex, extractId), extractId);
  const revision = (await listRevisions(ctx.db.knex, extractId)).find((r) => String(r.version) === version && String(r.seq) === seq);
  const bytes = revision ? await getBlob(ctx.db.knex, revision.sha256) : undefined;
  if (!revision || !bytes) throw new JusteraError('ERR_NOT_FOUND', `extract "${extractId}" has no revision ${version}/${seq}`, { field: 'seq' });
  return { revision, bytes };
}

/** Whether the database holds any extract (the quick start loads the example into an empty one). */
export async function hasExtracts(ctx: ServiceContext): Promise<boolean> {
  return (await countExtracts(ctx.db.knex)) > 0;
}
