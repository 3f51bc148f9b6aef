/**
 * Signatures that a later update took out of the form: a signature field, or its /V, that revision k has
 * and a later revision does not (or whose /V points at another dictionary). pyHanko and EU DSS judge a
 * signature by the revision it signed; a removed one is still a signature of this file and is reported,
 * with the revision it signed as its coverage and its removal as the reason it fails.
 */
import { PdfFormatError } from '../../errors';
import { listFields } from '../../pdf/acroform';
import { PdfRef } from '../../pdf/objects';
import type { PdfFile } from '../../pdf/parser';
import { indexPages, signatureFields, type SignatureField } from '../facts/document-structure';
import type { RemovedSignature } from '../model';

export interface RemovedField {
  /** The field as of `lastRevision`. */
  field: SignatureField;
  /** 0-based: the last revision whose form has the signature. */
  lastRevision: number;
  removed: RemovedSignature;
  detail: string;
}

/** `latest` are the signature fields of the latest revision. Reads each earlier revision's form once. */
export function findRemovedSignatures(file: PdfFile, latest: readonly SignatureField[]): RemovedField[] {
  const inForm = new Set(latest.flatMap((field) => (field.value instanceof PdfRef ? [field.value.num] : [])));
  const latestValue = new Map(latest.map((field) => [field.name, field.value]));
  /** Signature object → the field name and the last revision that has it in the form. */
  const seen = new Map<number, { name: string; revision: number }>();
  for (let revision = 0; revision < file.revisions.length - 1; revision++) {
    let fields;
    try {
      fields = listFields(file, revision);
    } catch (error) {
      if (!(error instanceof PdfFormatError)) throw error;
      continue; // an unreadable form of an earlier revision is the change analysis' finding
    }
    for (const field of fields) {
      const value = field.dict.get('V');
      if (field.type === 'Sig' && value instanceof PdfRef && !inForm.has(value.num)) seen.set(value.num, { name: field.name, revision });
    }
  }
  const removed: RemovedField[] = [];
  for (const [num, { name, revision }] of seen) {
    const field = signatureFields(file, revision, indexPages(file, revision)).find((candidate) => candidate.name === name);
    if (!field) continue;
    const value = latestValue.get(name);
    const how: RemovedSignature['how'] = !latestValue.has(name) ? 'field-removed' : value === undefined || value === null ? 'value-removed' : 'value-replaced';
    const what = { 'field-removed': 'the field is gone', 'value-removed': 'the field has no /V', 'value-replaced': 'its /V names another signature dictionary' }[how];
    removed.push({
      field,
      lastRevision: revision,
      removed: { revision: revision + 2, how },
      detail: `the signature of field "${name}" (object ${num}) is in the form of revision ${revision + 1} but not in revision ${revision + 2}: ${what}`,
    });
  }
  return removed;
}
