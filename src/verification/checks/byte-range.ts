/**
 * ETSI EN 319 102-1 5.2.2 format checking ("FC") of a PDF signature's /ByteRange and /Contents
 * (ISO 32000-1, 12.8.1; PADES-NOTES "universal signature forgery" and "signature wrapping"): fail
 * closed on every shape but [0 a b c] whose gap is exactly this dictionary's /Contents hex string and
 * whose end is a revision boundary with every earlier xref section and object inside the signed bytes.
 */
import type { PdfFile, Revision } from '../../pdf/parser';
import { PdfString, type PdfDict, type PdfObject } from '../../pdf/objects';
import type { Coverage, Reason } from '../model';

export interface ByteRangeFacts {
  byteRange?: [number, number, number, number];
  coverage: Coverage;
  /** Index (0-based) of the revision the signature covers, when the range ends at one. */
  revision?: number;
  /** The signed bytes as the two ranges, when the shape is valid. */
  parts?: [Uint8Array, Uint8Array];
  /** The /Contents bytes (hex-decoded gap). */
  contents?: Uint8Array;
  problems: Reason[];
}

/**
 * `signatureObject` is the object number of the signature dictionary as `formRevision` resolves it (the
 * latest revision; for a signature a later update removed, the last revision whose form still has it);
 * `fileEnd` is where the readable part of the file ends (trailing junk is judged elsewhere).
 */
