/**
 * FlateDecode's inflate for the browser build (scripts/build-browser.ts puts it in place of inflate.ts):
 * the same signature and errors, on fflate's pure-JavaScript inflater. The browser's DecompressionStream
 * is asynchronous and the parser decodes streams synchronously, so it cannot serve here. Unlike zlib,
 * fflate does not check the Adler-32 trailer; a corrupt deflate stream is refused all the same.
 */
import { Unzlib } from 'fflate';
import { PdfFormatError } from '../errors';
import { concatBytes } from '../pki/der';

class OutputLimitError extends Error {}

export function inflate(data: Uint8Array, maxOutputLength: number, what: string): Uint8Array {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const inflater = new Unzlib((chunk) => {
    length += chunk.length;
    if (length > maxOutputLength) throw new OutputLimitError();
    chunks.push(chunk);
  });
  try {
    inflater.push(data, true);
  } catch (error) {
    if (error instanceof OutputLimitError) {
      throw new PdfFormatError(`${what}: FlateDecode output exceeds the limit of ${maxOutputLength} bytes`, { code: 'ERR_PDF_LIMIT_EXCEEDED', cause: error });
    }
    throw new PdfFormatError(`${what}: FlateDecode data is corrupt (${(error as Error).message})`, { cause: error });
  }
  return chunks.length === 1 ? chunks[0]! : concatBytes(chunks);
}
