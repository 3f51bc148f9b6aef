/** The browser build's inflate (fflate) gives what zlib's does, with the same limit and corrupt-data errors. */
import { deflateSync } from 'node:zlib';
import { inflate as browserInflate } from '../../../src/pdf/inflate-browser';
import { inflate as nodeInflate } from '../../../src/pdf/inflate';
import { seededRandom } from '../../helpers/seeded-random';

function sample(): Uint8Array {
  const random = seededRandom(14);
  const text = Array.from({ length: 1000 }, (_, i) => `BT /F1 12 Tf 72 ${700 - (i % 50) * 12} Td (Rad ${i}) Tj ET\n`).join('');
  const noise = Uint8Array.from({ length: 20_000 }, () => Math.floor(random() * 256));
  return Buffer.concat([Buffer.from(text, 'latin1'), noise]);
}

it.each([0, 1, 6, 9])('level %i: the same bytes as zlib', (level) => {
  const compressed = deflateSync(sample(), { level });
  expect(Buffer.from(browserInflate(compressed, 1 << 24, 'stream'))).toEqual(Buffer.from(nodeInflate(compressed, 1 << 24, 'stream')));
});

it('more output than the limit is a limit error, corrupt data a format error', () => {
  const compressed = deflateSync(sample());
  expect(() => browserInflate(compressed, 1000, 'object 7')).toThrow(expect.objectContaining({ code: 'ERR_PDF_LIMIT_EXCEEDED' }));
  expect(() => nodeInflate(compressed, 1000, 'object 7')).toThrow(expect.objectContaining({ code: 'ERR_PDF_LIMIT_EXCEEDED' }));
  const corrupt = Buffer.from(compressed);
  corrupt.fill(0xff, 2, 40);
  expect(() => browserInflate(corrupt, 1 << 24, 'object 7')).toThrow(/object 7: FlateDecode data is corrupt/);
  expect(() => browserInflate(compressed.subarray(0, 100), 1 << 24, 'object 7')).toThrow(/object 7: FlateDecode data is corrupt/);
});
