/**
 * Rule: form filling (ISO 32000-1 12.7.4.3 text fields, 12.7.4.4 choice fields), FORM_FILLING, which
 * DocMDP P=2 and P=3 and documents without a certification permit. A text or choice field whose /V
 * changed may have its own widgets' appearance streams regenerated, with the fonts those appearances use
 * (new objects below the new /AP). Refused, as pyHanko does: an appearance that changed while the value
 * did not (it shows something other than the field's value), a widget whose /Rect changed (moved over page
 * content; an appearance cannot paint outside its widget's /Rect, 12.5.5 maps the /BBox onto it, so a
 * fixed /Rect bounds what the fill may cover), and an appearance object rewritten in place that is also
 * page content (its new look would show in the page). On our own documents no form field is filled.
 */
import { PdfDict, PdfRef, type PdfObject } from '../../../pdf/objects';
import type { FormField } from '../../../pdf/acroform';
import { walkRefs } from '../object-graph';
import { levelAllowed, type DiffRule, type RuleContext } from '../rules-api';
import { changedKeys, sameValue } from '../same-value';

const FILLABLE = new Set(['Tx', 'Ch']);
const FIELD_KEYS = ['V', 'DA', 'I', 'AP'];
const WIDGET_KEYS = ['AP', 'DA'];

export const formFieldRule: DiffRule = { name: 'form-fields', apply };

function apply(context: RuleContext): void {
  const before = new Map<number, FormField>();
  for (const field of context.fieldsBefore) if (field.ref && field.type && FILLABLE.has(field.type)) before.set(field.ref.num, field);
  let pageContent: Set<number> | undefined;
  const sharedWithPages = (num: number): boolean => (pageContent ??= pageContentObjects(context)).has(num);
  for (const field of context.fieldsNow) {
    const previous = field.ref && before.get(field.ref.num);
    if (!previous || !touched(context, field)) continue;
    const page = widgetPage(context, field);
    const problem = judge(context, previous, field, sharedWithPages);
    if (problem) {
      context.illegal(field.ref!.num, 'form field', `field "${field.name}": ${problem}`, page);
      context.clear(field.ref!.num);
      continue;
    }
    context.valueChanged({ field: field.name, objectNumber: field.ref!.num, page });
    context.note('FORM_FILLING', `form field "${field.name}" filled`, page);
  }
}

function judge(context: RuleContext, before: FormField, field: FormField, sharedWithPages: (num: number) => boolean): string | undefined {
  const { file, previous, current } = context;
  if (context.profile === 'justera') return 'on our own documents only the signature fields may be filled';
  if (!levelAllowed('FORM_FILLING', context.mdp)) return 'the certification (DocMDP P=1) forbids form filling';
  const valueBefore = file.resolve(before.dict.get('V'), previous);
  const valueNow = file.resolve(field.dict.get('V'), current);
  const valueChanged = !sameValue(file, valueBefore ?? null, valueNow ?? null, previous, current);
  const fieldKeys = changedKeys(file, before.dict, field.dict, previous, current);
  // A merged field and widget: its /Rect is judged with the widget below.
  const merged = field.widgets.some((widget) => widget.ref !== undefined && widget.ref.equals(field.ref!));
  const otherKey = fieldKeys.find((key) => !FIELD_KEYS.includes(key) && !(merged && key === 'Rect'));
  if (otherKey) return `/${otherKey} changed, which filling a field does not change`;
  const valueRef = field.dict.get('V');
  if (valueRef instanceof PdfRef && context.changed.has(valueRef.num)) context.clear(valueRef.num);
  for (const widget of field.widgets) {
    const widgetBefore = widget.ref ? file.resolveDict(widget.ref, previous) : before.dict;
    if (!widgetBefore) return 'a widget was added to the field';
    const keys = changedKeys(file, widgetBefore, widget.dict, previous, current);
    if (keys.includes('Rect')) return 'the widget\'s /Rect changed (an appearance moved over page content)';
    const isField = widget.ref !== undefined && widget.ref.equals(field.ref!);
    const extra = keys.find((key) => !WIDGET_KEYS.includes(key) && !(isField && FIELD_KEYS.includes(key)));
    if (extra) return `the widget's /${extra} changed`;
    const appearance = widget.dict.get('AP');
    const rewritten = changedBelow(context, appearance);
    if ((keys.includes('AP') || rewritten.length > 0) && !valueChanged) return 'its appearance changed although its value did not';
    const shared = rewritten.find(sharedWithPages);
    if (shared !== undefined) return `appearance object ${shared} is also page content`;
    for (const num of rewritten) context.clear(num);
    if (widget.ref && context.changed.has(widget.ref.num)) context.clear(widget.ref.num);
  }
  if (field.ref && context.changed.has(field.ref.num)) context.clear(field.ref.num);
  return valueChanged ? undefined : 'changed without a new value';
}

/** Whether the field, one of its widgets or something below their appearances changed in this revision. */
function touched(context: RuleContext, field: FormField): boolean {
  if (field.ref && context.changed.has(field.ref.num)) return true;
  return field.widgets.some((widget) => (widget.ref !== undefined && context.changed.has(widget.ref.num)) || changedBelow(context, widget.dict.get('AP')).length > 0);
}

/** Changed objects (new or rewritten) reachable from `root` through changed objects only. */
function changedBelow(context: RuleContext, root: PdfObject | undefined): number[] {
  const found: number[] = [];
  walkRefs(context.file, root, context.current, (ref) => {
    if (!context.changed.has(ref.num)) return false;
    found.push(ref.num);
    return true;
  });
  return found;
}

function widgetPage(context: RuleContext, field: FormField): number | undefined {
  for (const widget of field.widgets) {
    const page = (widget.ref && context.pagesNow.annotationPage.get(widget.ref.num)) || (widget.page && context.pagesNow.pageOf.get(widget.page.num));
    if (page) return page;
  }
  return undefined;
}

/**
 * Objects a page paints: its /Contents and whatever its /Resources reach, as of this revision. Computed
 * only when an appearance object was rewritten in place, so an ordinary fill costs nothing extra.
 */
function pageContentObjects(context: RuleContext): Set<number> {
  const objects = new Set<number>();
  for (const pageRef of context.pagesNow.pageRefs) {
    const page = context.file.resolveDict(pageRef, context.current);
    if (!(page instanceof PdfDict)) continue;
    for (const key of ['Contents', 'Resources']) {
      walkRefs(context.file, page.get(key), context.current, (ref) => {
        if (objects.has(ref.num)) return false;
        objects.add(ref.num);
        return true;
      });
    }
  }
  return objects;
}
