/**
 * FlateDecode's inflate, the one Node-only piece of the byte level (node:zlib). A browser build
 * replaces this module with one of the same signature (e.g. over DecompressionStream or fflate).
 */
import { inflateSync } from 'node:zlib';
import { PdfFormatError } from '../errors';

/** Inflates zlib data (RFC 1950); more than `maxOutputLength` bytes out is a limit error, corrupt data a format error. */
export function inflate(data: Uint8Array, maxOutputLength: number, what: string): Uint8Array {
  try {
    const out = inflateSync(data, { maxOutputLength });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (error) {
    if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new PdfFormatError(`${what}: FlateDecode output exceeds the limit of ${maxOutputLength} bytes`, { code: 'ERR_PDF_LIMIT_EXCEEDED', cause: error });
    }
    throw new PdfFormatError(`${what}: FlateDecode data is corrupt (${(error as Error).message})`, { cause: error });
  }
}
