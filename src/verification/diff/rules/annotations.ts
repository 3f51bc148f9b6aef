/**
 * Rule: markup annotations added to a page (ISO 32000-1 12.5.6: comments, highlights, ink, stamps …) with
 * their appearance streams and pop-ups: ANNOTATIONS, which DocMDP P=3 and documents without a
 * certification permit. Widgets are not markup (form fields have rules of their own), nor are links,
 * whose actions a reader follows; on our own documents no annotation may be added.
 */
import { PdfRef } from '../../../pdf/objects';
import { levelAllowed, type RuleContext } from '../rules-api';

const MARKUP = new Set([
  'Text', 'FreeText', 'Line', 'Square', 'Circle', 'Polygon', 'PolyLine', 'Highlight', 'Underline', 'Squiggly',
  'StrikeOut', 'Stamp', 'Caret', 'Ink', 'Popup',
]);

/** True when `item`, a new entry of a page's /Annots, is a markup annotation this document permits (then cleared). */
export function annotationRule(context: RuleContext, item: unknown, page: number | undefined): boolean {
  if (context.profile !== 'general' || !levelAllowed('ANNOTATIONS', context.mdp)) return false;
  if (!(item instanceof PdfRef) || !context.isNew(item)) return false;
  const annotation = context.file.resolveDict(item, context.current);
  const subtype = annotation?.getName('Subtype');
  if (!annotation || !subtype || !MARKUP.has(subtype) || annotation.has('A') || annotation.has('AA')) return false;
  context.clearNewSubtree(item);
  context.clear(item.num);
  context.note('ANNOTATIONS', `annotation /${subtype} added`, page);
  return true;
}
