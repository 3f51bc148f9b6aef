/**
 * The signing side's checks on /AcroForm (ISO 32000-1, 12.7.3): find the field to sign, refuse a
 * request that cannot be carried out before anything is written, and set /SigFlags where the /AcroForm
 * lives (it may be an indirect object). The tree walk itself is the byte level's (listFields).
 */
import { SigningError } from '../errors';
import { acroForm, listFields, type FormField, type FormWidget } from '../pdf/acroform';
import type { IncrementalUpdate } from '../pdf/incremental-writer';
import { PdfDict, PdfRef } from '../pdf/objects';
import type { PdfFile } from '../pdf/parser';

export interface SignatureField {
  name: string;
  ref: PdfRef;
  dict: PdfDict;
  /** The widget carrying the appearance: the field itself when merged, else its first widget. */
  widget: FormWidget & { ref: PdfRef };
}

/** The unsigned signature field `name`, or a SigningError that tells the user what to do instead. */
export function requireEmptySignatureField(file: PdfFile, name: string, ourFields: readonly string[]): SignatureField {
  const signatureFields = listFields(file).filter((field) => field.type === 'Sig');
  if (!signatureFields.some((field) => ourFields.includes(field.name))) {
    throw new SigningError('ERR_NO_SIGNATURE_FIELDS', `This PDF has none of Justera's signature fields (${ourFields.join(', ')}); assemble it with \`justera assemble\` first`, {
      field: 'field',
    });
  }
  const field = signatureFields.find((candidate) => candidate.name === name);
  if (!field) {
    const list = (signed: boolean) => signatureFields.filter((candidate) => isSigned(file, candidate) === signed).map((candidate) => candidate.name).join(', ') || 'none';
    throw new SigningError('ERR_FIELD_NOT_FOUND', `No signature field "${name}" in this PDF; unsigned: ${list(false)}; already signed: ${list(true)}`, {
      field: 'field',
    });
  }
  if (isSigned(file, field)) {
    throw new SigningError('ERR_FIELD_ALREADY_SIGNED', `The field "${name}" is already signed; a signed field cannot be signed again`, { field: 'field' });
  }
  const widget = field.widgets[0];
  if (!field.ref || !widget?.ref) {
    throw new SigningError('ERR_PDF_UNSUPPORTED', `The field "${name}" or its widget is not an indirect object, so it cannot be updated incrementally`, {
      field: 'field',
    });
  }
  return { name: field.name, ref: field.ref, dict: field.dict, widget: { ...widget, ref: widget.ref } };
}

export function isSigned(file: PdfFile, field: FormField): boolean {
  const value = file.resolve(field.dict.get('V'));
  return value !== undefined && value !== null;
}

/** ISO 32000-1, Table 219: SignaturesExist (1) and AppendOnly (2). True when it changed `catalog` itself (a direct /AcroForm). */
export function setSigFlags(file: PdfFile, update: IncrementalUpdate, catalog: PdfDict): boolean {
  const form = acroForm(file);
  if (!form || form.getNumber('SigFlags') === 3) return false;
  const updated = form.clone().set('SigFlags', 3);
  const entry = file.catalog().get('AcroForm');
  if (entry instanceof PdfRef) {
    update.set(entry, updated);
    return false;
  }
  catalog.set('AcroForm', updated);
  return true;
}

/**
 * Refuses an approval signature in a document certified with DocMDP P=1 (ISO 32000-1, Table 254: no changes
 * permitted), where it would break the certification. P=2 (our seal) and P=3 allow signing.
 */
export function requireSigningPermitted(file: PdfFile): void {
  const certification = file.resolveDict(file.resolveDict(file.catalog().get('Perms'))?.get('DocMDP'));
  const references = file.resolveArray(certification?.get('Reference')) ?? [];
  for (const reference of references) {
    const dictionary = file.resolveDict(reference);
    if (dictionary?.getName('TransformMethod') !== 'DocMDP') continue;
    const permission = file.resolveDict(dictionary.get('TransformParams'))?.getNumber('P') ?? 2;
    if (permission === 1) {
      throw new SigningError('ERR_SIGNATURE_NOT_PERMITTED', 'The document is certified with DocMDP P=1 (no changes allowed); another signature would break its certification');
    }
  }
}
