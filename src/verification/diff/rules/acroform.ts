/**
 * Rule: the /AcroForm dictionary (ISO 32000-1 12.7.2). /SigFlags may change with signing; /Fields may only
 * grow by the fields the signature rule admitted (an AcroForm may be created for them, as Acrobat does
 * when signing a PDF without a form). With form filling (FORM_FILLING, not on our own documents): fonts
 * added to /DR (existing ones unchanged), /DA changed, /NeedAppearances set or dropped. Anything else
 * (/XFA, /CO calculation order, a removed form, a reordered /Fields) is refused.
 */
import { PdfDict, PdfRef, type PdfObject } from '../../../pdf/objects';
import { levelAllowed, type DiffRule, type RuleContext } from '../rules-api';
import { sameValue } from '../same-value';

export const acroFormRule: DiffRule = { name: 'acroform', apply };

function apply(context: RuleContext): void {
  const { file, previous, current, changed } = context;
  const entryBefore = context.catalogBefore.get('AcroForm');
  const entryNow = context.catalogNow.get('AcroForm');
  const before = file.resolveDict(entryBefore, previous);
  const now = file.resolveDict(entryNow, current);
  const objectChanged = entryNow instanceof PdfRef && changed.has(entryNow.num);
  if (!objectChanged && sameValue(file, entryBefore, entryNow, previous, current) && !fieldsArrayChanged(context, now)) return;
  const objectNumber = entryNow instanceof PdfRef ? entryNow.num : undefined;
  const problem = judge(context, before, now);
  if (problem) {
    context.illegal(objectNumber, 'AcroForm', problem);
    return;
  }
  if (objectNumber !== undefined && changed.has(objectNumber)) context.clear(objectNumber);
}

function fieldsArrayChanged(context: RuleContext, now: PdfDict | undefined): boolean {
  const fields = now?.get('Fields');
  return fields instanceof PdfRef && context.changed.has(fields.num);
}

function judge(context: RuleContext, before: PdfDict | undefined, now: PdfDict | undefined): string | undefined {
  const { file, previous, current } = context;
  if (!now) return 'the AcroForm was removed';
  const old = before ?? new PdfDict();
  for (const key of new Set([...old.keys(), ...now.keys()])) {
    if (key === 'SigFlags') continue;
    const a = old.get(key);
    const b = now.get(key);
    if (key === 'Fields') {
      const problem = fieldsRule(context, a, b);
      if (problem) return problem;
      continue;
    }
    if (sameValue(file, a, b, previous, current)) continue;
    if (key !== 'DR' && key !== 'DA' && key !== 'NeedAppearances') return `/AcroForm /${key} changed`;
    if (context.profile === 'justera') return `/AcroForm /${key} changed, which our workflow never writes`;
    if (!levelAllowed('FORM_FILLING', context.mdp)) return `/AcroForm /${key} changed, which the certification (DocMDP P=1) forbids`;
    if (key === 'DR') {
      const added = resourcesRule(context, a, b);
      if (typeof added !== 'object') return added;
      if (added.length > 0) context.note('FORM_FILLING', `/AcroForm /DR fonts added: ${added.map((font) => `/${font}`).join(', ')}`);
    } else if (key === 'DA') {
      context.note('FORM_FILLING', '/AcroForm /DA changed');
    } else {
      context.note('FORM_FILLING', b === true ? '/AcroForm /NeedAppearances set' : '/AcroForm /NeedAppearances dropped');
    }
  }
  return undefined;
}

/** /Fields: the old fields in their order, then only admitted new fields. */
function fieldsRule(context: RuleContext, a: PdfObject | undefined, b: PdfObject | undefined): string | undefined {
  const { file, previous, current } = context;
  const oldFields = file.resolveArray(a, previous) ?? [];
  const newFields = file.resolveArray(b, current) ?? [];
  const prefix = oldFields.every((item, i) => sameValue(file, item, newFields[i], previous, current));
  const appended = newFields.slice(oldFields.length);
  if (!prefix || !appended.every((item) => item instanceof PdfRef && context.admittedFields.has(item.num))) return '/AcroForm /Fields changed other than by a new signature field';
  if (b instanceof PdfRef && context.changed.has(b.num)) context.clear(b.num);
  return undefined;
}

/** /DR: only /Font may change, and only by new entries; returns the new font names or why not. */
function resourcesRule(context: RuleContext, a: PdfObject | undefined, b: PdfObject | undefined): string[] | string {
  const { file, previous, current } = context;
  const before = file.resolveDict(a, previous) ?? new PdfDict();
  const now = file.resolveDict(b, current);
  if (!now) return '/AcroForm /DR was removed';
  for (const key of new Set([...before.keys(), ...now.keys()])) {
    if (key !== 'Font' && !sameValue(file, before.get(key), now.get(key), previous, current)) return `/AcroForm /DR /${key} changed`;
  }
  const fontsBefore = file.resolveDict(before.get('Font'), previous) ?? new PdfDict();
  const fontsNow = file.resolveDict(now.get('Font'), current) ?? new PdfDict();
  const added: string[] = [];
  for (const key of new Set([...fontsBefore.keys(), ...fontsNow.keys()])) {
    const font = fontsNow.get(key);
    if (fontsBefore.has(key)) {
      if (!sameValue(file, fontsBefore.get(key), font, previous, current)) return `/AcroForm /DR font /${key} changed`;
      continue;
    }
    added.push(key);
    context.clearNewSubtree(font);
  }
  for (const entry of [b, now.get('Font')]) if (entry instanceof PdfRef && context.changed.has(entry.num)) context.clear(entry.num);
  return added;
}
