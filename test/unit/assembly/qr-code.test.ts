import { create } from 'qrcode';
import { qrModules } from '../../../src/assembly/qr-code';

describe('qrModules', () => {
  it('covers exactly the dark modules of the symbol with its runs', () => {
    const url = 'http://localhost:3000/verifiera/ANKJ-6YYX';
    const { size, runs } = qrModules(url);
    const expected = create(url, { errorCorrectionLevel: 'M' }).modules;
    expect(size).toBe(expected.size);
    const drawn = new Uint8Array(size * size);
    for (const run of runs) {
      for (let column = run.column; column < run.column + run.length; column++) {
        expect(drawn[run.row * size + column]).toBe(0);
        drawn[run.row * size + column] = 1;
      }
    }
    expect(Array.from(drawn)).toEqual(Array.from(expected.data, (bit) => (bit ? 1 : 0)));
  });
});
