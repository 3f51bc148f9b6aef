import { descriptorMetrics, subsetTag, toUnicodeCMap } from '../../../src/pdf/cid-font';

describe('toUnicodeCMap', () => {
  it('maps CIDs to UTF-16BE, with a surrogate pair beyond the BMP', () => {
    const cmap = toUnicodeCMap([
      [1, 0xe5],
      [2, 0x1f600],
    ]);
    expect(cmap).toContain('2 beginbfchar\n<0001> <00E5>\n<0002> <D83DDE00>\nendbfchar\n');
    expect(cmap).toContain('1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n');
  });

  it('splits the entries into blocks of at most 100', () => {
    const cmap = toUnicodeCMap(Array.from({ length: 250 }, (_, i) => [i + 1, 0x41 + (i % 26)] as const));
    expect(cmap.match(/(\d+) beginbfchar/g)).toEqual(['100 beginbfchar', '100 beginbfchar', '50 beginbfchar']);
  });
});

describe('subsetTag', () => {
  it('gives six upper-case letters from the digest', () => {
    expect(subsetTag(Uint8Array.from([0, 25, 26, 51, 255, 100, 7]))).toBe('AZAZVW');
  });
});

describe('descriptorMetrics', () => {
  it('scales to 1/1000 em and takes the height of H when the font has no cap height', () => {
    const font = {
      unitsPerEm: 2048,
      bbox: { minX: -2048, minY: -1024, maxX: 4096, maxY: 2048 },
      ascent: 1901,
      descent: -483,
      italicAngle: 0,
      glyphForCodePoint: (codePoint: number) => ({ bbox: { maxY: codePoint === 0x48 ? 1493 : 0 } }),
    };
    expect(descriptorMetrics(font)).toEqual({ FontBBox: [-1000, -500, 2000, 1000], ItalicAngle: 0, Ascent: 928, Descent: -236, CapHeight: 729 });
  });
});
