/**
 * Walks over the references of a revision's object graph for the difference analysis, bounded so that a
 * hostile graph ends in a verdict.
 */
import type { PdfFile } from '../../pdf/parser';
import { PdfDict, PdfRef, PdfStream, type PdfObject } from '../../pdf/objects';

export const MAX_WALK = 200_000;

/** Calls `onRef` for every reference directly inside `value` (not following them); `skipKey` leaves one entry of a dictionary out. */
export function collectRefs(value: PdfObject | undefined, onRef: (ref: PdfRef) => void, skipKey?: string): void {
  if (value instanceof PdfRef) onRef(value);
  else if (Array.isArray(value)) for (const item of value) collectRefs(item, onRef);
  else if (value instanceof PdfDict) {
    for (const [key, item] of value.map) if (key !== skipKey) collectRefs(item, onRef);
  } else if (value instanceof PdfStream) collectRefs(value.dict, onRef);
}

/** Depth-first over references from `root` as of `revision`; `enter` says whether to go below a reference. */
export function walkRefs(file: PdfFile, root: PdfObject | undefined, revision: number, enter: (ref: PdfRef) => boolean): void {
  const seen = new Set<number>();
  const stack: PdfObject[] = [];
  if (root !== undefined) stack.push(root);
  while (stack.length > 0 && seen.size < MAX_WALK) {
    const value = stack.pop()!;
    collectRefs(value, (ref) => {
      if (seen.has(ref.num)) return;
      seen.add(ref.num);
      if (!enter(ref)) return;
      try {
        const resolved = file.getObject(ref.num, revision)?.value;
        if (resolved !== undefined) stack.push(resolved);
      } catch {
        // unreadable objects are reported by the main walk
      }
    });
  }
}