export function checkByteRange(
  file: PdfFile, signatureDict: PdfDict, signatureObject: number | undefined, fileEnd: number, formRevision = file.revisions.length - 1,
): ByteRangeFacts {
  const problems: Reason[] = [];
  const unclear = (code: Reason['code'], detail: string): ByteRangeFacts => {
    problems.push({ code, detail });
    return { coverage: 'UNCLEAR', problems };
  };
  const bytes = file.bytes;
  // Direct values only: an indirect /ByteRange or /Contents could be re-pointed by a later revision.
  const rawRange: PdfObject | undefined = signatureDict.get('ByteRange');
  if (rawRange === undefined || rawRange === null) return unclear('BYTE_RANGE_MISSING', '/ByteRange is missing or null');
  if (!Array.isArray(rawRange) || rawRange.length !== 4 || !rawRange.every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0)) {
    return unclear('BYTE_RANGE_MALFORMED', '/ByteRange is not an array of four non-negative integers');
  }
  const [start, a, b, c] = rawRange as number[];
  const byteRange: [number, number, number, number] = [start, a, b, c];
  if (start !== 0) return { ...unclear('BYTE_RANGE_MALFORMED', `/ByteRange starts at ${start}, not 0`), byteRange };
  if (a <= 0 || b < a + 2 || c <= 0) return { ...unclear('BYTE_RANGE_MALFORMED', `/ByteRange [${byteRange.join(' ')}] ranges overlap or are empty`), byteRange };
  const end = b + c;
  if (end > fileEnd) return { ...unclear('BYTE_RANGE_MALFORMED', `/ByteRange ends at ${end}, past the end of the file (${fileEnd})`), byteRange };

  const contentsValue = signatureDict.get('Contents');
  if (!(contentsValue instanceof PdfString)) return { ...unclear('CONTENTS_MISSING', '/Contents is missing or not a direct string'), byteRange };
  // The gap must be exactly `<hex>`: opening bracket at a, closing bracket at b-1, hex digits between,
  // and those digits must spell this dictionary's /Contents.
  if (bytes[a] !== 0x3c || bytes[b - 1] !== 0x3e || (b - a - 2) % 2 !== 0) {
    return { ...unclear('BYTE_RANGE_GAP_NOT_CONTENTS', `the unsigned gap ${a}..${b} is not a hex string`), byteRange };
  }
  const contents = contentsValue.bytes;
  const gap = gapProblem(bytes, a + 1, b - 1, contents);
  if (gap) return { ...unclear('BYTE_RANGE_GAP_NOT_CONTENTS', gap), byteRange };
  // ... and it must lie inside this very dictionary's object as the form's revision locates it.
  const info = signatureObject === undefined ? undefined : file.getObject(signatureObject, formRevision);
  if (!info || info.offset === undefined || info.endOffset === undefined || info.offset > a || info.endOffset < b) {
    return { ...unclear('BYTE_RANGE_GAP_NOT_CONTENTS', 'the unsigned gap is not inside the signature dictionary object'), byteRange };
  }

  // The range must end at a revision boundary (ISO 32000-1 12.8.1: the signed revision's %%EOF); only the
  // end-of-line after %%EOF may stay unsigned.
  const revisionIndex = file.revisions.findIndex((revision) => revision.endOffset >= end && revision.eofOffset <= end);
  if (revisionIndex < 0) {
    return { ...unclear('BYTE_RANGE_NOT_AT_REVISION_END', `/ByteRange ends at ${end}, which is not the end of a revision`), byteRange };
  }
  const signed = file.revisions[revisionIndex];
  if (info.offset < (revisionIndex > 0 ? file.revisions[revisionIndex - 1].endOffset : 0)) {
    return { ...unclear('BYTE_RANGE_NOT_AT_REVISION_END', 'the signature dictionary is not part of the revision it signs'), byteRange, revision: revisionIndex };
  }
  let previousEnd = 0;
  for (const revision of file.revisions.slice(0, revisionIndex + 1)) {
    if (revision.xrefOffset < previousEnd || revision.endOffset <= previousEnd || revision.startxrefValue !== revision.xrefOffset) {
      return { ...unclear('XREF_OUTSIDE_SIGNED_RANGE', `revision ${revision.index + 1}: its xref section or startxref is out of order`), byteRange, revision: revisionIndex };
    }
    const inGap = (offset: number | undefined): boolean => offset !== undefined && offset >= a && offset < b;
    if (inGap(revision.xrefOffset) || inGap(revision.xrefStreamOffset) || (revision.xrefStreamOffset ?? 0) >= end) {
      return { ...unclear('XREF_OUTSIDE_SIGNED_RANGE', `the xref section of revision ${revision.index + 1} lies in the unsigned gap`), byteRange, revision: revisionIndex };
    }
    previousEnd = revision.endOffset;
  }
  // Merging the xref of every earlier revision costs objects × revisions per signature: only done when some
  // section of those revisions names an offset past the signed bytes at all.
  if (file.revisions.slice(0, revisionIndex + 1).some((revision) => furthestOffset(revision) >= end)) {
    for (const [num, entry] of file.visibleEntries(revisionIndex)) {
      if (entry.type === 'uncompressed' && entry.offset >= end) {
        return { ...unclear('XREF_OUTSIDE_SIGNED_RANGE', `the signed revision places object ${num} at ${entry.offset}, after the signed bytes`), byteRange, revision: revisionIndex };
      }
    }
  }
  const coverage: Coverage = revisionIndex === file.revisions.length - 1 && signed.endOffset === fileEnd ? 'ENTIRE_FILE' : 'ENTIRE_REVISION';
  return {
    byteRange,
    coverage,
    revision: revisionIndex,
    parts: [bytes.subarray(0, a), bytes.subarray(b, end)],
    contents,
    problems,
  };
}

const FURTHEST = new WeakMap<Revision, number>();

/** The largest object offset a revision's own xref section gives (-1 when it gives none). */
function furthestOffset(revision: Revision): number {
  let furthest = FURTHEST.get(revision);
  if (furthest === undefined) {
    furthest = -1;
    for (const entry of revision.entries.values()) if (entry.type === 'uncompressed' && entry.offset > furthest) furthest = entry.offset;
    FURTHEST.set(revision, furthest);
  }
  return furthest;
}

const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX[0x30 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[0x41 + i] = 10 + i;
  HEX[0x61 + i] = 10 + i;
}

/** Why the hex digits in [from, to) are not exactly `expected`, or undefined when they are. */
function gapProblem(bytes: Uint8Array, from: number, to: number, expected: Uint8Array): string | undefined {
  if (to - from !== expected.length * 2) return 'the unsigned gap is not the /Contents of this signature dictionary';
  for (let i = 0, at = from; at < to; i++, at += 2) {
    const high = HEX[bytes[at]];
    const low = HEX[bytes[at + 1]];
    if (high < 0 || low < 0) return `the unsigned gap holds a non-hex byte at ${high < 0 ? at : at + 1}`;
    if (((high << 4) | low) !== expected[i]) return 'the unsigned gap is not the /Contents of this signature dictionary';
  }
  return undefined;
}
