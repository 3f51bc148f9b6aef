/**
 * The two faces the extract is set in (DejaVu Sans and DejaVu Sans Bold, from dejavu-fonts-ttf: they hold
 * å ä ö é – § and are free to embed), parsed once per process and embedded per document as TrueType
 * subsets (Type0 / CIDFontType2, Identity-H; ISO 32000-1, 9.7), with the width measure the layout wraps by.
 *
 * Why not pdf-lib's embedFont/drawText: it shapes every string with fontkit's OpenType layout (~20 µs a
 * word, most of our 20 ms budget), compresses with pako, and names subsets randomly. Swedish text in NFC
 * needs no shaping (every letter has a precomposed glyph; no ligatures, so text extraction gives back the
 * letters), so text is encoded by a plain cmap lookup here, with the exact widths written to /W.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { create as createFontkitFont } from '@pdf-lib/fontkit';
import type { Font as FontkitFont, Glyph } from '@pdf-lib/fontkit';
import { PDFContext, PDFString, type PDFRef } from 'pdf-lib';
import { SerializedObject, copiedStream } from './pdf-lib-objects';
import { descriptorMetrics, subsetTag, toUnicodeCMap } from '../pdf/cid-font';

export type FontStyle = 'regular' | 'bold';

const FONT_FILES: Record<FontStyle, string> = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
};

/** Stem widths for the font descriptor (DejaVu's own hinting values are not exposed by fontkit). */
const STEM_V: Record<FontStyle, number> = { regular: 80, bold: 140 };

interface Face {
  font: FontkitFont;
  /** Code point → glyph and its advance: fontkit's cmap lookup is the hot path of layout and encoding. */
  glyphs: Map<number, { glyph: Glyph; advance: number }>;
}

const faces = new Map<FontStyle, Face>();

function loadFace(style: FontStyle): Face {
  let loaded = faces.get(style);
  if (!loaded) {
    loaded = { font: createFontkitFont(new Uint8Array(readFileSync(require.resolve(FONT_FILES[style])))), glyphs: new Map() };
    faces.set(style, loaded);
  }
  return loaded;
}

function face(style: FontStyle): FontkitFont {
  return loadFace(style).font;
}

/** A glyph's advance in thousandths of an em, rounded as /W says it (9.7.4.3), so measure and print agree. */
function advance(font: FontkitFont, glyph: Glyph): number {
  return Math.round((glyph.advanceWidth * 1000) / font.unitsPerEm);
}

function glyphOf(style: FontStyle, codePoint: number): { glyph: Glyph; advance: number } {
  const { font, glyphs } = loadFace(style);
  let entry = glyphs.get(codePoint);
  if (!entry) {
    const glyph = font.glyphForCodePoint(codePoint);
    entry = { glyph, advance: advance(font, glyph) };
    glyphs.set(codePoint, entry);
  }
  return entry;
}

/** Whether both faces have a glyph, per code point asked (fontkit's cmap lookup is most of checking a document's text). */
const printableCodePoints = new Map<number, boolean>();
/** Far more than Swedish text uses; a document of exotic characters does not grow the map beyond it. */
const MAX_CACHED_CODE_POINTS = 4096;

/** The first character of `text` that a face cannot print, or undefined when it can print them all. */
export function unprintableCharacter(text: string): string | undefined {
  for (const char of text) {
    if (char === '\n' || char === '\t') continue;
    const codePoint = char.codePointAt(0) ?? 0;
    let printable = printableCodePoints.get(codePoint);
    if (printable === undefined) {
      printable = face('regular').hasGlyphForCodePoint(codePoint) && face('bold').hasGlyphForCodePoint(codePoint);
      if (printableCodePoints.size < MAX_CACHED_CODE_POINTS) printableCodePoints.set(codePoint, printable);
    }
    if (!printable) return char;
  }
  return undefined;
}

/** Width of `text` in points at `size`, as the embedded font prints it (no kerning: glyphs are shown one by one). */
export type MeasureText = (text: string, style: FontStyle, size: number) => number;

/** A measure with a per-document cache of word widths (a document repeats its words a lot). */
export function createMeasure(): MeasureText {
  const cache = new Map<string, number>();
  return (text, style, size) => {
    const key = style === 'bold' ? `b${text}` : `r${text}`;
    let thousandths = cache.get(key);
    if (thousandths === undefined) {
      thousandths = 0;
      for (const char of text) thousandths += glyphOf(style, char.codePointAt(0) ?? 0).advance;
      cache.set(key, thousandths);
    }
    return (thousandths * size) / 1000;
  };
}

