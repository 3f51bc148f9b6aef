/**
 * What a protocol PDF made elsewhere holds that matters before we add our page to it: signatures (we
 * refuse: they would break), JavaScript and embedded files (removed, and said so), and whether it can
 * stay PDF/A (declared PDF/A, fonts embedded, an RGB output intent or none) and what PDF/UA it claims. Works on pdf-lib's object
 * graph of the loaded file; knows nothing of extracts or roles.
 */
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  PDFHexString,
  decodePDFRawStream,
  type PDFContext,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib';
import { declaredConformance } from '../pdf/xmp';

const name = (value: string): PDFName => PDFName.of(value);

export function resolve(context: PDFContext, value: PDFObject | undefined): PDFObject | undefined {
  return value instanceof PDFRef ? context.lookup(value) : value;
}

export function dictOf(context: PDFContext, value: PDFObject | undefined): PDFDict | undefined {
  const resolved = resolve(context, value);
  if (resolved instanceof PDFDict) return resolved;
  if (resolved instanceof PDFStream) return resolved.dict;
  return undefined;
}

function nameValue(dict: PDFDict, key: string): string | undefined {
  const value = dict.get(name(key));
  return value instanceof PDFName ? value.decodeText() : undefined;
}

export function textValue(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

/** Every dictionary of the file: each indirect object's, and the direct ones nested in them. */
export function allDicts(context: PDFContext): PDFDict[] {
  const found: PDFDict[] = [];
  const visit = (value: PDFObject): void => {
    const dict = value instanceof PDFStream ? value.dict : value;
    if (dict instanceof PDFDict) {
      found.push(dict);
      for (const [, item] of dict.entries()) if (!(item instanceof PDFRef)) visit(item);
    } else if (dict instanceof PDFArray) {
      for (const item of dict.asArray()) if (!(item instanceof PDFRef)) visit(item);
    }
  };
  for (const [, object] of context.enumerateIndirectObjects()) visit(object);
  return found;
}

/** Why the file counts as signed: a signature dictionary, a filled signature field, usage rights. */
export function signatureEvidence(pdf: PDFDocument): string | undefined {
  const { context } = pdf;
  if (pdf.catalog.has(name('Perms'))) return 'its catalog carries /Perms (a certification or usage-rights signature)';
  for (const dict of allDicts(context)) {
    const type = nameValue(dict, 'Type');
    if (type === 'Sig' || type === 'DocTimeStamp' || dict.has(name('ByteRange'))) return 'it holds a signature dictionary (/ByteRange)';
    if (nameValue(dict, 'FT') === 'Sig' && dict.has(name('V'))) {
      return `its signature field "${textValue(dict.get(name('T'))) ?? '?'}" is filled`;
    }
  }
  return undefined;
}

/** An action that runs JavaScript: /S /JavaScript, or any action carrying /JS (a rendition action may). */
function isScript(dict: PDFDict): boolean {
  return nameValue(dict, 'S') === 'JavaScript' || dict.has(name('JS'));
}

/** A file specification with the file itself in it (/EF), or the embedded file stream. */
function isEmbeddedFile(dict: PDFDict): boolean {
  return dict.has(name('EF')) || nameValue(dict, 'Type') === 'EmbeddedFile' || nameValue(dict, 'Subtype') === 'FileAttachment';
}

export interface Stripped {
  /** How many JavaScript actions. */
  scripts: number;
  /** The embedded files' names (/UF or /F of their file specifications), or "unnamed". */
  files: string[];
}

/**
 * Removes every reference to JavaScript and to embedded files (catalog name trees, open action,
 * additional actions, link actions, file attachment annotations, /AF): they do not belong in an archived
 * protocol (PDF/A-2 6.6.1, 6.8) and a signature would seal them. The objects themselves go with
 * `dropUnreachable`. Answers what was removed.
 */
export function stripActiveContent(pdf: PDFDocument): Stripped {
  const { context } = pdf;
  // Keyed by the dictionary: an action or a file reached from two places is one.
  const scripts = new Set<PDFDict>();
  const files = new Map<PDFDict, string>();
  const note = (dict: PDFDict): void => {
    if (isScript(dict)) {
      scripts.add(dict);
    } else if (nameValue(dict, 'Type') !== 'EmbeddedFile') {
      // The file specification names the file; an attachment annotation points to one.
      const spec = nameValue(dict, 'Subtype') === 'FileAttachment' ? dictOf(context, dict.get(name('FS'))) ?? dict : dict;
      files.set(spec, textValue(spec.get(name('UF'))) ?? textValue(spec.get(name('F'))) ?? 'unnamed');
    }
  };
  const unwanted = (value: PDFObject | undefined): PDFDict | undefined => {
    const dict = dictOf(context, value);
    return dict && (isScript(dict) || isEmbeddedFile(dict)) ? dict : undefined;
  };

  const names = dictOf(context, pdf.catalog.get(name('Names')));
  for (const key of ['JavaScript', 'EmbeddedFiles']) {
    const tree = dictOf(context, names?.get(name(key)));
    if (!tree) continue;
    forEachNameTreeValue(context, tree, (value) => {
      const dict = unwanted(value);
      if (dict) note(dict);
    });
    names?.delete(name(key));
  }
  for (const dict of allDicts(context)) {
    for (const [key, value] of dict.entries()) {
      const found = unwanted(value);
      if (found) {
        note(found);
        dict.delete(key);
        continue;
      }
      const array = resolve(context, value);
      if (!(array instanceof PDFArray)) continue;
      for (let i = array.size() - 1; i >= 0; i--) {
        const item = unwanted(array.get(i));
        if (item) {
          note(item);
          array.remove(i);
        }
      }
    }
  }
  return { scripts: scripts.size, files: [...files.values()] };
}

/** Calls `visit` with each value of a name tree (ISO 32000-1, 7.9.6); deeper than 32 levels is not followed. */
function forEachNameTreeValue(context: PDFContext, node: PDFDict, visit: (value: PDFObject | undefined) => void, depth = 0): void {
  const pairs = resolve(context, node.get(name('Names')));
  if (pairs instanceof PDFArray) for (let i = 1; i < pairs.size(); i += 2) visit(pairs.get(i));
  const kids = resolve(context, node.get(name('Kids')));
  if (!(kids instanceof PDFArray) || depth >= 32) return;
  for (const kid of kids.asArray()) {
    const child = dictOf(context, kid);
    if (child) forEachNameTreeValue(context, child, visit, depth + 1);
  }
}

/** What is still there after stripping: the safety net before we seal the file. */
export function activeContentLeft(pdf: PDFDocument): boolean {
  return allDicts(pdf.context).some((dict) => isScript(dict) || isEmbeddedFile(dict));
}

/**
 * Deletes the objects nothing reaches from the trailer any more (what stripActiveContent cut off, the
 * Info and XMP we replace), so that the rewritten file does not carry them.
 */
export function dropUnreachable(pdf: PDFDocument): void {
  const { context } = pdf;
  const reached = new Set<string>();
  const pending: PDFObject[] = [context.trailerInfo.Root, context.trailerInfo.Info].filter((value): value is PDFObject => value !== undefined);
  while (pending.length > 0) {
    const value = pending.pop()!;
    if (value instanceof PDFRef) {
      if (reached.has(value.tag)) continue;
      reached.add(value.tag);
      const target = context.lookup(value);
      if (target) pending.push(target);
    } else if (value instanceof PDFStream) {
      pending.push(value.dict);
    } else if (value instanceof PDFDict) {
      for (const [, item] of value.entries()) pending.push(item);
    } else if (value instanceof PDFArray) {
      pending.push(...value.asArray());
    }
  }
  for (const [ref] of context.enumerateIndirectObjects()) if (!reached.has(ref.tag)) context.delete(ref);
}

export interface ArchivalState {
  /** The PDF/A the file declares in its XMP, e.g. "PDF/A-1b"; undefined when it declares none. */
  declared?: string;
  /** The PDF/UA the file declares in its XMP, e.g. "PDF/UA-1"; undefined when it declares none. */
  declaredUa?: string;
  /** The fonts the file uses without embedding them (BaseFont names). */
  unembeddedFonts: string[];
  /** Set when the file's PDF/A output intent is not RGB, so our page (DeviceRGB) would break it. */
  outputIntentProblem?: string;
  /** /NeedAppearances true: viewers are to draw the form fields, which PDF/A-2 forbids (6.4.1). */
  needAppearances: boolean;
  /** /MarkInfo /Marked true with a structure tree. */
  tagged: boolean;
}

/** What the file's XMP declares: its PDF/A (e.g. "PDF/A-1b") and its PDF/UA (e.g. "PDF/UA-1"), if any. */
function declaredConformanceOf(context: PDFContext, catalog: PDFDict): { pdfa?: string; pdfua?: string } {
  const stream = resolve(context, catalog.get(name('Metadata')));
  if (!(stream instanceof PDFRawStream)) return {};
  return declaredConformance(Buffer.from(decodePDFRawStream(stream).decode()).toString('utf8'));
}

function isEmbeddedFont(context: PDFContext, font: PDFDict): boolean {
  const descriptor = dictOf(context, font.get(name('FontDescriptor')));
  return descriptor !== undefined && ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor.has(name(key)));
}

