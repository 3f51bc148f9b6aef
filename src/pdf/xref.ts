/**
 * Reads one cross-reference section at a given offset: a classic table with its trailer (ISO 32000-1,
 * 7.5.4 and 7.5.5) or a cross-reference stream (7.5.8). Strict: an entry that is not in the grammar, an
 * object listed twice in one section or a stream that does not decode is an error; nothing is rebuilt.
 */
import { PdfFormatError } from '../errors';
import { isDigit, isWhitespace, Lexer } from './lexer';
import { PdfDict, PdfObject, PdfStream } from './objects';

export type XrefEntry =
  | { readonly type: 'free'; readonly num: number; readonly gen: number }
  | { readonly type: 'uncompressed'; readonly num: number; readonly gen: number; readonly offset: number }
  /** Stored in the object stream `streamNum` at position `index` (generation is always 0). */
  | { readonly type: 'compressed'; readonly num: number; readonly gen: 0; readonly streamNum: number; readonly index: number };

export type XrefKind = 'table' | 'stream';

export interface XrefSection {
  kind: XrefKind;
  offset: number;
  entries: Map<number, XrefEntry>;
  /** The trailer dictionary, or the xref stream's dictionary (which carries the trailer keys). */
  trailer: PdfDict;
  /** Offset just after the trailer dictionary or after the xref stream's `endobj`. */
  endOffset: number;
  /** The object number of the xref stream itself, for `stream` sections. */
  streamObjectNumber?: number;
}

export interface XrefReadContext {
  bytes: Uint8Array;
  maxDepth: number;
  /** Most entries this section may still add (the caller counts across sections). */
  maxEntries: number;
  /** Decodes an xref stream's data (its /Filter and /DecodeParms are direct objects). */
  decode(stream: PdfStream, what: string): Uint8Array;
}

export function readXrefSection(offset: number, context: XrefReadContext): XrefSection {
  if (!Number.isSafeInteger(offset) || offset < 0 || offset >= context.bytes.length) {
    throw new PdfFormatError(`xref offset ${offset} lies outside the file (${context.bytes.length} bytes)`);
  }
  // Writers such as @signpdf/placeholder-plain point at the EOL before `xref`; white-space (never
  // anything else) is skipped, as pdf.js and poppler do. The section keeps the declared offset.
  let start = offset;
  while (start < context.bytes.length && isWhitespace(context.bytes[start]!)) start++;
  const lexer = new Lexer(context.bytes, context.maxDepth, start);
  if (lexer.lookingAt('xref')) return readXrefTable(lexer, offset, context);
  if (isDigit(context.bytes[start] ?? -1)) return readXrefStream(lexer, offset, context);
  throw new PdfFormatError(`startxref or /Prev offset ${offset} points at neither 'xref' nor an xref stream object`);
}

function addEntry(entries: Map<number, XrefEntry>, entry: XrefEntry, offset: number, context: XrefReadContext): void {
  if (entries.has(entry.num)) throw new PdfFormatError(`object ${entry.num} is listed twice in the xref section at byte ${offset}`);
  if (entries.size >= context.maxEntries) {
    throw new PdfFormatError(`xref sections list more than the limit of objects`, { code: 'ERR_PDF_LIMIT_EXCEEDED' });
  }
  entries.set(entry.num, entry);
}

/** 7.5.4: `xref`, subsections `first count` of 20-byte entries `oooooooooo ggggg n|f`, then `trailer << >>`. */
function readXrefTable(lexer: Lexer, offset: number, context: XrefReadContext): XrefSection {
  lexer.pos += 4;
  const entries = new Map<number, XrefEntry>();
  for (;;) {
    lexer.skipWhitespace();
    if (lexer.lookingAt('trailer')) break;
    if (lexer.atEnd()) lexer.fail(`xref table at byte ${offset} has no trailer`);
    const first = lexer.readUnsignedInteger('the first object number of an xref subsection');
    const count = lexer.readUnsignedInteger('the entry count of an xref subsection');
    if (first + count > context.maxEntries) {
      throw new PdfFormatError(`xref subsection ${first} ${count} at byte ${offset} exceeds the object limit`, { code: 'ERR_PDF_LIMIT_EXCEEDED' });
    }
    for (let i = 0; i < count; i++) {
      lexer.skipWhitespace();
      const at = lexer.pos;
      const field1 = lexer.readToken();
      lexer.skipWhitespace();
      const field2 = lexer.readToken();
      lexer.skipWhitespace();
      const kind = lexer.readToken();
      if (!/^\d{10}$/.test(field1) || !/^\d{5}$/.test(field2) || (kind !== 'n' && kind !== 'f')) {
        lexer.fail(`malformed xref entry for object ${first + i} ('${field1} ${field2} ${kind}')`, at);
      }
      const num = first + i;
      const gen = Number(field2);
      const entry: XrefEntry = kind === 'n' ? { type: 'uncompressed', num, gen, offset: Number(field1) } : { type: 'free', num, gen };
      addEntry(entries, entry, offset, context);
    }
  }
  lexer.pos += 7;
  const trailer = lexer.readValue();
  if (!(trailer instanceof PdfDict)) lexer.fail(`the trailer of the xref table at byte ${offset} is not a dictionary`);
  return { kind: 'table', offset, entries, trailer, endOffset: lexer.pos };
}

