/**
 * What a rule of the difference analysis sees and may do (after pyHanko's diff_analysis/rules_api): the
 * file, the two revisions compared, the objects the later one changed, and ways to clear a changed
 * object at a level, to report what was done, or to report an illegal change. A rule only ever clears
 * objects it has checked; whatever no rule clears stays an illegal modification (default deny).
 */
import type { PdfFile } from '../../pdf/parser';
import type { PdfObject, PdfRef } from '../../pdf/objects';

import type { ChangeNote, ModificationLevel } from '../model';

export type { ChangeNote, ModificationLevel };

export const LEVEL_ORDER: readonly ModificationLevel[] = ['NONE', 'LTA_UPDATES', 'FORM_FILLING', 'ANNOTATIONS', 'OTHER'];

/**
 * Our own documents get the strict profile: only what our workflow writes (filling the pre-laid fields,
 * validation data, document timestamps). Any other PDF gets what real signing software writes.
 */
export type DiffProfile = 'justera' | 'general';

export interface RuleContext {
  file: PdfFile;
  previous: number;
  current: number;
  profile: DiffProfile;
  /** The DocMDP /P in force for this revision, undefined without a certification. */
  mdp: number | undefined;
  changed: ReadonlySet<number>;
  isNew(ref: PdfObject | undefined): ref is PdfRef;
  clear(num: number): void;
  /** Clears every new object reachable from `root` (not going below objects that existed before). */
  clearNewSubtree(root: PdfObject | undefined): void;
  note(level: ModificationLevel, what: string, page?: number): void;
  illegal(objectNumber: number | undefined, what: string, detail: string, page?: number): void;
}

/** The most a document permits after its signatures (ISO 32000-1 12.8.2.2.2, table 254; none: everything but OTHER). */
export function permittedLevel(mdp: number | undefined): ModificationLevel {
  if (mdp === 1) return 'LTA_UPDATES';
  if (mdp === 2) return 'FORM_FILLING';
  return 'ANNOTATIONS';
}

export function levelAllowed(level: ModificationLevel, mdp: number | undefined): boolean {
  return LEVEL_ORDER.indexOf(level) <= LEVEL_ORDER.indexOf(permittedLevel(mdp));
}
