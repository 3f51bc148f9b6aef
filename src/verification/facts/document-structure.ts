/**
 * What the verifier needs from a revision of a parsed PDF, on top of the byte level's page and field
 * walks (src/pdf/pages.ts, acroform.ts, both cycle-safe and strict): the page of each annotation, and
 * every signature field with its value, widgets, page, visibility and /Lock.
 */
import { listFields, type FormField } from '../../pdf/acroform';
import { PdfRef, type PdfDict, type PdfObject } from '../../pdf/objects';
import { listPages } from '../../pdf/pages';
import type { PdfFile } from '../../pdf/parser';
import { keptOrMade } from '../../asn1/der-cache';

export interface SignatureField {
  name: string;
  /** The terminal field dictionary's object (undefined when it is a direct object). */
  ref?: PdfRef;
  dict: PdfDict;
  /** /V as written (a reference to the signature dictionary, normally). */
  value?: PdfObject;
  widgetRefs: PdfRef[];
  /** 1-based page of the first widget, when it is on a page. */
  page?: number;
  /** True when the widget has a zero-size rectangle or the hidden/no-view flags. */
  invisible: boolean;
  lock?: PdfDict;
}

/** The pages of a revision in order: object number → 1-based page number, and annotation object → page. */
export interface PageIndex {
  pageOf: Map<number, number>;
  annotationPage: Map<number, number>;
  pageRefs: PdfRef[];
}

export function indexPages(file: PdfFile, revision: number): PageIndex {
  const index: PageIndex = { pageOf: new Map(), annotationPage: new Map(), pageRefs: listPages(file, revision) };
  index.pageRefs.forEach((ref, i) => {
    index.pageOf.set(ref.num, i + 1);
    for (const annotation of file.resolveArray(file.resolveDict(ref, revision)?.get('Annots'), revision) ?? []) {
      if (annotation instanceof PdfRef && !index.annotationPage.has(annotation.num)) index.annotationPage.set(annotation.num, i + 1);
    }
  });
  return index;
}

export function fieldFlags(file: PdfFile, dict: PdfDict, revision: number): number {
  const flags = file.resolve(dict.get('F'), revision);
  return typeof flags === 'number' ? flags : 0;
}

function isInvisible(file: PdfFile, widget: PdfDict, revision: number): boolean {
  const flags = fieldFlags(file, widget, revision);
  // 12.5.3: bit 2 Hidden, bit 6 NoView.
  if ((flags & 0x02) !== 0 || (flags & 0x20) !== 0) return true;
  const rect = file.resolveArray(widget.get('Rect'), revision);
  if (!rect || rect.length !== 4) return true;
  const [x1, y1, x2, y2] = rect.map((value) => file.resolve(value, revision));
  if (![x1, y1, x2, y2].every((value) => typeof value === 'number')) return true;
  return Math.abs((x2 as number) - (x1 as number)) < 1e-6 || Math.abs((y2 as number) - (y1 as number)) < 1e-6;
}

/** Every terminal field of /FT /Sig in the AcroForm of a revision (of `fields` when the caller listed them already). */
export function signatureFields(file: PdfFile, revision: number, pages: PageIndex, fields: readonly FormField[] = listFields(file, revision)): SignatureField[] {
  return fields
    .filter((field) => field.type === 'Sig')
    .map((field) => {
      const widgetRefs = field.widgets.flatMap((widget) => (widget.ref ? [widget.ref] : []));
      let page: number | undefined;
      for (const widget of field.widgets) {
        page ??= (widget.ref && pages.annotationPage.get(widget.ref.num)) || (widget.page && pages.pageOf.get(widget.page.num)) || undefined;
      }
      return { name: field.name, ref: field.ref, dict: field.dict, value: field.dict.get('V'), widgetRefs, page, ...lookAndLock(file, field, revision) };
    });
}

/**
 * Visibility and /Lock of a field as of a revision, by the field object listFields shares per revision: the
 * change analysis reads each revision's as the revision analysed and again as the one before the next.
 * A read that throws is not remembered, so it throws again wherever it did.
 */
const LOOK_AND_LOCK = new WeakMap<FormField, Map<number, Pick<SignatureField, 'invisible' | 'lock'>>>();

function lookAndLock(file: PdfFile, field: FormField, revision: number): Pick<SignatureField, 'invisible' | 'lock'> {
  return keptOrMade(keptOrMade(LOOK_AND_LOCK, field, () => new Map()), revision, () => {
    const firstWidget = field.widgets[0]?.dict;
    const invisible = firstWidget ? isInvisible(file, firstWidget, revision) : true;
    return { invisible, lock: file.resolveDict(field.dict.get('Lock'), revision) };
  });
}