export function archivalState(pdf: PDFDocument): ArchivalState {
  const { context, catalog } = pdf;
  const unembedded = new Set<string>();
  for (const dict of allDicts(context)) {
    if (nameValue(dict, 'Type') !== 'Font') continue;
    const subtype = nameValue(dict, 'Subtype');
    // A Type 3 font is drawn by the file itself; a Type 0 font is embedded when its descendant is (visited too).
    if (subtype === 'Type3' || subtype === 'Type0') continue;
    if (!isEmbeddedFont(context, dict)) unembedded.add(nameValue(dict, 'BaseFont') ?? 'unnamed');
  }
  const state: ArchivalState = {
    unembeddedFonts: [...unembedded].sort(),
    needAppearances: dictOf(context, catalog.get(name('AcroForm')))?.get(name('NeedAppearances')) === PDFBool.True,
    tagged: dictOf(context, catalog.get(name('MarkInfo')))?.get(name('Marked')) === PDFBool.True && catalog.has(name('StructTreeRoot')),
  };
  const declared = declaredConformanceOf(context, catalog);
  if (declared.pdfa) state.declared = declared.pdfa;
  if (declared.pdfua) state.declaredUa = declared.pdfua;
  const intents = resolve(context, catalog.get(name('OutputIntents')));
  if (intents instanceof PDFArray) {
    for (const intent of intents.asArray()) {
      const dict = dictOf(context, intent);
      if (!dict || nameValue(dict, 'S') !== 'GTS_PDFA1') continue;
      const components = dictOf(context, dict.get(name('DestOutputProfile')))?.get(name('N'));
      if (!(components instanceof PDFNumber) || components.asNumber() !== 3) {
        state.outputIntentProblem = `its PDF/A output intent is not an RGB profile (${components instanceof PDFNumber ? `${components.asNumber()} components` : 'no profile'})`;
      }
    }
  }
  return state;
}

