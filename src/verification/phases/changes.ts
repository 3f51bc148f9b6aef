/**
 * Phase "changes": which signature certifies (DocMDP, ISO 32000-1 12.8.2.2: only the first may), then the
 * difference analysis of every revision after each signed revision, each later revision analysed once.
 * Sets each signature's `after` and `modifications`, and says which revision the document's own
 * description may be read from (the last one before any illegal change: never the attacker's words).
 */
import { PdfFormatError } from '../../errors';
import type { PdfFile } from '../../pdf/parser';
import { analyseRevision, DEFAULT_ANALYSIS_BUDGET, type DocMdpContext, type RevisionChanges } from '../diff/difference-analysis';
import type { DiffProfile } from '../diff/rules-api';
import { FIELD_MDP_RULE, fieldLocks, lockedChanges } from '../diff/rules/field-mdp';
import type { ChangeNote, Modification } from '../model';
import type { SignatureRecord } from './signature-records';

export interface ChangeFacts {
  /** The last revision (0-based) before the first illegal change. */
  describedRevision: number;
}

export function analyseChanges(file: PdfFile, records: readonly SignatureRecord[], appendedFrom: number | undefined, profile: DiffProfile): ChangeFacts {
  const docMdp = certification(records);
  const last = file.revisions.length - 1;
  const analyses = new Map<number, RevisionChanges>();
  const budget = { remaining: DEFAULT_ANALYSIS_BUDGET };
  const analysis = (j: number): RevisionChanges => {
    let result = analyses.get(j);
    if (!result) {
      try {
        result = analyseRevision(file, j, docMdp, budget, profile);
      } catch (error) {
        if (!(error instanceof PdfFormatError)) throw error;
        result = { revision: j, added: new Set(), illegal: [{ revision: j + 1, what: 'revision', detail: error.message }], notes: [], valueChanges: [], unreferenced: { count: 0, bytes: 0 } };
      }
      analyses.set(j, result);
    }
    return result;
  };
  for (const record of records) {
    const k = record.byteRange.revision;
    if (k === undefined) continue;
    const modifications: Modification[] = [];
    const locked: Modification[] = [];
    const locks = fieldLocks(file, record.dict, record.field.lock, last);
    const allowed: ChangeNote[] = [];
    const unreferenced = { count: 0, bytes: 0 };
    let addedSomething = false;
    for (let j = k + 1; j <= last; j++) {
      const changes = analysis(j);
      modifications.push(...changes.illegal);
      for (const change of lockedChanges(locks, changes.valueChanges)) {
        locked.push({ revision: j + 1, objectNumber: change.objectNumber, page: change.page, what: 'form field', detail: `field "${change.field}" is locked by this signature (FieldMDP) and its value changed`, rule: FIELD_MDP_RULE });
      }
      allowed.push(...changes.notes);
      unreferenced.count += changes.unreferenced.count;
      unreferenced.bytes += changes.unreferenced.bytes;
      if (changes.added.size > 0 || changes.illegal.length === 0) addedSomething = true;
    }
    if (appendedFrom !== undefined) {
      modifications.push({ revision: last + 2, what: 'appended bytes', detail: `bytes from offset ${appendedFrom} are not a readable revision (no valid xref section)` });
    }
    if (locked.length > 0) record.facts.problems.push({ code: 'FIELD_LOCKED', detail: locked.map(describeModification).join('; ') });
    record.facts.modifications = [...modifications, ...locked];
    if (allowed.length > 0) record.facts.allowedChanges = allowed;
    if (unreferenced.count > 0) record.facts.unreferencedAfter = unreferenced;
    record.facts.after = modifications.length + locked.length > 0 ? 'ILLEGAL_CHANGES' : addedSomething ? 'SIGNATURES_AND_VALIDATION_DATA' : 'NOTHING';
    if (modifications.length > 0) {
      const detail = modifications.map(describeModification).join('; ');
      const code = appendedFrom !== undefined && modifications.length === 1 ? 'UNREADABLE_REVISION' : record.facts.kind === 'certification' ? 'DOCMDP_VIOLATION' : 'ILLEGAL_MODIFICATION';
      record.facts.problems.push({ code, detail });
    }
  }
  let describedRevision = last;
  for (const [j, changes] of analyses) if (changes.illegal.length > 0) describedRevision = Math.min(describedRevision, j - 1);
  return { describedRevision };
}

/** The DocMDP in force, from the first signature when it certifies; a later certification is a problem of its own. */
function certification(records: readonly SignatureRecord[]): DocMdpContext | undefined {
  let docMdp: DocMdpContext | undefined;
  records.forEach((record, index) => {
    if (record.facts.kind !== 'certification') return;
    if (index > 0 || record.byteRange.revision === undefined) {
      record.facts.problems.push({ code: 'DOCMDP_NOT_FIRST', detail: 'a certification (DocMDP) signature must be the first signature of the document' });
    } else {
      docMdp = { permissions: record.facts.docMdpPermissions ?? 2, certifiedRevision: record.byteRange.revision };
    }
  });
  return docMdp;
}

function describeModification(modification: Modification): string {
  const where = [
    modification.objectNumber !== undefined ? `object ${modification.objectNumber}` : undefined,
    modification.page !== undefined ? `page ${modification.page}` : undefined,
    `revision ${modification.revision}`,
  ].filter(Boolean).join(', ');
  return `${modification.what} (${where}): ${modification.detail}`;
}
