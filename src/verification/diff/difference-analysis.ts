/**
 * Default-deny difference analysis of the revisions after a signature (PADES-NOTES "incremental saving"
 * and "shadow" attacks; ISO 32000-1 12.8.2.2 DocMDP), after pyHanko's diff_analysis: every object a later
 * revision redefines is compared with its previous version (streams by decoded content, references by
 * identity, so objects re-written with equal values into object or xref streams are no change); the
 * rules under rules/ each clear the changes they recognise, at a level; anything else the document's
 * object graph still reaches is an illegal modification, reported with object and page. Objects nothing
 * reaches are counted as unreferenced.
 */
import { listFields, type FormField } from '../../pdf/acroform';
import type { PdfFile } from '../../pdf/parser';
import { PdfDict, PdfRef, PdfStream, type PdfObject } from '../../pdf/objects';
import { sameValue } from './same-value';
import { collectRefs, MAX_WALK, walkRefs } from './object-graph';
import type { AddedKind, ChangeNote, DiffProfile, DiffRule, RuleContext, ValueChange } from './rules-api';
import { acroFormRule } from './rules/acroform';
import { catalogRule } from './rules/catalog-entries';
import { documentInfoRule } from './rules/document-info';
import { dssRule } from './rules/dss';
import { formFieldRule } from './rules/form-fields';
import { pageAnnotationsRule } from './rules/page-annotations';
import { signatureFieldRule } from './rules/signature-fields';
import { structTreeRule } from './rules/struct-tree';
import type { Modification } from '../model';
import { indexPages, type PageIndex } from '../facts/document-structure';

/**
 * In this order: the field rules admit new fields and widgets before the AcroForm and page rules look at
 * /Fields and /Annots, and the structure tree rule accepts elements only for what those cleared.
 */
const RULES: readonly DiffRule[] = [documentInfoRule, signatureFieldRule, formFieldRule, acroFormRule, catalogRule, pageAnnotationsRule, dssRule, structTreeRule];

/** Reported on a change no rule cleared. */
export const DEFAULT_DENY = 'default-deny';

export interface RevisionChanges {
  revision: number;
  /** What the revision legitimately added. */
  added: Set<AddedKind>;
  illegal: Modification[];
  /** What the rules allowed beyond signing and validation data, each at its level. */
  notes: ChangeNote[];
  /** Fields whose value the revision changed, for the FieldMDP locks of earlier signatures. */
  valueChanges: ValueChange[];
  /** Changed objects nothing in the document refers to: harmless, reported as a warning. */
  unreferenced: { count: number; bytes: number };
}

/** DocMDP in force for a revision: the certification's /P and the revision that certified. */
export interface DocMdpContext {
  permissions: number;
  certifiedRevision: number;
}

/**
 * Work allowed for the analysis of all revisions of one document (objects visited): a hostile file with
 * a thousand revisions of a large object graph must end in a verdict, not a hang. Running out fails closed.
 */
export interface AnalysisBudget {
  remaining: number;
}

export const DEFAULT_ANALYSIS_BUDGET = 2_000_000;

