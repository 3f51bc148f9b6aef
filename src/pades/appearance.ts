/**
 * The visible appearance of a signed field (ISO 32000-1, 12.5.5): a form XObject inside the widget's
 * rectangle with the signer's name, role and time, added in the signature's own update so that no page
 * content changes. Byte level only: the caller decides the lines.
 *
 * Font: we embed a fresh subset of DejaVu Sans (the assembly's font family) holding exactly the glyphs
 * of the lines, as a Type0/CIDFontType2 font with Identity-H (PDF/A-2 6.2.11 wants every font embedded,
 * so a standard 14 font is out). The page's own subset cannot be reused: it holds only the glyphs the
 * page text needed, and a signer's name may need others ("Åsa Öberg"). fontkit maps characters to glyphs
 * and gives the metrics; truetype-subset.ts cuts the font program (a few KB, well under a millisecond).
 * Glyphs DejaVu lacks are drawn as .notdef.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { create as createFont } from '@pdf-lib/fontkit';
import type { Font } from '@pdf-lib/fontkit';
import { descriptorMetrics, subsetTag, toUnicodeCMap } from '../pdf/cid-font';
import type { IncrementalUpdate } from '../pdf/incremental-writer';
import { PdfRef, PdfStream, PdfString, dict, formatNumber, name } from '../pdf/objects';
import { TrueTypeSubsetter, type TrueTypeSubset } from './truetype-subset';

export interface AppearanceRequest {
  /** The widget's /Rect as read: [x1 y1 x2 y2] in any corner order. */
  rect: readonly number[];
  /** Lines from top to bottom; the first is set larger. */
  lines: readonly string[];
}

const PADDING = 2;
const MAX_FONT_SIZE = 11;
const LINE_HEIGHT = 1.25;
const FIRST_LINE_SCALE = 1.2;

let dejaVu: { font: Font; subsetter: TrueTypeSubsetter } | undefined;

function loadFont(): { font: Font; subsetter: TrueTypeSubsetter } {
  if (!dejaVu) {
    const bytes = readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
    dejaVu = { font: createFont(bytes), subsetter: new TrueTypeSubsetter(bytes) };
  }
  return dejaVu;
}

/** Adds the appearance's objects to `update` and returns the reference of the form XObject (for /AP /N). */
export function addSignatureAppearance(update: IncrementalUpdate, request: AppearanceRequest): PdfRef {
  const [x1, y1, x2, y2] = request.rect;
  const width = Math.abs(x2 - x1);
  const height = Math.abs(y2 - y1);
  const { font, subsetter } = loadFont();
  const lineGlyphs = request.lines.map((line) => [...line].map((ch) => ({ codePoint: ch.codePointAt(0)!, glyph: font.glyphForCodePoint(ch.codePointAt(0)!) })));
  const subset = subsetter.subset(lineGlyphs.flat().map(({ glyph }) => glyph.id));
  // CIDs are the subset's glyph ids (CIDToGIDMap /Identity); the first character seen names a glyph in ToUnicode.
  const unicodeOf = new Map<number, number>();
  const encoded = lineGlyphs.map((glyphs) => {
    let hex = '';
    let advance = 0;
    for (const { codePoint, glyph } of glyphs) {
      const cid = subset.newIdOf.get(glyph.id)!;
      if (cid !== 0 && !unicodeOf.has(cid)) unicodeOf.set(cid, codePoint);
      hex += cid.toString(16).padStart(4, '0');
      advance += glyph.advanceWidth;
    }
    return { hex, advance: advance / font.unitsPerEm };
  });

  // One size for all lines but the first, chosen so every line fits both ways.
  const lineCount = request.lines.length;
  const emHeight = (FIRST_LINE_SCALE + (lineCount - 1)) * LINE_HEIGHT;
  let size = Math.min(MAX_FONT_SIZE, (height - 2 * PADDING) / emHeight);
  encoded.forEach((line, i) => {
    const scale = i === 0 ? FIRST_LINE_SCALE : 1;
    if (line.advance > 0) size = Math.min(size, (width - 2 * PADDING) / (line.advance * scale));
  });
  size = Math.max(size, 1);

  const ascent = font.ascent / font.unitsPerEm;
  let content = `q 0 0 ${formatNumber(width)} ${formatNumber(height)} re W n BT 0 0 0 rg\n`;
  let baseline = height - PADDING;
  encoded.forEach((line, i) => {
    const lineSize = i === 0 ? size * FIRST_LINE_SCALE : size;
    baseline -= i === 0 ? ascent * lineSize : lineSize * LINE_HEIGHT;
    content += `/F1 ${formatNumber(lineSize)} Tf 1 0 0 1 ${PADDING} ${formatNumber(baseline)} Tm <${line.hex}> Tj\n`;
  });
  content += 'ET Q\n';

  const fontRef = addType0Font(update, font, subset, unicodeOf);
  const formRef = update.allocate();
  update.set(
    formRef,
    new PdfStream(
      dict({
        Type: name('XObject'),
        Subtype: name('Form'),
        BBox: [0, 0, width, height],
        Resources: dict({ Font: dict({ F1: fontRef }) }),
      }),
      Buffer.from(content, 'latin1'),
    ),
  );
  return formRef;
}

function addType0Font(update: IncrementalUpdate, font: Font, subset: TrueTypeSubset, unicodeOf: Map<number, number>): PdfRef {
  const { fontFile } = subset;
  // ISO 32000-1, 9.6.4: a subset's name is a six-letter tag + "+"; derived from the bytes so runs repeat exactly.
  const tag = subsetTag(createHash('sha256').update(fontFile).digest());
  const baseFont = name(`${tag}+${font.postscriptName ?? 'DejaVuSans'}`);
  const scale = 1000 / font.unitsPerEm;
  const per = (value: number): number => Math.round(value * scale);

  const fileRef = update.allocate();
  update.set(fileRef, new PdfStream(dict({ Length1: fontFile.length }), fontFile));
  const descriptorRef = update.allocate();
  update.set(
    descriptorRef,
    dict({
      Type: name('FontDescriptor'),
      FontName: baseFont,
      Flags: 4,
      ...descriptorMetrics(font),
      StemV: 80,
      FontFile2: fileRef,
    }),
  );
  const cidFontRef = update.allocate();
  update.set(
    cidFontRef,
    dict({
      Type: name('Font'),
      Subtype: name('CIDFontType2'),
      BaseFont: baseFont,
      CIDSystemInfo: dict({ Registry: PdfString.fromText('Adobe'), Ordering: PdfString.fromText('Identity'), Supplement: 0 }),
      FontDescriptor: descriptorRef,
      W: [0, subset.advanceWidths.map(per)],
      CIDToGIDMap: name('Identity'),
    }),
  );
  const toUnicodeRef = update.allocate();
  update.set(toUnicodeRef, new PdfStream(dict({}), Buffer.from(toUnicodeCMap([...unicodeOf.entries()].sort((a, b) => a[0] - b[0])), 'latin1')));
  const fontRef = update.allocate();
  update.set(
    fontRef,
    dict({
      Type: name('Font'),
      Subtype: name('Type0'),
      BaseFont: baseFont,
      Encoding: name('Identity-H'),
      DescendantFonts: [cidFontRef],
      ToUnicode: toUnicodeRef,
    }),
  );
  return fontRef;
}
