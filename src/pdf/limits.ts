/**
 * Resource limits of the byte level. Every PDF we read may be hostile (the public verification page
 * takes uploads), so each unbounded quantity of the format has a ceiling here.
 */

export interface PdfLimits {
  /** Largest file accepted, in bytes. */
  maxFileSize: number;
  /** Largest decoded size of one stream, in bytes. */
  maxStreamSize: number;
  /** Largest decoded size of all streams of one file together, in bytes. */
  maxTotalDecodedSize: number;
  /** Deepest nesting of arrays and dictionaries inside one object. */
  maxDepth: number;
  /** Most entries in all xref sections together (and the highest object number + 1). */
  maxObjects: number;
  /** Most revisions (xref sections linked by /Prev). */
  maxRevisions: number;
  /** Longest chain of indirect references that merely point at another reference. */
  maxReferenceChain: number;
}

export const DEFAULT_LIMITS: Readonly<PdfLimits> = Object.freeze({
  maxFileSize: 100 * 1024 * 1024,
  maxStreamSize: 64 * 1024 * 1024,
  maxTotalDecodedSize: 256 * 1024 * 1024,
  maxDepth: 100,
  maxObjects: 1_000_000,
  maxRevisions: 1000,
  maxReferenceChain: 32,
});

export function resolveLimits(limits: Partial<PdfLimits> = {}): PdfLimits {
  const merged: PdfLimits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof PdfLimits)[]) {
    const value = limits[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`PDF limit ${key} must be a positive integer, got ${value}`);
    merged[key] = value;
  }
  return merged;
}
