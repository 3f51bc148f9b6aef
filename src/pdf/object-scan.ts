/**
 * A linear scan of a file's bytes for the headers `n g obj` of its objects, ignoring the xref: what a
 * reconstructing reader (pdf.js' indexObjects, PDFBox's brute-force search, MuPDF's repair) sees. Stream
 * data is skipped up to the next `endstream`, so a header-like text inside a stream is not a header.
 * The parser uses it only to confirm an xref offset it corrects; the verifier's salvage scan to find
 * signature dictionaries in a file whose structure cannot be read. Never a replacement for the xref.
 */
import { isDigit, isRegular, isWhitespace } from './lexer';

export interface ObjectHeaderAt {
  num: number;
  gen: number;
  /** Offset of the first digit of the object number. */
  offset: number;
}

export interface ObjectScan {
  headers: ObjectHeaderAt[];
  /** True when the scan stopped at `maxHeaders`: its answer is then not the whole file's. */
  truncated: boolean;
}

/** First offset of `text` at or after `from`, or -1. */
export function indexOfText(bytes: Uint8Array, text: string, from = 0): number {
  const first = text.charCodeAt(0);
  for (let i = bytes.indexOf(first, from); i >= 0 && i <= bytes.length - text.length; i = bytes.indexOf(first, i + 1)) {
    let match = true;
    for (let j = 1; j < text.length && match; j++) match = bytes[i + j] === text.charCodeAt(j);
    if (match) return i;
  }
  return -1;
}

function endsWith(bytes: Uint8Array, end: number, text: string): boolean {
  if (end < text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[end - text.length + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** The header whose `obj` ends just before `end`, read backwards: digits, white-space, digits, white-space. */
function headerBefore(bytes: Uint8Array, end: number): ObjectHeaderAt | undefined {
  let pos = end - 3;
  if (pos <= 0 || !isWhitespace(bytes[pos - 1]!)) return undefined;
  while (pos > 0 && isWhitespace(bytes[pos - 1]!)) pos--;
  const genEnd = pos;
  while (pos > 0 && isDigit(bytes[pos - 1]!)) pos--;
  if (pos === genEnd || pos === 0 || !isWhitespace(bytes[pos - 1]!)) return undefined;
  const genStart = pos;
  while (pos > 0 && isWhitespace(bytes[pos - 1]!)) pos--;
  const numEnd = pos;
  while (pos > 0 && isDigit(bytes[pos - 1]!)) pos--;
  if (pos === numEnd || (pos > 0 && isRegular(bytes[pos - 1]!))) return undefined;
  // Longer digit runs than any object number (10 digits) or generation (5) are not headers.
  if (numEnd - pos > 10 || genEnd - genStart > 5) return undefined;
  const value = (from: number, to: number): number => {
    let result = 0;
    for (let i = from; i < to; i++) result = result * 10 + bytes[i]! - 0x30;
    return result;
  };
  return { num: value(pos, numEnd), gen: value(genStart, genEnd), offset: pos };
}

/** Every object header in file order; stops after `maxHeaders` (a hostile file could hold millions). */
export function scanObjectHeaders(bytes: Uint8Array, maxHeaders: number): ObjectScan {
  const headers: ObjectHeaderAt[] = [];
  const length = bytes.length;
  for (let i = 0; i < length; i++) {
    const byte = bytes[i]!;
    if (byte === 0x6a /* j */) {
      if (!endsWith(bytes, i + 1, 'obj') || (i + 1 < length && isRegular(bytes[i + 1]!))) continue;
      const header = headerBefore(bytes, i + 1);
      if (!header) continue;
      if (headers.length >= maxHeaders) return { headers, truncated: true };
      headers.push(header);
    } else if (byte === 0x6d /* m */ && endsWith(bytes, i + 1, 'stream') && !endsWith(bytes, i + 1, 'endstream')) {
      const next = bytes[i + 1];
      const before = bytes[i - 6];
      if ((next !== 0x0a && next !== 0x0d) || before === undefined || isRegular(before)) continue;
      const end = indexOfText(bytes, 'endstream', i + 1);
      if (end < 0) break;
      i = end + 8;
    }
  }
  return { headers, truncated: false };
}
