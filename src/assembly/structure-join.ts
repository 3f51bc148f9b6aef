/**
 * Joins the structure of our signature page to the structure tree of a tagged protocol made elsewhere
 * (from-pdf.ts, ISO 32000-1 14.7): our elements (structure.ts, written by structure-tree.ts) become the
 * last children of the protocol's top-level element, or of the tree root when it has several; our
 * /StructParents and /StructParent keys come after every key the protocol uses, and their entries join
 * its /ParentTree number tree (14.7.4.4, read through /Kids and /Nums, 7.9.7) as its last leaf. The
 * protocol's elements, /RoleMap and /ClassMap stay as they are: our types are standard ones, and we do
 * not join when its role map gives one of them another meaning.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, type PDFContext, type PDFDocument } from 'pdf-lib';
import { allDicts, dictOf, resolve, textValue } from './foreign-pdf';
import type { StructureElement } from './structure';
import { writeElements, type TaggedPage, type TaggedWidget } from './structure-tree';

/** A deeper number tree or element nesting is not followed (as for name trees, foreign-pdf.ts). */
const MAX_DEPTH = 32;

const name = (value: string): PDFName => PDFName.of(value);

function typesOf(element: StructureElement): string[] {
  return [element.type, ...element.kids.flatMap(typesOf)];
}

/** Why our elements (the kids of `root`) cannot join the protocol's structure tree; undefined when they can. */
export function structureJoinProblem(pdf: PDFDocument, root: StructureElement): string | undefined {
  const { context, catalog } = pdf;
  const treeRoot = dictOf(context, catalog.get(name('StructTreeRoot')));
  if (!treeRoot) return 'its /StructTreeRoot is not a dictionary';
  const parentTree = treeRoot.get(name('ParentTree'));
  if (parentTree !== undefined && !dictOf(context, parentTree)) return 'its /ParentTree is not a number tree';
  const roleMap = dictOf(context, treeRoot.get(name('RoleMap')));
  const ours = new Set(root.kids.flatMap(typesOf));
  const remapped = (roleMap?.entries() ?? [])
    .filter(([key, value]) => ours.has(key.decodeText()) && resolve(context, value) !== key)
    .map(([key]) => key.decodeText());
  if (remapped.length > 0) {
    return `its /RoleMap maps the standard type${remapped.length === 1 ? '' : 's'} ${remapped.map((type) => `/${type}`).join(', ')}, which the signature page's elements use, to another type`;
  }
  return undefined;
}

/** The tree root's only structure element, where our elements go; undefined when it has none or several. */
function topLevelElement(context: PDFContext, treeRoot: PDFDict): PDFRef | undefined {
  const k = treeRoot.get(name('K'));
  const resolved = resolve(context, k);
  const only = resolved instanceof PDFArray ? (resolved.size() === 1 ? resolved.get(0) : undefined) : k;
  return only instanceof PDFRef && dictOf(context, only) ? only : undefined;
}

/** The /K array of a structure element or the tree root, made an array first when it is one kid or none. */
function kidsOf(context: PDFContext, dict: PDFDict): PDFArray {
  const k = dict.get(name('K'));
  const resolved = resolve(context, k);
  if (resolved instanceof PDFArray) return resolved;
  const kids = context.obj(k === undefined ? [] : [k]);
  dict.set(name('K'), kids);
  return kids;
}

/** The largest key of a number tree (7.9.7), its /Nums and its /Kids' read; -1 when it has none. */
function largestKey(context: PDFContext, node: PDFDict, depth = 0): number {
  let largest = -1;
  const nums = resolve(context, node.get(name('Nums')));
  if (nums instanceof PDFArray) {
    for (let i = 0; i < nums.size(); i += 2) {
      const key = resolve(context, nums.get(i));
      if (key instanceof PDFNumber) largest = Math.max(largest, key.asNumber());
    }
  }
  const kids = resolve(context, node.get(name('Kids')));
  if (kids instanceof PDFArray && depth < MAX_DEPTH) {
    for (const kid of kids.asArray()) {
      const child = dictOf(context, kid);
      if (child) largest = Math.max(largest, largestKey(context, child, depth + 1));
    }
  }
  return largest;
}

/** The largest /StructParents or /StructParent of any dictionary (pages, annotations, form XObjects); -1 when none. */
function largestStructParent(context: PDFContext): number {
  let largest = -1;
  for (const dict of allDicts(context)) {
    for (const key of ['StructParents', 'StructParent']) {
      const value = resolve(context, dict.get(name(key)));
      if (value instanceof PDFNumber) largest = Math.max(largest, value.asNumber());
    }
  }
  return largest;
}

/**
 * Writes our elements (the kids of `root`, our layout's /Document) into the protocol's tree, with
 * `language` as their /Lang when the catalog's /Lang is another (14.9.2). Check structureJoinProblem first.
 */
export function joinStructureTree(pdf: PDFDocument, root: StructureElement, pages: readonly TaggedPage[], widgets: readonly TaggedWidget[], language: string): void {
  const { context, catalog } = pdf;
  const treeRoot = dictOf(context, catalog.get(name('StructTreeRoot')));
  if (!treeRoot) throw new Error('the protocol has no /StructTreeRoot to join');
  const entry = catalog.get(name('StructTreeRoot'));
  // Our elements' /P must name the root when they are its kids: a direct root becomes an object.
  const treeRootRef = entry instanceof PDFRef ? entry : context.register(treeRoot);
  catalog.set(name('StructTreeRoot'), treeRootRef);
  const parent = topLevelElement(context, treeRoot) ?? treeRootRef;

  const documentLanguage = textValue(resolve(context, catalog.get(name('Lang'))));
  if (documentLanguage !== undefined && documentLanguage.toLowerCase() !== language.toLowerCase()) {
    for (const element of root.kids) element.lang ??= language;
  }

  let parentTree = dictOf(context, treeRoot.get(name('ParentTree')));
  if (!parentTree) {
    parentTree = context.obj({ Nums: [] });
    treeRoot.set(name('ParentTree'), context.register(parentTree));
  }
  const nextKey = resolve(context, treeRoot.get(name('ParentTreeNextKey')));
  // After every key in use, whether or not the protocol's /ParentTree or /ParentTreeNextKey knows it.
  const firstKey = Math.max(nextKey instanceof PDFNumber ? nextKey.asNumber() : 0, largestKey(context, parentTree) + 1, largestStructParent(context) + 1);

  const written = writeElements(context, root.kids, parent, pages, widgets, firstKey);
  const siblings = kidsOf(context, dictOf(context, parent) ?? treeRoot);
  for (const ref of written.refs) siblings.push(ref);

  // Our keys are larger than all the tree's: its last leaf is ours (a root with /Kids has no /Limits).
  const kids = resolve(context, parentTree.get(name('Kids')));
  if (kids instanceof PDFArray) {
    kids.push(context.register(context.obj({ Limits: [firstKey, written.nextKey - 1], Nums: written.nums })));
  } else {
    const nums = resolve(context, parentTree.get(name('Nums')));
    if (nums instanceof PDFArray) for (const item of written.nums) nums.push(item);
    else parentTree.set(name('Nums'), context.obj(written.nums));
  }
  treeRoot.set(name('ParentTreeNextKey'), context.obj(written.nextKey));
}
