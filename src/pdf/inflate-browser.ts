/**
 * FlateDecode's inflate for the browser build (scripts/build-browser.ts puts it in place of inflate.ts):
 * the same signature and errors, on fflate's pure-JavaScript inflater. The browser's DecompressionStream
 * is asynchronous and the parser decodes streams synchronously, so it cannot serve here. fflate does not
 * check the Adler-32 trailer (RFC 1950 2.2) that node:zlib checks: it is checked here, so that a file the
 * server refuses as corrupt is refused in the page too.
 */
import { Unzlib } from 'fflate';
import { PdfFormatError } from '../errors';

class OutputLimitError extends Error {}

/*
 * Where fflate stopped reading: `p`, the input it has not consumed (without the last 4 bytes, which it
 * takes for the trailer), and `s.p`, the bit position in its first byte. Not public API; a test
 * (test/unit/pdf/inflate-browser.test.ts) holds this version of fflate to it.
 */
interface UnzlibState {
  p: Uint8Array;
  s: { p: number };
}

/** Offset of the Adler-32 trailer: the byte after the last bit of the deflate data. */
function trailerOffset(inflater: Unzlib, inputLength: number): number {
  const state = inflater as unknown as UnzlibState;
  return inputLength - 4 - state.p.length + (state.s.p & 7 ? 1 : 0);
}

/** RFC 1950 8.2; sums stay exact in doubles for 5552 bytes between two reductions (the zlib bound). */
function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let start = 0; start < data.length; start += 5552) {
    const end = Math.min(data.length, start + 5552);
    for (let i = start; i < end; i++) {
      a += data[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return (b * 65536 + a) >>> 0;
}

export function inflate(data: Uint8Array, maxOutputLength: number, what: string): Uint8Array {
  // One buffer that grows by doubling, never past the limit: a bomb stops at the limit, not after it.
  let out = new Uint8Array(Math.min(maxOutputLength, Math.max(1024, data.length * 4)));
  let length = 0;
  const inflater = new Unzlib((chunk) => {
    if (length + chunk.length > maxOutputLength) throw new OutputLimitError();
    if (length + chunk.length > out.length) {
      const grown = new Uint8Array(Math.min(maxOutputLength, Math.max(out.length * 2, length + chunk.length)));
      grown.set(out.subarray(0, length));
      out = grown;
    }
    out.set(chunk, length);
    length += chunk.length;
  });
  try {
    inflater.push(data, true);
  } catch (error) {
    if (error instanceof OutputLimitError) {
      throw new PdfFormatError(`${what}: FlateDecode output exceeds the limit of ${maxOutputLength} bytes`, { code: 'ERR_PDF_LIMIT_EXCEEDED', cause: error });
    }
    throw new PdfFormatError(`${what}: FlateDecode data is corrupt (${(error as Error).message})`, { cause: error });
  }
  // Bytes after the trailer are ignored, as node:zlib ignores them.
  const trailer = trailerOffset(inflater, data.length);
  if (trailer + 4 > data.length) throw new PdfFormatError(`${what}: FlateDecode data is corrupt (unexpected end of file)`);
  const output = out.subarray(0, length);
  const expected = ((data[trailer]! << 24) | (data[trailer + 1]! << 16) | (data[trailer + 2]! << 8) | data[trailer + 3]!) >>> 0;
  if (adler32(output) !== expected) throw new PdfFormatError(`${what}: FlateDecode data is corrupt (incorrect data check)`);
  return output;
}
