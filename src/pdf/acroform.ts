/**
 * Interactive form fields (ISO 32000-1, 12.7.3): walks /AcroForm /Fields and /Kids to the terminal
 * fields with their fully qualified names, inherited /FT and widget annotations. Generic: it knows no
 * field names or roles. A node reached twice is a PdfFormatError (cycle-safe, no ambiguous trees).
 */
import { PdfFormatError } from '../errors';
import { PdfDict, PdfName, PdfObject, PdfRef, PdfString } from './objects';
import { PdfFile, Revision } from './parser';

export interface FormWidget {
  /** Undefined when the widget is a direct dictionary inside /Kids (malformed but readable). */
  ref?: PdfRef;
  dict: PdfDict;
  /** The widget's /P page reference, if it names one. */
  page?: PdfRef;
}

export interface FormField {
  /** Fully qualified name: the /T of the field and its ancestors joined by '.'. */
  name: string;
  ref?: PdfRef;
  dict: PdfDict;
  /** /FT, inherited from the nearest ancestor that has one (e.g. `Sig`, `Tx`, `Btn`). */
  type?: string;
  /** The field dictionary itself when it is merged with its widget, else its widget kids. */
  widgets: FormWidget[];
}

/** The /AcroForm dictionary as of `revision` (default: the latest), if the document has one. */
export function acroForm(file: PdfFile, revision?: number | Revision): PdfDict | undefined {
  return file.resolveDict(file.catalog(revision).get('AcroForm'), revision);
}

/**
 * Every field that has widgets or no child fields, in tree order. `used`, when given, collects every object
 * the walk read from the catalog's /AcroForm value down (`used` of PdfFile.resolve): a later revision that
 * keeps that value and redefines none of them has the same fields.
 */
export function listFields(file: PdfFile, revision?: number | Revision, used?: Set<number>): FormField[] {
  if (used !== undefined) return walkFields(file, revision, used);
  // A revision of a parsed file never changes (extendedTo makes a new PdfFile): signing asks for the
  // latest one's fields up to four times, the verifier for each revision's several times. The fields are
  // shared, the list is each caller's own.
  let byRevision = walkedFields.get(file);
  if (!byRevision) walkedFields.set(file, (byRevision = new Map()));
  const key = revision === undefined ? 'latest' : typeof revision === 'number' ? revision : revision.index;
  let fields = byRevision.get(key);
  if (!fields) byRevision.set(key, (fields = walkFields(file, revision, undefined)));
  return [...fields];
}

const walkedFields = new WeakMap<PdfFile, Map<number | 'latest', readonly FormField[]>>();

function walkFields(file: PdfFile, revision: number | Revision | undefined, used: Set<number> | undefined): FormField[] {
  const form = file.resolveDict(file.catalog(revision).get('AcroForm'), revision, used);
  if (!form) return [];
  const roots = file.resolveArray(form.get('Fields'), revision, used);
  if (!roots) return [];
  const walker = new FieldWalker(file, revision, used);
  for (const root of roots) walker.visit(root, '', undefined, 0);
  return walker.fields;
}

class FieldWalker {
  readonly fields: FormField[] = [];
  private readonly visited = new Set<string>();

  constructor(
    private readonly file: PdfFile,
    private readonly revision: number | Revision | undefined,
    private readonly used: Set<number> | undefined,
  ) {}

  visit(item: PdfObject, parentName: string, inheritedType: string | undefined, depth: number): void {
    if (depth > this.file.limits.maxDepth) {
      throw new PdfFormatError(`the form field tree is deeper than ${this.file.limits.maxDepth} levels`, { code: 'ERR_PDF_LIMIT_EXCEEDED' });
    }
    const ref = item instanceof PdfRef ? item : undefined;
    this.markVisited(ref);
    const dict = this.file.resolveDict(item, this.revision, this.used);
    if (!dict) throw new PdfFormatError(`form field ${ref ? ref.toString() : `under '${parentName}'`} is not a dictionary`);
    const partial = this.partialName(dict, ref);
    const name = partial === undefined ? parentName : parentName ? `${parentName}.${partial}` : partial;
    const ownType = this.file.resolve(dict.get('FT'), this.revision, this.used);
    const type = ownType instanceof PdfName ? ownType.value : inheritedType;

    const widgets: FormWidget[] = [];
    if (dict.getName('Subtype') === 'Widget') widgets.push(this.widget(dict, ref));
    let hasChildFields = false;
    for (const kid of this.file.resolveArray(dict.get('Kids'), this.revision, this.used) ?? []) {
      const kidDict = this.file.resolveDict(kid, this.revision, this.used);
      if (!kidDict) throw new PdfFormatError(`a kid of form field '${name}' is not a dictionary`);
      // 12.7.3.1: a kid without /T (and without kids of its own) is a widget of this field.
      if (kidDict.has('T') || kidDict.has('Kids')) {
        hasChildFields = true;
        this.visit(kid, name, type, depth + 1);
      } else {
        const kidRef = kid instanceof PdfRef ? kid : undefined;
        this.markVisited(kidRef);
        widgets.push(this.widget(kidDict, kidRef));
      }
    }
    if (widgets.length > 0 || !hasChildFields) {
      const field: FormField = { name, dict, widgets };
      if (ref) field.ref = ref;
      if (type !== undefined) field.type = type;
      this.fields.push(field);
    }
  }

  private markVisited(ref: PdfRef | undefined): void {
    if (!ref) return;
    if (this.visited.has(ref.key)) throw new PdfFormatError(`form field or widget ${ref.toString()} is reached twice (a cycle or a shared node)`);
    this.visited.add(ref.key);
  }

  private partialName(dict: PdfDict, ref: PdfRef | undefined): string | undefined {
    const value = this.file.resolve(dict.get('T'), this.revision, this.used);
    if (value === undefined) return undefined;
    if (!(value instanceof PdfString)) {
      throw new PdfFormatError(`form field ${ref ? ref.toString() : ''} has a /T that is not a string`);
    }
    return value.toText();
  }

  private widget(dict: PdfDict, ref: PdfRef | undefined): FormWidget {
    const widget: FormWidget = { dict };
    if (ref) widget.ref = ref;
    const page = dict.get('P');
    if (page instanceof PdfRef) widget.page = page;
    return widget;
  }
}
