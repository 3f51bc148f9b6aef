/**
 * What a rule of the difference analysis sees and may do (after pyHanko's diff_analysis/rules_api): the
 * file, the two revisions compared, the objects the later one changed, and ways to clear a changed
 * object at a level, to report what was done, or to report an illegal change. A rule only ever clears
 * objects it has checked; whatever no rule clears stays an illegal modification (default deny).
 */
import type { FormField } from '../../pdf/acroform';
import type { PdfFile } from '../../pdf/parser';
import type { PdfDict, PdfObject, PdfRef } from '../../pdf/objects';

import type { ChangeNote, ModificationLevel } from '../model';
import type { PageIndex } from '../facts/document-structure';

export type { ChangeNote, ModificationLevel };

export const LEVEL_ORDER: readonly ModificationLevel[] = ['NONE', 'LTA_UPDATES', 'FORM_FILLING', 'ANNOTATIONS', 'OTHER'];

/**
 * Our own documents get the strict profile: only what our workflow writes (filling the pre-laid fields,
 * validation data, document timestamps). Any other PDF gets what real signing software writes.
 */
export type DiffProfile = 'justera' | 'general';

/** What a revision legitimately added, for the report's "after signing". */
export type AddedKind = 'signature' | 'document-timestamp' | 'validation-data' | 'signature-field';

/** A field whose value a revision changed (filled or signed), for the FieldMDP locks of earlier signatures. */
export interface ValueChange {
  field: string;
  objectNumber?: number;
  page?: number;
}

/** One revision and its predecessor, read once by the driver and shared by every rule. */
export interface RevisionPair {
  catalogBefore: PdfDict;
  catalogNow: PdfDict;
  pagesNow: PageIndex;
  /** Terminal form fields of each revision (empty when the earlier form cannot be read). */
  fieldsBefore: readonly FormField[];
  fieldsNow: readonly FormField[];
  /** The trailer's /Info points elsewhere than in the previous revision. */
  infoRepointed: boolean;
}

export interface RuleContext extends RevisionPair {
  file: PdfFile;
  previous: number;
  current: number;
  profile: DiffProfile;
  /** The DocMDP /P in force for this revision, undefined without a certification. */
  mdp: number | undefined;
  changed: ReadonlySet<number>;
  isNew(ref: PdfObject | undefined): ref is PdfRef;
  isCleared(num: number): boolean;
  clear(num: number): void;
  /** Clears every new object reachable from `root` (not going below objects that existed before). */
  clearNewSubtree(root: PdfObject | undefined): void;
  /**
   * Fields and widgets a rule created legitimately: the AcroForm rule lets them into /Fields, the page
   * rule into a page's /Annots.
   */
  admittedFields: Set<number>;
  admittedWidgets: Set<number>;
  /** Changed objects reached only through the DSS: neither walked nor counted as unreferenced. */
  validationData: Set<number>;
  added(kind: AddedKind): void;
  valueChanged(change: ValueChange): void;
  note(level: ModificationLevel, what: string, page?: number): void;
  illegal(objectNumber: number | undefined, what: string, detail: string, page?: number): void;
}

/** A named rule: clears the changes it recognises, reports those of its kind it refuses. */
export interface DiffRule {
  name: string;
  apply(context: RuleContext): void;
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
