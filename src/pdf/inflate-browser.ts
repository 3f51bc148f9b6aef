/**
 * FlateDecode's inflate for the browser build (scripts/build-browser.ts puts it in place of inflate.ts):
 * the same signature and errors, on fflate's pure-JavaScript inflater. The browser's DecompressionStream
 * is asynchronous and the parser decodes streams synchronously, so it cannot serve here. Unlike zlib,
 * fflate does not check the Adler-32 trailer; a corrupt deflate stream is refused all the same.
 */
import { Unzlib } from 'fflate';
import { PdfFormatError } from '../errors';

class OutputLimitError extends Error {}

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
  return out.subarray(0, length);
}
