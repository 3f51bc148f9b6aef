/**
 * The page tree (ISO 32000-1, 7.7.3): the pages of a revision in order. Strict: a node reached twice
 * (a cycle or a shared subtree), a kid that is not an indirect page or page tree node, or a /Count that
 * does not match is a PdfFormatError, because readers would disagree about what the document shows.
 */
import { PdfFormatError } from '../errors';
import { PdfObject, PdfRef } from './objects';
import { PdfFile, Revision } from './parser';

/** The refs of every page of the document as of `revision` (default: the latest), in page order. */
export function listPages(file: PdfFile, revision?: number | Revision): PdfRef[] {
  const root = file.catalog(revision).get('Pages');
  if (!(root instanceof PdfRef)) throw new PdfFormatError('the catalog /Pages is not an indirect reference');
  const pages: PdfRef[] = [];
  const visited = new Set<string>();
  walk(file, root, revision, pages, visited, 0);
  return pages;
}

function walk(file: PdfFile, ref: PdfRef, revision: number | Revision | undefined, pages: PdfRef[], visited: Set<string>, depth: number): number {
  if (depth > file.limits.maxDepth) {
    throw new PdfFormatError(`the page tree is deeper than ${file.limits.maxDepth} levels`, { code: 'ERR_PDF_LIMIT_EXCEEDED' });
  }
  if (visited.has(ref.key)) throw new PdfFormatError(`page tree node ${ref.toString()} is reached twice (a cycle or a shared node)`);
  visited.add(ref.key);
  const node = file.resolveDict(ref, revision);
  if (!node) throw new PdfFormatError(`page tree node ${ref.toString()} is not a dictionary`);
  const type = node.getName('Type');
  if (type === 'Page') {
    pages.push(ref);
    return 1;
  }
  if (type !== 'Pages') throw new PdfFormatError(`page tree node ${ref.toString()} has /Type ${type === undefined ? 'missing' : `/${type}`}, not /Page or /Pages`);
  const kids = file.resolveArray(node.get('Kids'), revision);
  if (!kids) throw new PdfFormatError(`page tree node ${ref.toString()} has no /Kids array`);
  let count = 0;
  for (const kid of kids as PdfObject[]) {
    if (!(kid instanceof PdfRef)) throw new PdfFormatError(`page tree node ${ref.toString()} has a kid that is not an indirect reference`);
    count += walk(file, kid, revision, pages, visited, depth + 1);
  }
  const declared = file.resolve(node.get('Count'), revision);
  if (declared !== count) throw new PdfFormatError(`page tree node ${ref.toString()} has /Count ${String(declared)} but ${count} pages below it`);
  return count;
}
