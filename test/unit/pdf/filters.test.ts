import { deflateSync } from 'node:zlib';
import { applyPredictor, decodeFilters } from '../../../src/pdf/filters';
import { dict } from '../../../src/pdf/objects';

/** PNG row filters as an encoder writes them (RFC 2083, 6), to check the decoder against. */
function pngEncode(rows: number[][], bytesPerPixel: number, types: number[]): Uint8Array {
  const out: number[] = [];
  rows.forEach((row, r) => {
    const type = types[r % types.length]!;
    out.push(type);
    row.forEach((value, i) => {
      const left = i >= bytesPerPixel ? row[i - bytesPerPixel]! : 0;
      const up = r > 0 ? rows[r - 1]![i]! : 0;
      const upLeft = r > 0 && i >= bytesPerPixel ? rows[r - 1]![i - bytesPerPixel]! : 0;
      const p = left + up - upLeft;
      const paeth = Math.abs(p - left) <= Math.abs(p - up) && Math.abs(p - left) <= Math.abs(p - upLeft) ? left : Math.abs(p - up) <= Math.abs(p - upLeft) ? up : upLeft;
      const predicted = [0, left, up, (left + up) >> 1, paeth][type]!;
      out.push((value - predicted) & 0xff);
    });
  });
  return Uint8Array.from(out);
}

describe('applyPredictor', () => {
  const rows = [
    [1, 2, 3, 250, 251, 252],
    [9, 8, 7, 6, 5, 4],
    [255, 0, 255, 0, 128, 64],
    [10, 20, 30, 40, 50, 60],
    [7, 7, 7, 7, 7, 7],
  ];

  it.each([0, 1, 2, 3, 4])('undoes PNG row filter %i', (type) => {
    const encoded = pngEncode(rows, 3, [type]);
    const decoded = applyPredictor(encoded, dict({ Predictor: 12, Colors: 3, Columns: 2 }), 'test');
    expect(Array.from(decoded)).toEqual(rows.flat());
  });

  it('undoes a mix of PNG row filters as xref streams use them (/Columns, one colour)', () => {
    const encoded = pngEncode(rows, 1, [2, 4, 1, 3, 0]);
    expect(Array.from(applyPredictor(encoded, dict({ Predictor: 15, Columns: 6 }), 'test'))).toEqual(rows.flat());
  });

  it('undoes the TIFF predictor', () => {
    const encoded = Uint8Array.from([1, 1, 1, 5, 250, 10]);
    expect(Array.from(applyPredictor(encoded, dict({ Predictor: 2, Columns: 3, Colors: 2 }), 'test'))).toEqual([1, 1, 2, 6, 252, 16]);
  });

  it('refuses rows that do not fit, unknown row filters and unknown predictors', () => {
    expect(() => applyPredictor(Uint8Array.from([2, 1, 2]), dict({ Predictor: 12, Columns: 3 }), 'test')).toThrow(/whole number/);
    expect(() => applyPredictor(Uint8Array.from([5, 1]), dict({ Predictor: 12, Columns: 1 }), 'test')).toThrow(/unknown PNG row filter 5/);
    expect(() => applyPredictor(Uint8Array.from([0]), dict({ Predictor: 7 }), 'test')).toThrow(/unknown \/Predictor 7/);
  });
});

describe('decodeFilters', () => {
  it('inflates FlateDecode data then applies the predictor', () => {
    const rows = [[0, 1, 0, 2], [1, 0, 5, 7]];
    const data = deflateSync(pngEncode(rows, 1, [2]));
    const out = decodeFilters(data, [{ name: 'FlateDecode', parms: dict({ Predictor: 12, Columns: 4 }) }], 1024, 'test');
    expect(Array.from(out)).toEqual(rows.flat());
  });

  it('refuses other filters as unsupported', () => {
    expect(() => decodeFilters(Uint8Array.from([1]), [{ name: 'LZWDecode' }], 1024, 'test')).toThrow(expect.objectContaining({ code: 'ERR_PDF_UNSUPPORTED' }));
  });
});
