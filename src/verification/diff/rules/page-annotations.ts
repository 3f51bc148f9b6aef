/**
 * Rule: a page's /Annots (ISO 32000-1 12.5.2). A page may change only by its /Annots growing: the old
 * annotations in their order, then widgets of signature fields the signature rule admitted or markup
 * annotations the annotation rule clears. Any other change of a page (its /Contents, /Resources,
 * /MediaBox …) is refused here, with the page's number.
 */
import { PdfDict, PdfRef } from '../../../pdf/objects';
import type { DiffRule, RuleContext } from '../rules-api';
import { changedKeys, onlyKeysChanged, sameValue } from '../same-value';
import { annotationRule } from './annotations';

export const pageAnnotationsRule: DiffRule = { name: 'page-annotations', apply };

function apply(context: RuleContext): void {
  const { file, previous, current, changed, pagesNow } = context;
  for (const pageRef of pagesNow.pageRefs) {
    const page = pagesNow.pageOf.get(pageRef.num);
    const pageNow = file.resolveDict(pageRef, current);
    const annotsRef = pageNow?.get('Annots');
    const pageChanged = changed.has(pageRef.num);
    const annotsChanged = annotsRef instanceof PdfRef && changed.has(annotsRef.num);
    if (!pageNow || (!pageChanged && !annotsChanged)) continue;
    const pageBefore = file.resolveDict(pageRef, previous);
    if (!pageBefore) continue;
    if (pageChanged && !onlyKeysChanged(file, pageBefore, pageNow, previous, current, ['Annots'])) {
      context.illegal(pageRef.num, 'Page', `the page changed other than by new annotations: ${changedEntries(context, pageBefore, pageNow)}`, page);
      context.clear(pageRef.num);
      continue;
    }
    const oldAnnots = file.resolveArray(pageBefore.get('Annots'), previous) ?? [];
    const newAnnots = file.resolveArray(annotsRef, current) ?? [];
    const prefix = oldAnnots.every((item, i) => sameValue(file, item, newAnnots[i], previous, current));
    const added = newAnnots.slice(oldAnnots.length);
    const admitted = (item: unknown): boolean => item instanceof PdfRef && (context.admittedWidgets.has(item.num) || context.admittedFields.has(item.num));
    const bad = added.filter((item) => !admitted(item) && !annotationRule(context, item, page));
    if (pageChanged) context.clear(pageRef.num);
    if (annotsChanged) context.clear(annotsRef.num);
    if (!prefix || bad.length > 0) {
      const kinds = bad.map((item) => file.resolveDict(item, current)?.getName('Subtype') ?? 'object').join(', ');
      context.illegal(pageRef.num, 'Page', prefix ? `annotations added to the page: ${kinds}` : 'the page\'s annotations were replaced or reordered', page);
      for (const item of bad) if (item instanceof PdfRef) context.clear(item.num); // reported with the page
    }
  }
}

function changedEntries(context: RuleContext, before: PdfDict, now: PdfDict): string {
  return changedKeys(context.file, before, now, context.previous, context.current)
    .filter((key) => key !== 'Annots').map((key) => `/${key}`).join(', ');
}