/** Font metrics the layout needs, as fractions of the font size. */
export function fontMetrics(style: FontStyle): { ascent: number; descent: number } {
  const font = face(style);
  return { ascent: font.ascent / font.unitsPerEm, descent: font.descent / font.unitsPerEm };
}

/** fontkit writes the subset through a stream whose events arrive on later ticks. */
function encodeSubset(subset: ReturnType<FontkitFont['createSubset']>): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const chunks: Uint8Array[] = [];
    subset
      .encodeStream()
      .on('data', (chunk: Uint8Array) => chunks.push(chunk))
      .on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/**
 * The characters every document gets without a subset of its own: Basic Latin, Latin-1, Latin
 * Extended-A (Swedish, the Nordic and most European names) and the usual typographic punctuation.
 *
 * Why: fontkit's subset encoder costs ~10 ms a face, half our budget for a whole document. A subset
 * holding this repertoire is encoded once per process and reused by every document whose text stays
 * inside it (about 27 KB per face, compressed); a document with other characters (Greek, Cyrillic, ...)
 * gets a subset of the repertoire plus its own characters, also cached.
 */
const BASE_REPERTOIRE: readonly number[] = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i),
  ...Array.from({ length: 0x180 - 0xa0 }, (_, i) => 0xa0 + i),
  0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2022, 0x2026, 0x2032, 0x2033, 0x2039, 0x203a, 0x20ac,
];

/** The glyphs of a subset in CID order (CID = subset glyph id; 0 is .notdef) with the code point each stands for. */
interface CidTable {
  glyphs: Glyph[];
  codePoints: number[];
  cidOf: Map<number, number>;
  /** Code point → its CID as the four hex digits Tj takes, for the code points in the table, filled as text asks. */
  hexOf: Map<number, string>;
}

const baseTables = new Map<FontStyle, CidTable>();

function baseTable(style: FontStyle): CidTable {
  let table = baseTables.get(style);
  if (!table) {
    const font = face(style);
    table = { glyphs: [font.getGlyph(0)], codePoints: [0], cidOf: new Map([[0, 0]]), hexOf: new Map() };
    for (const codePoint of BASE_REPERTOIRE) {
      if (!font.hasGlyphForCodePoint(codePoint)) continue;
      const { glyph } = glyphOf(style, codePoint);
      if (table.cidOf.has(glyph.id)) continue;
      table.cidOf.set(glyph.id, table.glyphs.length);
      table.glyphs.push(glyph);
      table.codePoints.push(codePoint);
    }
    baseTables.set(style, table);
  }
  return table;
}

/** What a subset's PDF objects need, computed once per distinct subset. */
interface FontProgram {
  /** The TrueType subset, deflated, and its length before (/Length1). */
  fontFile: Uint8Array;
  length1: number;
  /** The CIDFont's /W array `[0 [w0 w1 …]]` as pdf-lib writes it (a few hundred numbers, the same in every document). */
  widths: SerializedObject;
  toUnicode: Uint8Array;
  /** ISO 32000-1, 9.6.4: six upper-case letters, here derived from the subset's glyphs. */
  tag: string;
}

const MAX_CACHED_PROGRAMS = 32;
const programs = new Map<string, Promise<FontProgram>>();

async function buildProgram(style: FontStyle, glyphs: readonly Glyph[], codePoints: readonly number[], key: string): Promise<FontProgram> {
  const font = face(style);
  const subset = font.createSubset();
  // The subset numbers glyphs in the order they are included, after .notdef: that order is our CIDs.
  for (const glyph of glyphs.slice(1)) subset.includeGlyph(glyph);
  const program = await encodeSubset(subset);
  const tag = subsetTag(createHash('sha256').update(key).digest());
  return {
    fontFile: deflateSync(program),
    length1: program.byteLength,
    widths: SerializedObject.of(PDFContext.create().obj([0, glyphs.map((glyph) => advance(font, glyph))])),
    toUnicode: deflateSync(toUnicodeCMap(codePoints.map((codePoint, cid) => [cid, codePoint] as const).slice(1))),
    tag,
  };
}

