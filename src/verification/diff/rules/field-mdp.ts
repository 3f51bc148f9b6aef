/**
 * Rule: FieldMDP (ISO 32000-1 12.8.2.4, table 253; the field lock of 12.7.4.5, table 233). A signature
 * whose /Reference has /TransformMethod /FieldMDP, or whose field has a /Lock, locks fields: /Action
 * /All every field, /Include those named in /Fields, /Exclude all others. A locked field whose value a
 * later revision changes (filled, or signed) is a FIELD_LOCKED illegal modification of that signature,
 * whatever the document otherwise permits. A name locks the field and the fields below it.
 */
import type { PdfFile } from '../../../pdf/parser';
import { PdfDict, PdfString } from '../../../pdf/objects';
import type { ValueChange } from '../rules-api';

export const FIELD_MDP_RULE = 'field-mdp';

export interface FieldLock {
  action: 'All' | 'Include' | 'Exclude';
  fields: string[];
}

/** The locks a signature states, from its /Reference and from its field's /Lock (as of `revision`). */
export function fieldLocks(file: PdfFile, signature: PdfDict | undefined, fieldLock: PdfDict | undefined, revision: number): FieldLock[] {
  const params: PdfDict[] = [];
  for (const item of file.resolveArray(signature?.get('Reference'), revision) ?? []) {
    const reference = file.resolveDict(item, revision);
    const transform = reference && file.resolveDict(reference.get('TransformParams'), revision);
    if (reference?.getName('TransformMethod') === 'FieldMDP' && transform) params.push(transform);
  }
  if (fieldLock) params.push(fieldLock);
  return params.flatMap((dict) => {
    const action = dict.getName('Action');
    if (action !== 'All' && action !== 'Include' && action !== 'Exclude') return [];
    const fields = (file.resolveArray(dict.get('Fields'), revision) ?? []).flatMap((item) => {
      const value = file.resolve(item, revision);
      return value instanceof PdfString ? [value.toText()] : [];
    });
    return [{ action, fields }];
  });
}

export function isLocked(locks: readonly FieldLock[], field: string): boolean {
  return locks.some((lock) => {
    if (lock.action === 'All') return true;
    const named = lock.fields.some((name) => field === name || field.startsWith(`${name}.`));
    return lock.action === 'Include' ? named : !named;
  });
}

/** The changes of `changes` that touch a locked field. */
export function lockedChanges(locks: readonly FieldLock[], changes: readonly ValueChange[]): ValueChange[] {
  return locks.length === 0 ? [] : changes.filter((change) => isLocked(locks, change.field));
}
