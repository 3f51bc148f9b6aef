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

/** What each inflate says of `data`: the bytes, or the error code. */
function verdicts(data: Uint8Array): { browser: string; node: string } {
  const verdict = (inflate: typeof nodeInflate): string => {
    try {
      return Buffer.from(inflate(data, 1 << 24, 'object 7')).toString('hex');
    } catch (error) {
      return (error as { code: string }).code;
    }
  };
  return { browser: verdict(browserInflate), node: verdict(nodeInflate) };
}

describe('the Adler-32 trailer (RFC 1950), checked by both', () => {
  // Lengths whose deflate data end on a byte boundary and inside a byte: the trailer is found in both cases.
  const streams = [Buffer.from('hello world hello world'), Buffer.alloc(100_000, 0x78), sample()].map((input) => deflateSync(input));

  it.each(streams.map((stream, i) => [i, stream] as const))('stream %i: a wrong checksum is refused by both', (_, stream) => {
    for (const byte of [1, 2, 3, 4]) {
      const corrupt = Buffer.from(stream);
      corrupt[corrupt.length - byte]! ^= 0x01;
      expect(verdicts(corrupt)).toEqual({ browser: 'ERR_PDF_MALFORMED', node: 'ERR_PDF_MALFORMED' });
    }
  });

  it.each(streams.map((stream, i) => [i, stream] as const))('stream %i: bytes after the trailer are ignored by both, a cut trailer refused by both', (_, stream) => {
    const trailing = verdicts(Buffer.concat([stream, Buffer.from('\r\n')]));
    expect(trailing.browser).toBe(trailing.node);
    expect(trailing.node).not.toMatch(/^ERR_/);
    expect(verdicts(Buffer.concat([stream.subarray(0, stream.length - 1), Buffer.from('\n')]))).toEqual({ browser: 'ERR_PDF_MALFORMED', node: 'ERR_PDF_MALFORMED' });
    expect(verdicts(stream.subarray(0, stream.length - 2))).toEqual({ browser: 'ERR_PDF_MALFORMED', node: 'ERR_PDF_MALFORMED' });
  });
});
