/**
 * Default-deny difference analysis of the revisions after a signature (PADES-NOTES "incremental saving"
 * and "shadow" attacks; ISO 32000-1 12.8.2.2 DocMDP). Every object a later revision redefines is
 * compared with its previous version (streams by decoded content, references by identity); a change
 * must be cleared by a rule: filling an empty signature field and its widget appearance, /SigFlags,
 * the DSS, a new (invisible, under DocMDP) signature or document-timestamp field. Anything else that the
 * document's object graph still reaches is an illegal modification, reported with object and page.
 */
import type { PdfFile } from '../../pdf/parser';
import { PdfDict, PdfRef, PdfStream, type PdfObject } from '../../pdf/objects';
import { sameValue } from './same-value';
import type { ChangeNote, DiffProfile, RuleContext } from './rules-api';
import { annotationRule } from './rules/annotations';
import { catalogEntryRule } from './rules/catalog-entries';
import { documentInfoRule } from './rules/document-info';
import type { Modification } from '../model';
import { indexPages, signatureFields, type PageIndex, type SignatureField } from '../facts/document-structure';

export interface RevisionChanges {
  revision: number;
  /** What the revision legitimately added. */
  added: Set<'signature' | 'document-timestamp' | 'validation-data' | 'signature-field'>;
  illegal: Modification[];
  /** What the rules allowed beyond signing and validation data, each at its level. */
  notes: ChangeNote[];
  /** Changed objects nothing in the document refers to: harmless, reported as a warning. */
  unreferenced: { count: number; bytes: number };
}

/** DocMDP in force for a revision: the certification's /P and the revision that certified. */
export interface DocMdpContext {
  permissions: number;
  certifiedRevision: number;
}

