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
import { PDFString, type PDFContext, type PDFRef } from 'pdf-lib';

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

/** The first character of `text` that a face cannot print, or undefined when it can print them all. */
export function unprintableCharacter(text: string): string | undefined {
  const regular = face('regular');
  const bold = face('bold');
  for (const char of text) {
    if (char === '\n' || char === '\t') continue;
    const codePoint = char.codePointAt(0) ?? 0;
    if (!regular.hasGlyphForCodePoint(codePoint) || !bold.hasGlyphForCodePoint(codePoint)) return char;
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

/** ISO 32000-1, 9.10.3: the ToUnicode CMap, so text extraction gives back the letters. */
function toUnicodeCMap(glyphs: readonly Glyph[], codePoints: readonly number[]): string {
  const hex4 = (n: number): string => n.toString(16).padStart(4, '0').toUpperCase();
  const utf16 = (codePoint: number): string => {
    const units = String.fromCodePoint(codePoint);
    let hex = '';
    for (let i = 0; i < units.length; i++) hex += hex4(units.charCodeAt(i));
    return hex;
  };
  const entries: string[] = [];
  for (let cid = 1; cid < glyphs.length; cid++) entries.push(`<${hex4(cid)}> <${utf16(codePoints[cid])}>`);
  let body = '';
  // At most 100 entries per bfchar block (PDF reference, 5.9.2).
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    body += `${block.length} beginbfchar\n${block.join('\n')}\nendbfchar\n`;
  }
  return (
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n' +
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
    '/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n' +
    '1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n' +
    `${body}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n`
  );
}

/**
 * One face as used by one document: text is encoded into the subset's glyph ids (CID = subset glyph id,
 * CIDToGIDMap /Identity), and `embed` writes the font objects under the reference handed out up front,
 * so pages can name the font before the subset is complete.
 */
export class SubsetFont {
  readonly ref: PDFRef;
  private readonly font: FontkitFont;
  private readonly subset: ReturnType<FontkitFont['createSubset']>;
  private readonly cidOf = new Map<number, number>();
  /** By CID; CID 0 is .notdef, which the subset always holds first. */
  private readonly glyphs: Glyph[];
  private readonly codePoints: number[] = [0];

  constructor(
    readonly style: FontStyle,
    private readonly context: PDFContext,
  ) {
    this.font = face(style);
    this.subset = this.font.createSubset();
    this.glyphs = [this.font.getGlyph(0)];
    this.ref = context.nextRef();
  }

  /** The text as a hex string of CIDs for Tj, adding its glyphs to the subset. */
  encode(text: string): string {
    let hex = '<';
    for (const char of text) {
      const codePoint = char.codePointAt(0) ?? 0;
      const { glyph } = glyphOf(this.style, codePoint);
      let cid = this.cidOf.get(glyph.id);
      if (cid === undefined) {
        cid = this.subset.includeGlyph(glyph);
        this.cidOf.set(glyph.id, cid);
        this.glyphs[cid] = glyph;
        this.codePoints[cid] = codePoint;
      }
      hex += cid.toString(16).padStart(4, '0');
    }
    return `${hex}>`;
  }

  width(text: string, size: number): number {
    let thousandths = 0;
    for (const char of text) thousandths += glyphOf(this.style, char.codePointAt(0) ?? 0).advance;
    return (thousandths * size) / 1000;
  }

  /** Writes the Type0 font and its parts; `name` is the subset's BaseFont ("ABCDEF+DejaVuSans"). */
  async embed(name: string): Promise<void> {
    const { context, font } = this;
    const program = await encodeSubset(this.subset);
    const units = (value: number): number => Math.round((value * 1000) / font.unitsPerEm);
    const fontFile = context.register(context.stream(deflateSync(program), { Filter: 'FlateDecode', Length1: program.byteLength }));
    const descriptor = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: name,
        Flags: 32, // Nonsymbolic: Latin text (ISO 32000-1, 9.8.2)
        FontBBox: [units(font.bbox.minX), units(font.bbox.minY), units(font.bbox.maxX), units(font.bbox.maxY)],
        ItalicAngle: font.italicAngle,
        Ascent: units(font.ascent),
        Descent: units(font.descent),
        // DejaVu's OS/2 table (version 1) has no sCapHeight; the height of "H" is what the field means.
        CapHeight: units(font.capHeight || font.glyphForCodePoint(0x48).bbox.maxY),
        StemV: STEM_V[this.style],
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
        W: [0, this.glyphs.map((glyph) => advance(font, glyph))],
        CIDToGIDMap: 'Identity',
      }),
    );
    const toUnicode = context.register(context.stream(deflateSync(toUnicodeCMap(this.glyphs, this.codePoints)), { Filter: 'FlateDecode' }));
    context.assign(
      this.ref,
      context.obj({
        Type: 'Font',
        Subtype: 'Type0',
        BaseFont: name,
        Encoding: 'Identity-H',
        DescendantFonts: [cidFont],
        ToUnicode: toUnicode,
      }),
    );
  }

  get postscriptName(): string {
    return this.font.postscriptName ?? `DejaVuSans${this.style === 'bold' ? '-Bold' : ''}`;
  }
}

export type DocumentFonts = Record<FontStyle, SubsetFont>;

export function createDocumentFonts(context: PDFContext): DocumentFonts {
  return { regular: new SubsetFont('regular', context), bold: new SubsetFont('bold', context) };
}

/**
 * Embeds both subsets once every text is encoded. The subset tag (ISO 32000-1, 9.6.4: six upper-case
 * letters and "+") is derived from `tagSeed` (the document's content), so the same document gets the
 * same bytes and another document another tag.
 */
export async function embedDocumentFonts(fonts: DocumentFonts, tagSeed: string): Promise<void> {
  await Promise.all(
    Object.values(fonts).map((font) => font.embed(`${subsetTag(`${tagSeed}\n${font.style}`)}+${font.postscriptName}`)),
  );
}

function subsetTag(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (digest[i] % 26));
  return tag;
}