function fontProgram(style: FontStyle, glyphs: readonly Glyph[], codePoints: readonly number[]): Promise<FontProgram> {
  const key = `${style}:${glyphs.map((glyph) => glyph.id).join(',')}`;
  let program = programs.get(key);
  if (!program) {
    if (programs.size >= MAX_CACHED_PROGRAMS) programs.delete(programs.keys().next().value ?? '');
    program = buildProgram(style, glyphs, codePoints, key);
    programs.set(key, program);
    program.catch(() => programs.delete(key));
  }
  return program;
}

/**
 * One face as used by one document: text is encoded into CIDs of the subset (CIDToGIDMap /Identity);
 * characters outside the base repertoire get CIDs after it. `embed` writes the font objects under the
 * reference handed out up front, so pages can name the font before the subset is known.
 */
export class SubsetFont {
  readonly ref: PDFRef;
  private readonly base: CidTable;
  /** Glyph id → CID for characters beyond the base repertoire, in order of first use. */
  private readonly extraCidOf = new Map<number, number>();
  private readonly extraGlyphs: Glyph[] = [];
  private readonly extraCodePoints: number[] = [];

  constructor(
    readonly style: FontStyle,
    private readonly context: PDFContext,
  ) {
    this.base = baseTable(style);
    this.ref = context.nextRef();
  }

  /** The text as a hex string of CIDs for Tj. */
  encode(text: string): string {
    let hex = '<';
    for (const char of text) {
      const codePoint = char.codePointAt(0) ?? 0;
      hex += this.base.hexOf.get(codePoint) ?? this.cidHex(codePoint);
    }
    return `${hex}>`;
  }

  /** The CID of a code point not met yet in the base table (cached there), or beyond it (numbered here). */
  private cidHex(codePoint: number): string {
    const { glyph } = glyphOf(this.style, codePoint);
    const baseCid = this.base.cidOf.get(glyph.id);
    if (baseCid !== undefined) {
      const hex = baseCid.toString(16).padStart(4, '0');
      this.base.hexOf.set(codePoint, hex);
      return hex;
    }
    let cid = this.extraCidOf.get(glyph.id);
    if (cid === undefined) {
      cid = this.base.glyphs.length + this.extraGlyphs.length;
      this.extraCidOf.set(glyph.id, cid);
      this.extraGlyphs.push(glyph);
      this.extraCodePoints.push(codePoint);
    }
    return cid.toString(16).padStart(4, '0');
  }

  width(text: string, size: number): number {
    let thousandths = 0;
    for (const char of text) thousandths += glyphOf(this.style, char.codePointAt(0) ?? 0).advance;
    return (thousandths * size) / 1000;
  }

  /** Writes the Type0 font with its descendant CIDFontType2, descriptor, font file and ToUnicode CMap. */
  async embed(): Promise<void> {
    const { context, style } = this;
    const font = face(style);
    const program = await fontProgram(style, [...this.base.glyphs, ...this.extraGlyphs], [...this.base.codePoints, ...this.extraCodePoints]);
    const name = `${program.tag}+${font.postscriptName ?? 'DejaVuSans'}`;
    const fontFile = context.register(copiedStream(context, program.fontFile, { Filter: 'FlateDecode', Length1: program.length1 }));
    const descriptor = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: name,
        Flags: 32, // Nonsymbolic: Latin text (ISO 32000-1, 9.8.2)
        ...descriptorMetrics(font),
        StemV: STEM_V[style],
        FontFile2: fontFile,
      }),
    );
    const cidFont = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: name,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        W: program.widths,
        CIDToGIDMap: 'Identity',
      }),
    );
    const toUnicode = context.register(copiedStream(context, program.toUnicode, { Filter: 'FlateDecode' }));
    context.assign(
      this.ref,
      context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: name, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode }),
    );
  }
}

export type DocumentFonts = Record<FontStyle, SubsetFont>;

export function createDocumentFonts(context: PDFContext): DocumentFonts {
  return { regular: new SubsetFont('regular', context), bold: new SubsetFont('bold', context) };
}

/** Embeds both subsets; call it once every text of the document is encoded. */
export async function embedDocumentFonts(fonts: DocumentFonts): Promise<void> {
  await Promise.all(Object.values(fonts).map((font) => font.embed()));
}
