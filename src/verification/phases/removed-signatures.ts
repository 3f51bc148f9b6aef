/**
 * Signatures that a later update took out of the form: a signature field, or its /V, that revision k has
 * and a later revision does not (or whose /V points at another dictionary). pyHanko and EU DSS judge a
 * signature by the revision it signed; a removed one is still a signature of this file and is reported,
 * with the revision it signed as its coverage and its removal as the reason it fails.
 */
import { PdfFormatError } from '../../errors';
import { listFields } from '../../pdf/acroform';
import { PdfRef, type PdfObject } from '../../pdf/objects';
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

/**
 * `latest` are the signature fields of the latest revision. Walks back from the latest revision and reads
 * an earlier revision's form only when the revision after it could have changed it (another /AcroForm
 * value in the catalog, or an object the later form was read from in its xref section): the DSS updates
 * and document timestamps that make up most revisions leave the form alone.
 */
export function findRemovedSignatures(file: PdfFile, latest: readonly SignatureField[]): RemovedField[] {
  const inForm = new Set(latest.flatMap((field) => (field.value instanceof PdfRef ? [field.value.num] : [])));
  const latestValue = new Map(latest.map((field) => [field.name, field.value]));
  /** Signature object → the field name and the last revision that has it in the form. */
  const seen = new Map<number, { name: string; revision: number }>();
  const last = file.revisions.length - 1;
  let used = new Set<number>();
  let formValue: PdfObject | undefined;
  try {
    listFields(file, last, used);
    formValue = file.catalog(last).get('AcroForm');
  } catch (error) {
    if (!(error instanceof PdfFormatError)) throw error;
    return [];
  }
  for (let revision = last - 1; revision >= 0; revision--) {
    const next = file.revisions[revision + 1]!;
    try {
      const value = file.catalog(revision).get('AcroForm');
      const unchanged = sameReference(value, formValue) && !redefinesAny(next.entries.keys(), used);
      formValue = value;
      if (unchanged) continue;
      used = new Set();
      for (const field of listFields(file, revision, used)) {
        const signature = field.dict.get('V');
        if (field.type === 'Sig' && signature instanceof PdfRef && !inForm.has(signature.num) && !seen.has(signature.num)) {
          seen.set(signature.num, { name: field.name, revision });
        }
      }
    } catch (error) {
      if (!(error instanceof PdfFormatError)) throw error;
      // An unreadable form of an earlier revision is the change analysis' finding; the next one is read afresh.
      formValue = undefined;
      used = new Set();
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

function redefinesAny(numbers: Iterable<number>, used: ReadonlySet<number>): boolean {
  for (const num of numbers) if (used.has(num)) return true;
  return false;
}

/** Both the same indirect reference (a direct /AcroForm dictionary counts as changed with its catalog). */
function sameReference(a: PdfObject | undefined, b: PdfObject | undefined): boolean {
  return a instanceof PdfRef && b instanceof PdfRef ? a.num === b.num && a.gen === b.gen : a === undefined && b === undefined;
}