function directInteger(dict: PdfDict, key: string, what: string): number | undefined {
  const value = dict.get(key);
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new PdfFormatError(`${what}: /${key} must be a direct non-negative integer`);
  }
  return value;
}

function integerArray(value: PdfObject | undefined, key: string, what: string): number[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'number' || !Number.isSafeInteger(item) || item < 0)) {
    throw new PdfFormatError(`${what}: /${key} must be a direct array of non-negative integers`);
  }
  return value as number[];
}

/** 7.5.8: an xref stream object; its dictionary's entries are all direct. */
function readXrefStream(lexer: Lexer, offset: number, context: XrefReadContext): XrefSection {
  const object = lexer.readIndirectObject(() => {
    throw new PdfFormatError(`xref stream at byte ${offset}: /Length must be a direct integer`);
  });
  const what = `xref stream ${object.num} ${object.gen} at byte ${offset}`;
  const stream = object.value;
  if (!(stream instanceof PdfStream) || stream.dict.getName('Type') !== 'XRef') {
    throw new PdfFormatError(`object ${object.num} at xref offset ${offset} is not an xref stream (/Type /XRef)`);
  }
  const dict = stream.dict;
  const size = directInteger(dict, 'Size', what);
  if (size === undefined) throw new PdfFormatError(`${what}: /Size is missing`);
  const widths = integerArray(dict.get('W'), 'W', what);
  if (!widths || widths.length !== 3 || widths.some((width) => width > 7)) {
    throw new PdfFormatError(`${what}: /W must be three field widths of at most 7 bytes`);
  }
  const index = integerArray(dict.get('Index'), 'Index', what) ?? [0, size];
  if (index.length % 2 !== 0) throw new PdfFormatError(`${what}: /Index must hold pairs of numbers`);
  const data = context.decode(stream, what);
  const [w0, w1, w2] = widths as [number, number, number];
  const rowWidth = w0 + w1 + w2;
  let total = 0;
  for (let i = 1; i < index.length; i += 2) total += index[i]!;
  if (total > context.maxEntries) throw new PdfFormatError(`${what}: /Index lists more than the limit of objects`, { code: 'ERR_PDF_LIMIT_EXCEEDED' });
  if (rowWidth === 0 || data.length < total * rowWidth) {
    throw new PdfFormatError(`${what}: ${data.length} bytes of data cannot hold ${total} entries of ${rowWidth} bytes`);
  }
  const entries = new Map<number, XrefEntry>();
  let pos = 0;
  const field = (width: number, fallback: number): number => {
    if (width === 0) return fallback;
    let value = 0;
    for (let i = 0; i < width; i++) value = value * 256 + data[pos++]!;
    return value;
  };
  for (let i = 0; i < index.length; i += 2) {
    const first = index[i]!;
    const count = index[i + 1]!;
    for (let j = 0; j < count; j++) {
      const num = first + j;
      const type = field(w0, 1);
      const second = field(w1, 0);
      const third = field(w2, 0);
      let entry: XrefEntry;
      if (type === 1) {
        if (third > 65535) throw new PdfFormatError(`${what}: object ${num} has generation ${third}`);
        entry = { type: 'uncompressed', num, gen: third, offset: second };
      } else if (type === 2) entry = { type: 'compressed', num, gen: 0, streamNum: second, index: third };
      // Type 0, and unknown types which 7.5.8.3 says to read as references to the null object.
      else entry = { type: 'free', num, gen: Math.min(third, 65535) };
      addEntry(entries, entry, offset, context);
    }
  }
  return { kind: 'stream', offset, entries, trailer: dict, endOffset: object.endOffset, streamObjectNumber: object.num };
}
