/**
 * Rule: signing (ISO 32000-1 12.7.4.5, 12.8). Filling a pre-laid empty signature field: only the field's
 * /V (a new signature dictionary), its widget's appearance and flags change. Creating a new signature or
 * document-timestamp field while signing, as Acrobat, iText and PDFBox do: a new field with a new
 * signature dictionary, its widget admitted to a page's /Annots and the field to /AcroForm /Fields (the
 * AcroForm and page rules let them in). Under a certification a new field must be invisible (a visible
 * one paints over certified content) and under DocMDP P=1 only document timestamps may be added.
 * In our own documents (the justera profile) signing a visible field also rewrites the field's /TU, the
 * description a screen reader gives (PDF/UA-1 7.18.1), to name the signer; that change alone is cleared,
 * and only when the new /TU names the signer as the new signature dictionary does. Any other PDF is
 * judged as the standard does: /TU is no part of filling in a field (ISO 32000-1 12.8.2.2.2), so a change
 * of it stays for the default deny, as in pyHanko's difference analysis.
 */
import { PdfDict, PdfRef, PdfString } from '../../../pdf/objects';
import { signatureFields, type PageIndex, type SignatureField } from '../../facts/document-structure';
import type { DiffRule, RuleContext } from '../rules-api';
import { onlyKeysChanged } from '../same-value';

const NO_PAGES: PageIndex = { pageOf: new Map(), annotationPage: new Map(), pageRefs: [] };

export const signatureFieldRule: DiffRule = { name: 'signature-fields', apply };

function apply(context: RuleContext): void {
  const { file, previous, current, changed } = context;
  const fieldsBefore = new Map<number, SignatureField>();
  for (const field of signatureFields(file, previous, NO_PAGES, context.fieldsBefore)) if (field.ref) fieldsBefore.set(field.ref.num, field);
  for (const field of signatureFields(file, current, context.pagesNow, context.fieldsNow)) {
    if (!field.ref || !changed.has(field.ref.num)) continue;
    const before = fieldsBefore.get(field.ref.num);
    const problem = before ? fill(context, before, field) : create(context, field);
    if (problem) {
      context.illegal(field.ref.num, 'signature field', `signature field "${field.name}": ${problem}`, field.page);
      context.clear(field.ref.num);
    }
  }
}

function signatureOf(context: RuleContext, field: SignatureField): { ref: PdfRef; dict: PdfDict; timestamp: boolean } | undefined {
  if (!context.isNew(field.value)) return undefined;
  const dict = context.file.resolveDict(field.value, context.current);
  return dict ? { ref: field.value, dict, timestamp: dict.getName('Type') === 'DocTimeStamp' } : undefined;
}

/** A signature or document-timestamp field that did not exist before. */
function create(context: RuleContext, field: SignatureField): string | undefined {
  const signature = signatureOf(context, field);
  if (!context.isNew(field.ref) || !signature) return 'a field added without a new signature in it';
  if (context.mdp !== undefined && !field.invisible) return 'a visible signature field was added to a certified document';
  if (context.mdp === 1 && !signature.timestamp) return 'the certification (DocMDP P=1) permits only document timestamps';
  context.clear(field.ref.num);
  context.clear(signature.ref.num);
  context.admittedFields.add(field.ref.num);
  for (const widget of field.widgetRefs) {
    if (!context.isNew(widget)) continue;
    context.admittedWidgets.add(widget.num);
    context.clearNewSubtree(widget);
  }
  context.clearNewSubtree(field.dict.get('AP'));
  context.added(signature.timestamp ? 'document-timestamp' : 'signature-field');
  return undefined;
}

/** A pre-laid signature field signed: only /V, the widget's look and its flags change. */
function fill(context: RuleContext, before: SignatureField, field: SignatureField): string | undefined {
  const { file, previous, current, changed } = context;
  if (before.value !== undefined && before.value !== null) return 'the field was already signed and its signature was changed';
  const signature = signatureOf(context, field);
  if (!signature) return 'the field changed without a new signature in it';
  if (context.mdp === 1 && !signature.timestamp) return 'the certification (DocMDP P=1) permits only document timestamps';
  const allowed = describesSigner(context, before.dict, field.dict, signature.dict) ? ['V', 'AP', 'F', 'TU'] : ['V', 'AP', 'F'];
  if (!onlyKeysChanged(file, before.dict, field.dict, previous, current, allowed)) return 'entries other than /V, /AP and /F changed';
  context.clear(field.ref!.num);
  context.clear(signature.ref.num);
  context.clearNewSubtree(field.dict.get('AP'));
  for (const widget of field.widgetRefs) {
    if (widget.num === field.ref!.num || !changed.has(widget.num)) continue;
    const widgetBefore = file.resolveDict(widget, previous);
    const widgetNow = file.resolveDict(widget, current);
    if (widgetBefore && widgetNow && onlyKeysChanged(file, widgetBefore, widgetNow, previous, current, ['AP', 'F'])) {
      context.clear(widget.num);
      context.clearNewSubtree(widgetNow.get('AP'));
    }
  }
  context.valueChanged({ field: field.name, objectNumber: field.ref!.num, page: field.page });
  context.added(signature.timestamp ? 'document-timestamp' : 'signature');
  return undefined;
}

/**
 * Our signing's rewrite of a field's /TU: only in the justera profile, only for a field that had a /TU
 * (our tagged documents), and only to a text that names the signer as the signature's /Name does.
 */
function describesSigner(context: RuleContext, before: PdfDict, now: PdfDict, signature: PdfDict): boolean {
  if (context.profile !== 'justera') return false;
  const { file, previous, current } = context;
  const old = file.resolve(before.get('TU'), previous);
  const description = file.resolve(now.get('TU'), current);
  const signer = file.resolve(signature.get('Name'), current);
  if (!(old instanceof PdfString) || !(description instanceof PdfString) || !(signer instanceof PdfString)) return false;
  const name = signer.toText();
  return name.trim() !== '' && description.toText().includes(name);
}
