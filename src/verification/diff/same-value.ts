/**
 * Structural equality of PDF values across two revisions, the comparison every rule of the difference
 * analysis relies on: an object rewritten with an equal value (another filter, another object stream)
 * is no change.
 */
import type { PdfFile } from '../../pdf/parser';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfObject } from '../../pdf/objects';

/**
 * Structural equality of two direct values, the first as of `previous`, the second as of `j`:
 * references compare by identity (their targets are compared on their own), streams by decoded data.
 */
export function sameValue(file: PdfFile, a: PdfObject | undefined, b: PdfObject | undefined, previous: number, j: number, depth = 0): boolean {
  if (depth > 64) return false;
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (a instanceof PdfName || b instanceof PdfName) return a === b;
  if (a instanceof PdfRef) return b instanceof PdfRef && a.equals(b);
  if (a instanceof PdfString) return b instanceof PdfString && bytesSame(a.bytes, b.bytes);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(file, item, b[i], previous, j, depth + 1));
  if (a instanceof PdfDict) {
    if (!(b instanceof PdfDict) || a.map.size !== b.map.size) return false;
    for (const [key, item] of a.map) if (!sameValue(file, item, b.get(key), previous, j, depth + 1)) return false;
    return true;
  }
  if (a instanceof PdfStream) {
    if (!(b instanceof PdfStream)) return false;
    const ignore = ['Length', 'Filter', 'DecodeParms'];
    const keys = new Set([...a.dict.keys(), ...b.dict.keys()]);
    for (const key of keys) if (!ignore.includes(key) && !sameValue(file, a.dict.get(key), b.dict.get(key), previous, j, depth + 1)) return false;
    if (bytesSame(a.data, b.data) && sameValue(file, a.dict.get('Filter') ?? null, b.dict.get('Filter') ?? null, previous, j, depth + 1)) return true;
    return bytesSame(file.decodeStream(a, previous), file.decodeStream(b, j));
  }
  return false;
}

function bytesSame(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when the two versions of a dictionary differ at most in the `allowed` keys. */
export function onlyKeysChanged(file: PdfFile, before: PdfDict, now: PdfDict, previous: number, j: number, allowed: readonly string[]): boolean {
  return changedKeys(file, before, now, previous, j).every((key) => allowed.includes(key));
}

/** The keys whose values differ between the two versions of a dictionary. */
export function changedKeys(file: PdfFile, before: PdfDict, now: PdfDict, previous: number, j: number): string[] {
  return [...new Set([...before.keys(), ...now.keys()])].filter((key) => !sameValue(file, before.get(key), now.get(key), previous, j));
}
