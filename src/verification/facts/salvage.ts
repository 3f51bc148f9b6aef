/**
 * Signature dictionaries found by scanning the bytes, for the part of a file that no xref section makes
 * readable (a corrupted or truncated file, or an unreadable tail after its last good revision). Nothing
 * found here is verified: it only lets the report name each signature the file holds as failed, with the
 * reason, instead of saying "no signatures". One pass over the object headers (object-scan.ts); each
 * object is read only up to the next header, so the whole scan stays linear in the file's size.
 */
import { Lexer, latin1Text } from '../../pdf/lexer';
import type { PdfLimits } from '../../pdf/limits';
import { scanObjectHeaders } from '../../pdf/object-scan';
import { PdfDict, PdfRef, PdfString } from '../../pdf/objects';
import type { Reason } from '../model';

export interface SalvagedSignature {
  objectNumber: number;
  offset: number;
  /** The /T of a field whose /V refers to this dictionary, when the scan found one. */
  field?: string;
  kind: 'signature' | 'document-timestamp';
  subFilter?: string;
  byteRange?: number[];
  /** Why the signature cannot be verified: FILE_TRUNCATED or UNREADABLE_REVISION. */
  reason: Reason;
}

/** Largest object text searched for keys when the object does not read (a truncated signature dictionary). */
const RAW_WINDOW = 1 << 20;

/**
 * Signature dictionaries (/Type /Sig or /DocTimeStamp, or /ByteRange with /Contents) whose object header
 * lies at or after `from`; `structureError` says why the file's structure could not be read.
 */
export function salvageSignatures(bytes: Uint8Array, from: number, limits: PdfLimits, structureError: string): SalvagedSignature[] {
  const { headers } = scanObjectHeaders(bytes.subarray(from), limits.maxObjects);
  const found: SalvagedSignature[] = [];
  const fieldOf = new Map<number, string>();
  headers.forEach((header, i) => {
    const offset = from + header.offset;
    const windowEnd = i + 1 < headers.length ? from + headers[i + 1]!.offset : bytes.length;
    const read = readObjectValue(bytes, offset, windowEnd, limits.maxDepth);
    if (read instanceof PdfDict) {
      const value = read.get('V');
      const title = read.get('T');
      if (value instanceof PdfRef && title instanceof PdfString && (read.getName('FT') ?? 'Sig') === 'Sig') fieldOf.set(value.num, title.toText());
      const type = read.getName('Type');
      const isSignature = type === 'Sig' || type === 'DocTimeStamp' || (read.has('ByteRange') && read.has('Contents'));
      if (!isSignature) return;
      const subFilter = read.getName('SubFilter');
      const range = read.get('ByteRange');
      const byteRange = Array.isArray(range) && range.every((n) => typeof n === 'number') ? (range as number[]) : undefined;
      found.push(salvaged(header.num, offset, type, subFilter, byteRange, bytes.length, true, structureError));
    } else if (read === undefined) {
      // The object does not read: look for the signature keys in its text (truncated inside /Contents).
      const text = latin1Text(bytes.subarray(offset, Math.min(windowEnd, offset + RAW_WINDOW)));
      const type = /\/Type\s*\/(Sig|DocTimeStamp)\b/.exec(text)?.[1];
      const range = /\/ByteRange\s*\[([\d\s]*)\]/.exec(text)?.[1];
      if (type === undefined && range === undefined) return;
      const subFilter = /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(text)?.[1];
      const byteRange = range?.trim().split(/\s+/).filter(Boolean).map(Number);
      found.push(salvaged(header.num, offset, type, subFilter, byteRange, bytes.length, windowEnd < bytes.length, structureError));
    }
  });
  for (const signature of found) {
    const field = fieldOf.get(signature.objectNumber);
    if (field !== undefined) signature.field = field;
  }
  return found;
}

/** The value after `n g obj`, read within [offset, end); undefined when it does not read. */
function readObjectValue(bytes: Uint8Array, offset: number, end: number, maxDepth: number): unknown {
  try {
    const lexer = new Lexer(bytes.subarray(0, end), maxDepth, offset);
    lexer.readObjectHeader();
    return lexer.readValue();
  } catch {
    return undefined;
  }
}

function salvaged(
  objectNumber: number, offset: number, type: string | undefined, subFilter: string | undefined, byteRange: number[] | undefined,
  fileLength: number, endsBeforeEof: boolean, structureError: string,
): SalvagedSignature {
  const kind = type === 'DocTimeStamp' || subFilter === 'ETSI.RFC3161' ? 'document-timestamp' : 'signature';
  const signedEnd = byteRange?.length === 4 ? byteRange[2]! + byteRange[3]! : undefined;
  const reason: Reason =
    signedEnd !== undefined && signedEnd > fileLength
      ? { code: 'FILE_TRUNCATED', detail: `the file is truncated: /ByteRange [${byteRange!.join(' ')}] reaches byte ${signedEnd}, beyond the end of the file (${fileLength} bytes)` }
      : !endsBeforeEof
        ? { code: 'FILE_TRUNCATED', detail: `the file ends inside the signature dictionary (object ${objectNumber} at byte ${offset})` }
        : { code: 'UNREADABLE_REVISION', detail: `the revision that holds this signature (object ${objectNumber} at byte ${offset}) cannot be read: ${structureError}` };
  return { objectNumber, offset, kind, ...(subFilter ? { subFilter } : {}), ...(byteRange ? { byteRange } : {}), reason };
}
