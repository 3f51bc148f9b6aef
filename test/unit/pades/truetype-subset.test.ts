import { readFileSync } from 'node:fs';
import { create } from '@pdf-lib/fontkit';
import { TrueTypeSubsetter } from '../../../src/pades/truetype-subset';

const bytes = readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
const original = create(bytes);

function wholeFontChecksum(font: Buffer): number {
  let sum = 0;
  for (let i = 0; i < font.length; i += 4) sum = (sum + font.readUInt32BE(i)) >>> 0;
  return sum;
}

describe('TrueTypeSubsetter', () => {
  const text = 'Åsa Öberg, Ordförande – Signerat 2023-10-03 09:32 §';
  const ids = [...text].map((ch) => original.glyphForCodePoint(ch.codePointAt(0)!).id);
  const subset = new TrueTypeSubsetter(bytes).subset(ids);
  const cut = create(subset.fontFile);

  it('keeps .notdef first and every requested glyph, outlines and widths unchanged', () => {
    expect(subset.newIdOf.get(0)).toBe(0);
    for (const id of ids) {
      const newId = subset.newIdOf.get(id)!;
      expect(cut.getGlyph(newId).path.toSVG()).toBe(original.getGlyph(id).path.toSVG());
      expect(cut.getGlyph(newId).advanceWidth).toBe(original.getGlyph(id).advanceWidth);
      expect(subset.advanceWidths[newId]).toBe(original.getGlyph(id).advanceWidth);
    }
  });

  it('pulls in the components of composite glyphs (DejaVu\u2019s Ö is O + dieresis, glyph 5922) and renumbers them', () => {
    const dieresis = 5922;
    expect(ids).not.toContain(dieresis);
    expect(subset.newIdOf.has(dieresis)).toBe(true);
    expect(cut.getGlyph(subset.newIdOf.get(dieresis)!).path.toSVG()).toBe(original.getGlyph(dieresis).path.toSVG());
    expect(cut.numGlyphs).toBe(subset.advanceWidths.length);
  });

  it('is small, and its checksums are right (head.checkSumAdjustment makes the font sum 0xB1B0AFBA)', () => {
    expect(subset.fontFile.length).toBeLessThan(20_000);
    expect(subset.fontFile.length % 4).toBe(0);
    expect(wholeFontChecksum(subset.fontFile)).toBe(0xb1b0afba);
  });

  it('refuses a glyph id the font does not have', () => {
    expect(() => new TrueTypeSubsetter(bytes).subset([original.numGlyphs])).toThrow(RangeError);
  });
});
