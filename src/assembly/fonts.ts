/**
 * The two faces the extract is set in (DejaVu Sans and DejaVu Sans Bold, from dejavu-fonts-ttf: they hold
 * å ä ö é – § and are free to embed), loaded and parsed once per process, embedded per document as
 * subsets with a deterministic subset tag. Also the width measure the layout wraps by.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { create as createFontkitFont } from '@pdf-lib/fontkit';
import type { Font as FontkitFont, Glyph, GlyphRun } from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

export type FontStyle = 'regular' | 'bold';

const FONT_FILES: Record<FontStyle, string> = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
};

interface LoadedFace {
  bytes: Uint8Array;
  font: FontkitFont;
  /** The same font whose `layout` maps code points through the cmap only (see `cmapOnly`). */
  cmapFont: FontkitFont;
}

const faces = new Map<FontStyle, LoadedFace>();

/**
 * pdf-lib encodes and measures every string with fontkit's OpenType layout, which costs ~20 µs a word
 * (most of our 20 ms budget for a document). Swedish text in NFC needs no shaping: every letter has a
 * precomposed glyph, and we want no ligatures (text extraction must give back exactly the letters).
 * So pdf-lib gets a view of the font whose `layout` is a plain cmap lookup; everything else is the font's.
 */
function cmapOnly(font: FontkitFont): FontkitFont {
  const view = Object.create(font) as FontkitFont;
  view.layout = (text: string): GlyphRun => {
    const glyphs: Glyph[] = [];
    for (const char of text) glyphs.push(font.glyphForCodePoint(char.codePointAt(0) ?? 0));
    return { glyphs } as GlyphRun;
  };
  return view;
}

function face(style: FontStyle): LoadedFace {
  let loaded = faces.get(style);
  if (!loaded) {
    const bytes = new Uint8Array(readFileSync(require.resolve(FONT_FILES[style])));
    const font = createFontkitFont(bytes);
    loaded = { bytes, font, cmapFont: cmapOnly(font) };
    faces.set(style, loaded);
  }
  return loaded;
}

/** The first character of `text` that a face cannot print, or undefined when it can print them all. */
export function unprintableCharacter(text: string): string | undefined {
  const regular = face('regular').font;
  const bold = face('bold').font;
  for (const char of text) {
    if (char === '\n' || char === '\t') continue;
    const codePoint = char.codePointAt(0) ?? 0;
    if (!regular.hasGlyphForCodePoint(codePoint) || !bold.hasGlyphForCodePoint(codePoint)) return char;
  }
  return undefined;
}

/**
 * Width of `text` in points at `size`, as the embedded font will print it: the sum of the glyphs'
 * advance widths (no kerning: pdf-lib writes glyph ids without position adjustments).
 */
export type MeasureText = (text: string, style: FontStyle, size: number) => number;

/** A measure with a per-document cache of word widths (a document repeats its words a lot). */
export function createMeasure(): MeasureText {
  const cache = new Map<string, number>();
  return (text, style, size) => {
    const key = style === 'bold' ? `b${text}` : `r${text}`;
    let units = cache.get(key);
    if (units === undefined) {
      const font = face(style).font;
      units = 0;
      for (const char of text) units += font.glyphForCodePoint(char.codePointAt(0) ?? 0).advanceWidth;
      units /= font.unitsPerEm;
      cache.set(key, units);
    }
    return units * size;
  };
}

/** Font metrics the layout needs, as fractions of the font size. */
export function fontMetrics(style: FontStyle): { ascent: number; descent: number } {
  const font = face(style).font;
  return { ascent: font.ascent / font.unitsPerEm, descent: font.descent / font.unitsPerEm };
}

export type EmbeddedFonts = Record<FontStyle, PDFFont>;

/**
 * Embeds both faces as subsets. The subset tag (ISO 32000-1, 9.6.4: six upper-case letters and "+") is
 * derived from `tagSeed`, so the same document gets the same bytes; pdf-lib would draw a random one.
 */
export async function embedFonts(pdf: PDFDocument, tagSeed: string): Promise<EmbeddedFonts> {
  const embed = async (style: FontStyle): Promise<PDFFont> => {
    const loaded = face(style);
    const name = `${subsetTag(`${tagSeed}\n${style}`)}+${loaded.font.postscriptName}`;
    pdf.registerFontkit({ create: () => loaded.cmapFont });
    return pdf.embedFont(loaded.bytes, { subset: true, customName: name });
  };
  return { regular: await embed('regular'), bold: await embed('bold') };
}

function subsetTag(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (digest[i] % 26));
  return tag;
}