const MAX_WALK = 200_000;

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
  const result: RevisionChanges = { revision: j, added: new Set(), illegal: [], notes: [], unreferenced: { count: 0, bytes: 0 } };
  const previous = j - 1;
  const illegal = (objectNumber: number | undefined, what: string, detail: string, page?: number): void => {
    result.illegal.push({ revision: j + 1, objectNumber, what, page, detail });
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
  const isNewNumber = (num: number): boolean => changed.has(num) && file.getObject(num, previous) === undefined;
  const isNew = (ref: PdfObject | undefined): ref is PdfRef => ref instanceof PdfRef && isNewNumber(ref.num);

  // 2. Rules: each clears specific changed objects.
  const cleared = new Set<number>();
  const clearNewSubtree = (root: PdfObject | undefined): void => {
    walkRefs(file, root, j, (ref) => {
      if (!isNew(ref)) return false;
      cleared.add(ref.num);
      return true;
    });
  };

  const context: RuleContext = {
    file, previous, current: j, profile, mdp, changed,
    isNew,
    clear: (num) => cleared.add(num),
    clearNewSubtree,
    note: (level, what, page) => result.notes.push({ revision: j + 1, level, what, ...(page !== undefined ? { page } : {}) }),
    illegal,
  };
  documentInfoRule(context);

  const catalogBefore = file.catalog(previous);
  const acroFormBefore = file.resolveDict(catalogBefore.get('AcroForm'), previous);
  const acroFormNow = file.resolveDict(catalogNow.get('AcroForm'), j);
  const fieldsBefore = new Map<number, SignatureField>();
  try {
    for (const field of signatureFields(file, previous, indexPages(file, previous))) if (field.ref) fieldsBefore.set(field.ref.num, field);
  } catch {
    // an unreadable earlier form leaves nothing to compare with: every change then stays unexplained
  }
  const fieldsNow = signatureFields(file, j, pagesNow);
  const allowedNewWidgets = new Set<number>();
  const newFieldRefs = new Set<number>();

  for (const field of fieldsNow) {
    if (!field.ref || !changed.has(field.ref.num)) continue;
    const before = fieldsBefore.get(field.ref.num);
    const value = field.value;
    const signatureDict = file.resolveDict(value, j);
    const signatureType = signatureDict?.getName('Type');
    if (!before) {
      // A signature field that did not exist: a document timestamp or a new signature (12.7.4.5).
      if (!isNew(field.ref) || !isNew(value) || !signatureDict) continue;
      if (mdp !== undefined && !field.invisible) continue; // sneaky signature: visible field over certified content
      if (mdp === 1 && signatureType !== 'DocTimeStamp') continue;
      cleared.add(field.ref.num);
      cleared.add(value.num);
      newFieldRefs.add(field.ref.num);
      for (const widget of field.widgetRefs) {
        if (isNew(widget)) {
          allowedNewWidgets.add(widget.num);
          clearNewSubtree(widget);
        }
      }
      clearNewSubtree(field.dict.get('AP'));
      result.added.add(signatureType === 'DocTimeStamp' ? 'document-timestamp' : 'signature-field');
      continue;
    }
    // Filling a pre-laid empty field: only /V (a new signature dictionary) and the widget's look change.
    if (before.value !== undefined && before.value !== null) continue;
    if (!isNew(value) || !signatureDict) continue;
    if (mdp === 1 && signatureType !== 'DocTimeStamp') continue;
    if (!onlyKeysChanged(file, before.dict, field.dict, previous, j, ['V', 'AP', 'F'])) continue;
    cleared.add(field.ref.num);
    cleared.add(value.num);
    clearNewSubtree(field.dict.get('AP'));
    for (const widget of field.widgetRefs) {
      if (widget.num === field.ref.num || !changed.has(widget.num)) continue;
      const widgetBefore = file.resolveDict(widget, previous);
      const widgetNow = file.resolveDict(widget, j);
      if (widgetBefore && widgetNow && onlyKeysChanged(file, widgetBefore, widgetNow, previous, j, ['AP', 'F'])) {
        cleared.add(widget.num);
        clearNewSubtree(widgetNow.get('AP'));
      }
    }
    result.added.add(signatureType === 'DocTimeStamp' ? 'document-timestamp' : 'signature');
  }

  // The catalog: only /DSS (and an AcroForm that passes the AcroForm rule) may differ.
  const rootNum = rootNow.num;
  const acroFormRule = (before: PdfDict | undefined, now: PdfDict | undefined): string | undefined => {
    if (!before || !now) return before === now ? undefined : 'the AcroForm was added or removed';
    for (const key of new Set([...before.keys(), ...now.keys()])) {
      if (key === 'SigFlags') continue;
      if (key === 'Fields') {
        const oldFields = file.resolveArray(before.get('Fields'), previous) ?? [];
        const newFields = file.resolveArray(now.get('Fields'), j) ?? [];
        const prefix = oldFields.every((item, i) => sameValue(file, item, newFields[i], previous, j));
        const appended = newFields.slice(oldFields.length);
        if (!prefix || !appended.every((item) => item instanceof PdfRef && newFieldRefs.has(item.num))) return '/AcroForm /Fields changed other than by a new signature field';
        const fieldsRef = now.get('Fields');
        if (fieldsRef instanceof PdfRef && changed.has(fieldsRef.num)) cleared.add(fieldsRef.num);
        continue;
      }
      if (!sameValue(file, before.get(key), now.get(key), previous, j)) return `/AcroForm /${key} changed`;
    }
    return undefined;
  };
  const acroFormRef = catalogNow.get('AcroForm');
  if (acroFormRef instanceof PdfRef && changed.has(acroFormRef.num)) {
    const problem = acroFormRule(acroFormBefore, acroFormNow);
    if (problem) illegal(acroFormRef.num, 'AcroForm', problem);
    else cleared.add(acroFormRef.num);
  }
  let dssChanged = false;
  if (changed.has(rootNum)) {
    const problems: string[] = [];
    for (const key of new Set([...catalogBefore.keys(), ...catalogNow.keys()])) {
      const a = catalogBefore.get(key);
      const b = catalogNow.get(key);
      if (sameValue(file, a, b, previous, j)) continue;
      if (key === 'DSS') {
        dssChanged = true;
        continue;
      }
      const entryProblem = catalogEntryRule(context, key, a, b);
      if (entryProblem !== false) {
        if (entryProblem) problems.push(entryProblem);
        continue;
      }
      if (key === 'AcroForm' && !(a instanceof PdfRef) && !(b instanceof PdfRef)) {
        const problem = acroFormRule(acroFormBefore, acroFormNow);
        if (problem) problems.push(problem);
        continue;
      }
      problems.push(`/${key}`);
    }
    if (problems.length > 0) illegal(rootNum, 'catalog', `the catalog changed: ${problems.join(', ')}`);
    else cleared.add(rootNum);
  }
  const metadataRef = catalogNow.get('Metadata');
  if (metadataRef instanceof PdfRef && changed.has(metadataRef.num) && !cleared.has(metadataRef.num)) {
    const problem = catalogEntryRule(context, 'Metadata', catalogBefore.get('Metadata'), metadataRef);
    if (problem) illegal(metadataRef.num, 'XMP metadata', problem);
  }

  // Pages: only /Annots may grow, and only by widgets of new signature fields (no evil annotations).
  for (const pageRef of pagesNow.pageRefs) {
    const page = pagesNow.pageOf.get(pageRef.num);
    const pageNow = file.resolveDict(pageRef, j);
    const annotsRef = pageNow?.get('Annots');
    const pageChanged = changed.has(pageRef.num);
    const annotsChanged = annotsRef instanceof PdfRef && changed.has(annotsRef.num);
    if (!pageNow || (!pageChanged && !annotsChanged)) continue;
    const pageBefore = file.resolveDict(pageRef, previous);
    if (!pageBefore) continue;
    if (pageChanged && !onlyKeysChanged(file, pageBefore, pageNow, previous, j, ['Annots'])) continue;
    const oldAnnots = file.resolveArray(pageBefore.get('Annots'), previous) ?? [];
    const newAnnots = file.resolveArray(annotsRef, j) ?? [];
    const prefix = oldAnnots.every((item, i) => sameValue(file, item, newAnnots[i], previous, j));
    const added = newAnnots.slice(oldAnnots.length);
    const bad = added.filter((item) => !(item instanceof PdfRef && (allowedNewWidgets.has(item.num) || newFieldRefs.has(item.num) || annotationRule(context, item, page))));
    if (!prefix || bad.length > 0) {
      const kinds = bad.map((item) => file.resolveDict(item, j)?.getName('Subtype') ?? 'object').join(', ');
      illegal(pageRef.num, 'Page', prefix ? `annotations added to the page: ${kinds}` : 'the page\'s annotations were replaced or reordered', page);
      cleared.add(pageRef.num);
      if (annotsChanged) cleared.add(annotsRef.num);
      for (const item of bad) if (item instanceof PdfRef) cleared.add(item.num); // reported with the page
      continue;
    }
    if (pageChanged) cleared.add(pageRef.num);
    if (annotsChanged) cleared.add(annotsRef.num);
  }

  // The DSS: validation data may be added or extended; what it holds must not be shared with content.
  const dssOnly = new Set<number>();
  if (dssChanged || catalogNow.get('DSS') instanceof PdfRef) {
    const oldDss = new Set<number>();
    walkRefs(file, catalogBefore.get('DSS'), previous, (ref) => {
      oldDss.add(ref.num);
      return true;
    });
    walkRefs(file, catalogNow.get('DSS'), j, (ref) => {
      if (!changed.has(ref.num)) return false;
      if (isNewNumber(ref.num) || oldDss.has(ref.num)) {
        dssOnly.add(ref.num);
        return true;
      }
      return false;
    });
    if (dssChanged || dssOnly.size > 0) result.added.add('validation-data');
  }

  // 3. Walk the whole document as of revision j (without the DSS): every changed object it reaches must be cleared.
  const reported = new Set(result.illegal.map((modification) => modification.objectNumber));
  const visited = new Set<number>();
  const queue: { ref: PdfRef; page?: number }[] = [];
  const enqueueChildren = (value: PdfObject | undefined, page: number | undefined, skipDss: boolean): void => {
    collectRefs(value, (ref) => queue.push({ ref, page }), skipDss);
  };
  enqueueChildren(catalogNow, undefined, true);
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
      illegal(ref.num, describe(value), file.getObject(ref.num, previous) ? `object ${ref.num} was changed after signing` : `object ${ref.num} was added and is used by the document`, page);
    }
    // Pages are walked in the page tree's order with their own number; nothing below a /Parent goes up.
    enqueueChildren(value instanceof PdfDict ? withoutParent(value) : value instanceof PdfStream ? value.dict : value, page, false);
  }
  for (const num of changed) {
    if (visited.has(num) || cleared.has(num) || dssOnly.has(num) || reported.has(num)) continue;
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

function onlyKeysChanged(file: PdfFile, before: PdfDict, now: PdfDict, previous: number, j: number, allowed: readonly string[]): boolean {
  for (const key of new Set([...before.keys(), ...now.keys()])) {
    if (allowed.includes(key)) continue;
    if (!sameValue(file, before.get(key), now.get(key), previous, j)) return false;
  }
  return true;
}

/** Calls `onRef` for every reference directly inside `value` (not following them). */
function collectRefs(value: PdfObject | undefined, onRef: (ref: PdfRef) => void, skipDss: boolean): void {
  if (value instanceof PdfRef) onRef(value);
  else if (Array.isArray(value)) for (const item of value) collectRefs(item, onRef, false);
  else if (value instanceof PdfDict) {
    for (const [key, item] of value.map) if (!(skipDss && key === 'DSS')) collectRefs(item, onRef, false);
  } else if (value instanceof PdfStream) collectRefs(value.dict, onRef, false);
}

/** Depth-first over references from `root` as of `revision`; `enter` says whether to go below a reference. */
function walkRefs(file: PdfFile, root: PdfObject | undefined, revision: number, enter: (ref: PdfRef) => boolean): void {
  const seen = new Set<number>();
  const stack: PdfObject[] = [];
  if (root !== undefined) stack.push(root);
  while (stack.length > 0 && seen.size < MAX_WALK) {
    const value = stack.pop()!;
    collectRefs(value, (ref) => {
      if (seen.has(ref.num)) return;
      seen.add(ref.num);
      if (!enter(ref)) return;
      try {
        const resolved = file.getObject(ref.num, revision)?.value;
        if (resolved !== undefined) stack.push(resolved);
      } catch {
        // unreadable objects are reported by the main walk
      }
    }, false);
  }
}