/** Analyses revision `j` (≥ 1) against revision `j - 1`. */
export function analyseRevision(
  file: PdfFile,
  j: number,
  docMdp: DocMdpContext | undefined,
  budget: AnalysisBudget = { remaining: DEFAULT_ANALYSIS_BUDGET },
  profile: DiffProfile = 'justera',
): RevisionChanges {
  const result: RevisionChanges = { revision: j, added: new Set(), illegal: [], notes: [], valueChanges: [], unreferenced: { count: 0, bytes: 0 } };
  const previous = j - 1;
  const illegal = (objectNumber: number | undefined, what: string, detail: string, page?: number, rule?: string): void => {
    result.illegal.push({ revision: j + 1, objectNumber, what, page, detail, ...(rule ? { rule } : {}) });
  };
  const mdp = docMdp && docMdp.certifiedRevision < j ? docMdp.permissions : undefined;

  let pagesNow: PageIndex;
  let catalogNow: PdfDict;
  try {
    catalogNow = file.catalog(j);
    pagesNow = indexPages(file, j);
  } catch (error) {
    illegal(undefined, 'document structure', `revision ${j + 1} cannot be read: ${(error as Error).message}`);
    return result;
  }
  const rootNow = file.trailer(j).get('Root');
  const rootBefore = file.trailer(previous).get('Root');
  if (!(rootNow instanceof PdfRef) || !(rootBefore instanceof PdfRef) || !rootNow.equals(rootBefore)) {
    illegal(undefined, 'trailer', 'the trailer\'s /Root points to another catalog object');
    return result;
  }

  // 1. Which objects did this revision really change?
  const changed = new Set<number>();
  const xrefStream = file.revisions[j].xrefStreamObjectNumber;
  for (const num of file.revisions[j].entries.keys()) {
    if (num === 0 || num === xrefStream) continue;
    try {
      const before = file.getObject(num, previous);
      const after = file.getObject(num, j);
      if (!before && after && isContainer(after.value)) continue;
      if (before && after && before.gen === after.gen && sameValue(file, before.value, after.value, previous, j)) continue;
      if (!before && !after) continue;
      changed.add(num);
    } catch (error) {
      illegal(num, 'object', `object ${num} cannot be read: ${(error as Error).message}`);
    }
  }
  const infoRepointed = !sameValue(file, file.trailer(previous).get('Info') ?? null, file.trailer(j).get('Info') ?? null, previous, j);
  if (changed.size === 0 && !infoRepointed) return result;
  const isNew = (ref: PdfObject | undefined): ref is PdfRef => ref instanceof PdfRef && changed.has(ref.num) && file.getObject(ref.num, previous) === undefined;

  // 2. Rules: each clears specific changed objects.
  const cleared = new Set<number>();
  const validationData = new Set<number>();
  let rule = '';
  const context: RuleContext = {
    file, previous, current: j, profile, mdp, changed,
    catalogBefore: file.catalog(previous),
    catalogNow,
    pagesNow,
    fieldsBefore: earlierFields(file, previous),
    fieldsNow: listFields(file, j),
    infoRepointed,
    isNew,
    isCleared: (num) => cleared.has(num),
    clear: (num) => cleared.add(num),
    clearNewSubtree: (root) => walkRefs(file, root, j, (ref) => {
      if (!isNew(ref)) return false;
      cleared.add(ref.num);
      return true;
    }),
    admittedFields: new Set(),
    admittedWidgets: new Set(),
    validationData,
    added: (kind) => result.added.add(kind),
    valueChanged: (change) => result.valueChanges.push(change),
    note: (level, what, page) => result.notes.push({ revision: j + 1, level, what, ...(page !== undefined ? { page } : {}) }),
    illegal: (objectNumber, what, detail, page) => illegal(objectNumber, what, detail, page, rule),
  };
  for (const each of RULES) {
    rule = each.name;
    each.apply(context);
  }
  const rootNum = rootNow.num;

  // 3. Walk the whole document as of revision j (without the DSS): every changed object it reaches must be cleared.
  const reported = new Set(result.illegal.map((modification) => modification.objectNumber));
  // When the rules explained every change, the walk could find nothing: an honest revision costs no walk.
  if ([...changed].every((num) => cleared.has(num) || validationData.has(num) || reported.has(num))) return result;
  const visited = new Set<number>();
  const queue: { ref: PdfRef; page?: number }[] = [];
  const enqueueChildren = (value: PdfObject | undefined, page: number | undefined, skipKey?: string): void => {
    collectRefs(value, (ref) => queue.push({ ref, page }), skipKey);
  };
  enqueueChildren(catalogNow, undefined, 'DSS');
  // The catalog is reached again through /Reference /Data of signatures: its /DSS stays out of the walk.
  visited.add(rootNum);
  while (queue.length > 0) {
    const { ref, page: inherited } = queue.pop()!;
    if (visited.has(ref.num)) continue;
    if (visited.size >= MAX_WALK || --budget.remaining < 0) {
      illegal(undefined, 'document structure', 'the document is too large or too complex to analyse every change; nothing after this signature is accepted');
      break;
    }
    visited.add(ref.num);
    const page = pagesNow.pageOf.get(ref.num) ?? pagesNow.annotationPage.get(ref.num) ?? inherited;
    let value: PdfObject | undefined;
    try {
      value = file.resolve(ref, j);
    } catch (error) {
      illegal(ref.num, 'object', `object ${ref.num} cannot be read: ${(error as Error).message}`, page);
      continue;
    }
    if (changed.has(ref.num) && !cleared.has(ref.num) && !reported.has(ref.num)) {
      reported.add(ref.num);
      illegal(ref.num, describe(value), file.getObject(ref.num, previous) ? `object ${ref.num} was changed after signing` : `object ${ref.num} was added and is used by the document`, page, DEFAULT_DENY);
    }
    // Pages are walked in the page tree's order with their own number; nothing below a /Parent goes up.
    enqueueChildren(value instanceof PdfDict ? withoutParent(value) : value instanceof PdfStream ? value.dict : value, page);
  }
  for (const num of changed) {
    if (visited.has(num) || cleared.has(num) || validationData.has(num) || reported.has(num)) continue;
    const info = file.getObject(num, j);
    if (!info || file.getObject(num, previous)) continue;
    result.unreferenced.count++;
    if (info.offset !== undefined && info.endOffset !== undefined) result.unreferenced.bytes += info.endOffset - info.offset;
  }
  return result;
}

function withoutParent(dict: PdfDict): PdfDict {
  if (!dict.has('Parent') && !dict.has('P')) return dict;
  const copy = dict.clone();
  copy.delete('Parent');
  copy.delete('P');
  return copy;
}

function isContainer(value: PdfObject): boolean {
  return value instanceof PdfStream && (value.dict.getName('Type') === 'ObjStm' || value.dict.getName('Type') === 'XRef');
}

function describe(value: PdfObject | undefined): string {
  if (value instanceof PdfStream) {
    const subtype = value.dict.getName('Subtype');
    const type = value.dict.getName('Type');
    return subtype ? `${type ?? 'stream'} /${subtype}` : type ?? 'content stream';
  }
  if (value instanceof PdfDict) {
    const type = value.getName('Type');
    const subtype = value.getName('Subtype');
    if (type === 'Annot' || (subtype && value.has('Rect'))) return `annotation /${subtype ?? '?'}`;
    return type ?? (value.has('FT') ? 'form field' : 'dictionary');
  }
  if (value === null || value === undefined) return 'deleted object';
  return Array.isArray(value) ? 'array' : 'value';
}

/** The earlier revision's fields; an unreadable earlier form leaves nothing to compare with (every change then stays unexplained). */
function earlierFields(file: PdfFile, revision: number): FormField[] {
  try {
    return listFields(file, revision);
  } catch {
    return [];
  }
}
