/**
 * Writes a document's logical structure (structure.ts) as a Tagged PDF (ISO 32000-1 14.7, 14.8): the
 * structure elements in reading order, their marked content (by MCID, per page) and the object
 * references of the signature widgets (/OBJR, 14.7.4.3), the /ParentTree entries that lead from content
 * and widgets back to their elements (14.7.4.4), and what a tagged page and catalog carry (/StructParents,
 * /Tabs /S, /MarkInfo). Elements without any content are left out. The one writer of structure elements:
 * `writeStructureTree` makes the whole tree of a document we lay out; structure-join.ts puts the elements
 * of our signature page under the tree of a protocol made elsewhere.
 */
import { PDFDict, PDFHexString, PDFName, PDFString, type PDFArray, type PDFContext, type PDFDocument, type PDFObject, type PDFPage, type PDFRef } from 'pdf-lib';
import { formatNumber } from './content-stream';
import type { StructureElement } from './structure';

export interface TaggedPage {
  page: PDFPage;
  /** The element of each MCID in the page's content stream (content-stream.ts). */
  marked: readonly StructureElement[];
}

export interface TaggedWidget {
  ref: PDFRef;
  page: PDFPage;
  /** The /Form element the widget belongs to. */
  element: StructureElement;
}

export interface WrittenElements {
  /** The objects of `elements` that were kept (had content), in their order: the parent's new kids. */
  refs: PDFRef[];
  /** The /ParentTree's new entries, key then value, keys ascending from `firstKey`. */
  nums: PDFObject[];
  /** The first key not used: the tree's /ParentTreeNextKey. */
  nextKey: number;
}

type Content = { mcid: number; page: PDFPage } | { widget: TaggedWidget };

/**
 * Writes `elements` (with their descendants) as children of `parent`, and gives each of `pages` and
 * `widgets` a /StructParents or /StructParent key from `firstKey` on: the pages first, then the widgets.
 * Every MCID of `pages` and every widget must belong to one of `elements` or their descendants.
 */
export function writeElements(
  context: PDFContext,
  elements: readonly StructureElement[],
  parent: PDFRef,
  pages: readonly TaggedPage[],
  widgets: readonly TaggedWidget[],
  firstKey: number,
): WrittenElements {
  const content = new Map<StructureElement, Content[]>();
  const contentOf = (element: StructureElement): Content[] => {
    let list = content.get(element);
    if (!list) content.set(element, (list = []));
    return list;
  };
  for (const { page, marked } of pages) marked.forEach((element, mcid) => contentOf(element).push({ mcid, page }));
  for (const widget of widgets) contentOf(widget.element).push({ widget });

  const kept = new Set<StructureElement>();
  const keep = (element: StructureElement): boolean => {
    const kidsKept = element.kids.map(keep).some(Boolean);
    if (kidsKept || content.has(element)) kept.add(element);
    return kept.has(element);
  };
  if (!elements.map(keep).some(Boolean)) throw new Error('the document has no tagged content');

  // Preorder: the object numbers follow the reading order.
  const refs = new Map<StructureElement, PDFRef>();
  const allocate = (element: StructureElement): void => {
    if (!kept.has(element)) return;
    refs.set(element, context.nextRef());
    element.kids.forEach(allocate);
  };
  elements.forEach(allocate);
  const refOf = (element: StructureElement): PDFRef => {
    const ref = refs.get(element);
    if (!ref) throw new Error(`structure element /${element.type} has no object`);
    return ref;
  };

  const write = (element: StructureElement, parentRef: PDFRef): void => {
    const own = content.get(element) ?? [];
    const first = own[0];
    const pageOfElement = first === undefined ? undefined : 'mcid' in first ? first.page : first.widget.page;
    const kids: PDFObject[] = own.map((item) => {
      if ('widget' in item) return context.obj({ Type: 'OBJR', Obj: item.widget.ref, Pg: item.widget.page.ref });
      // An MCID on the element's own /Pg is a plain integer; one on another page names its page (14.7.4.2).
      return item.page === pageOfElement ? context.obj(item.mcid) : context.obj({ Type: 'MCR', Pg: item.page.ref, MCID: item.mcid });
    });
    for (const kid of element.kids) if (kept.has(kid)) kids.push(refOf(kid));
    const dict: PDFDict = context.obj({ Type: 'StructElem', S: element.type, P: parentRef, K: context.obj(kids) as PDFArray });
    if (pageOfElement) dict.set(PDFName.of('Pg'), pageOfElement.ref);
    if (element.alt !== undefined) dict.set(PDFName.of('Alt'), PDFHexString.fromText(element.alt));
    if (element.lang !== undefined) dict.set(PDFName.of('Lang'), PDFString.of(element.lang));
    if (element.scope) dict.set(PDFName.of('A'), context.obj({ O: 'Table', Scope: element.scope }));
    if (element.bbox) dict.set(PDFName.of('A'), context.obj({ O: 'Layout', Placement: 'Block', BBox: element.bbox.map((value) => Number(formatNumber(value))) }));
    context.assign(refOf(element), dict);
    for (const kid of element.kids) if (kept.has(kid)) write(kid, refOf(element));
  };
  for (const element of elements) if (kept.has(element)) write(element, parent);

  const nums: PDFObject[] = [];
  pages.forEach(({ page, marked }, index) => {
    const key = firstKey + index;
    page.node.set(PDFName.of('StructParents'), context.obj(key));
    // PDF/UA-1 7.18.3: a page with annotations visits them in structure order.
    page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
    nums.push(context.obj(key), context.obj(marked.map(refOf)));
  });
  widgets.forEach((widget, index) => {
    const key = firstKey + pages.length + index;
    context.lookup(widget.ref, PDFDict).set(PDFName.of('StructParent'), context.obj(key));
    nums.push(context.obj(key), refOf(widget.element));
  });
  return { refs: elements.filter((element) => kept.has(element)).map(refOf), nums, nextKey: firstKey + pages.length + widgets.length };
}

/** The whole tree of a document we lay out: `root` (the /Document element) is the tree root's only kid. */
export function writeStructureTree(pdf: PDFDocument, root: StructureElement, pages: readonly TaggedPage[], widgets: readonly TaggedWidget[]): void {
  const { context } = pdf;
  const treeRootRef = context.nextRef();
  const written = writeElements(context, [root], treeRootRef, pages, widgets, 0);
  const parentTree = context.register(context.obj({ Nums: context.obj(written.nums) as PDFArray }));
  context.assign(
    treeRootRef,
    context.obj({ Type: 'StructTreeRoot', K: written.refs[0], ParentTree: parentTree, ParentTreeNextKey: written.nextKey }),
  );
  pdf.catalog.set(PDFName.of('StructTreeRoot'), treeRootRef);
  pdf.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
}
