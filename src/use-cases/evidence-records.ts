/**
 * What the evidence package of a justerad extract holds from the database (src/documents/evidence-package.ts
 * renders it): the extract, every stored revision's bytes, the anslag with their notices, the audit trail,
 * the signers and the extract JSON that was justerad.
 */
import { JusteraError } from '../errors';
import { listAnslagForExtract, type AnslagRecord } from '../storage/anslag-repository';
import { listAuditEvents, type AuditEventRow } from '../storage/audit-repository';
import type { Database } from '../storage/db';
import { findDocumentVersion, findExtract, type ExtractRow } from '../storage/extracts-repository';
import { getBlob, listRevisions, type PdfRevisionRow } from '../storage/pdf-revisions-repository';
import { listSigners, type SignerRow } from '../storage/signers-repository';

export interface EvidenceRecords {
  extract: ExtractRow;
  /** The head revision of the justerad version. */
  final: Buffer;
  /** Every stored revision, oldest first, with its bytes. */
  revisions: { revision: PdfRevisionRow; bytes: Buffer }[];
  anslag: { record: AnslagRecord; noticePdf: Buffer }[];
  auditEvents: AuditEventRow[];
  /** The signers of the justerad version. */
  signers: SignerRow[];
  /** The extract JSON of the justerad version, as the secretary wrote it. */
  extractJson?: string;
}

const JUSTERAD_STATES = new Set(['justerad', 'anslag_published', 'anslag_taken_down']);

/** ERR_NOT_FOUND for an unknown extract or a missing stored PDF, ERR_WRONG_STATE before the justering. */
export async function gatherEvidence(database: Database, extractId: string): Promise<EvidenceRecords> {
  const db = database.knex;
  const extract = await findExtract(db, extractId);
  if (!extract) throw new JusteraError('ERR_NOT_FOUND', `no extract "${extractId}"`, { field: 'id' });
  if (!JUSTERAD_STATES.has(extract.state)) {
    throw new JusteraError('ERR_WRONG_STATE', `extract "${extractId}" is ${extract.state}; the evidence package exists once it is justerad`, { field: 'state' });
  }
  const blob = async (sha256: string): Promise<Buffer> => {
    const bytes = await getBlob(db, sha256);
    if (!bytes) throw new JusteraError('ERR_NOT_FOUND', `the stored PDF ${sha256} is missing`, { field: 'sha256' });
    return bytes;
  };
  const stored = await listRevisions(db, extractId);
  const current = stored.filter((r) => r.version === extract.currentVersion);
  const head = current[current.length - 1];
  if (!head) throw new JusteraError('ERR_NOT_FOUND', `extract "${extractId}" has no stored PDF`, { field: 'id' });
  const final = await blob(head.sha256);
  const revisions: EvidenceRecords['revisions'] = [];
  for (const revision of stored) revisions.push({ revision, bytes: await blob(revision.sha256) });
  const anslag: EvidenceRecords['anslag'] = [];
  for (const record of await listAnslagForExtract(db, extractId)) anslag.push({ record, noticePdf: await blob(record.noticePdfSha256) });
  const auditEvents = await listAuditEvents(db, extractId);
  const signers = await listSigners(db, extractId, extract.currentVersion);
  const version = await findDocumentVersion(db, extractId, extract.currentVersion);
  return { extract, final, revisions, anslag, auditEvents, signers, ...(version ? { extractJson: version.extractJson } : {}) };
}
