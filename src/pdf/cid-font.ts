/**
 * The parts of an embedded TrueType subset as a Type0/CIDFontType2 font (ISO 32000-1, 9.7) that every
 * embedder writes the same way: the ToUnicode CMap, the subset tag and the descriptor's metrics. Pure
 * text and numbers; the callers (assembly through pdf-lib, pades through the incremental writer) write
 * the objects and choose the glyphs.
 */

/** What the descriptor's metrics are read from (a fontkit Font has these). */
export interface FontMetricsSource {
  unitsPerEm: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  ascent: number;
  descent: number;
  capHeight?: number;
  italicAngle: number;
  glyphForCodePoint(codePoint: number): { bbox: { maxY: number } };
}

/** FontBBox, ItalicAngle, Ascent, Descent and CapHeight of a FontDescriptor (9.8.1), in glyph space (1/1000 em). */
export function descriptorMetrics(font: FontMetricsSource): {
  FontBBox: number[];
  ItalicAngle: number;
  Ascent: number;
  Descent: number;
  CapHeight: number;
} {
  const units = (value: number): number => Math.round((value * 1000) / font.unitsPerEm);
  return {
    FontBBox: [units(font.bbox.minX), units(font.bbox.minY), units(font.bbox.maxX), units(font.bbox.maxY)],
    ItalicAngle: font.italicAngle,
    Ascent: units(font.ascent),
    Descent: units(font.descent),
    // DejaVu's OS/2 table (version 1) has no sCapHeight; the height of "H" is what the field means.
    CapHeight: units(font.capHeight || font.glyphForCodePoint(0x48).bbox.maxY),
  };
}

/** 9.6.4: a subset's BaseFont starts with six upper-case letters and "+"; taken from a digest so runs repeat exactly. */
export function subsetTag(digest: Uint8Array): string {
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (digest[i] % 26));
  return tag;
}

/**
 * 9.10.3: the ToUnicode CMap, so text extraction gives back the letters. `entries` are [CID, code point]
 * in ascending CID order; a code point beyond the BMP is written as its UTF-16 surrogate pair.
 */
export function toUnicodeCMap(entries: Iterable<readonly [cid: number, codePoint: number]>): string {
  const hex4 = (n: number): string => n.toString(16).padStart(4, '0').toUpperCase();
  const utf16 = (codePoint: number): string => {
    const units = String.fromCodePoint(codePoint);
    let hex = '';
    for (let i = 0; i < units.length; i++) hex += hex4(units.charCodeAt(i));
    return hex;
  };
  const lines = Array.from(entries, ([cid, codePoint]) => `<${hex4(cid)}> <${utf16(codePoint)}>`);
  let body = '';
  // At most 100 entries per bfchar block (PDF reference, 5.9.2).
  for (let i = 0; i < lines.length; i += 100) {
    const block = lines.slice(i, i + 100);
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