/**
 * Keeps only the pages `keep` (0-based, ascending) for the justering of one § (omedelbar justering):
 * removes the others, the form fields whose widgets were all on them, and what would point into removed
 * pages without our checking it (outlines, named destinations, the structure tree). Answers whether a
 * structure tree was removed.
 */
export function keepPages(pdf: PDFDocument, keep: readonly number[]): { structureRemoved: boolean } {
  const { context, catalog } = pdf;
  const kept = new Set(keep);
  const removed = new Set<string>();
  pdf.getPages().forEach((page, index) => {
    if (!kept.has(index)) removed.add(page.ref.tag);
  });
  for (let index = pdf.getPageCount() - 1; index >= 0; index--) if (!kept.has(index)) pdf.removePage(index);

  const fields = dictOf(context, catalog.get(name('AcroForm')))?.lookupMaybe(name('Fields'), PDFArray);
  const onRemovedPage = (field: PDFDict): boolean => {
    const kids = resolve(context, field.get(name('Kids')));
    const widgets = kids instanceof PDFArray ? kids.asArray().map((kid) => dictOf(context, kid)).filter((kid): kid is PDFDict => kid !== undefined) : [field];
    return widgets.every((widget) => {
      const page = widget.get(name('P'));
      return page instanceof PDFRef && removed.has(page.tag);
    });
  };
  if (fields) {
    for (let i = fields.size() - 1; i >= 0; i--) {
      const field = dictOf(context, fields.get(i));
      if (field && onRemovedPage(field)) fields.remove(i);
    }
  }
  catalog.delete(name('Outlines'));
  catalog.delete(name('Dests'));
  dictOf(context, catalog.get(name('Names')))?.delete(name('Dests'));
  const structureRemoved = catalog.has(name('StructTreeRoot'));
  catalog.delete(name('StructTreeRoot'));
  catalog.delete(name('MarkInfo'));
  return { structureRemoved };
}
