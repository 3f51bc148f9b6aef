/**
 * Reads a Tagged PDF the way a checker of ISO 32000-1 14.7–14.8 and PDF/UA-1 7.1 would, on our strict
 * parser but with its own content-stream walk: which painting operators lie outside both an element's
 * marked content (an MCID) and an /Artifact, the structure elements in reading order with their MCIDs
 * and object references, and whether /ParentTree leads every MCID and widget back to its element.
 */
import { execFileSync } from 'node:child_process';
import { Lexer } from '../../src/pdf/lexer';
import { PdfDict, PdfName, PdfRef, PdfStream, type PdfObject } from '../../src/pdf/objects';
import { PdfFile } from '../../src/pdf/parser';
import { listPages } from '../../src/pdf/pages';
import { withPdfFile } from './poppler';

/** Operators that paint (8.5.3 path painting, 9.4.3 text showing, 8.8 XObjects, 8.7.4.2 shading). */
const PAINTING = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'Tj', 'TJ', "'", '"', 'Do', 'sh']);

export interface MarkedSequence {
  page: number;
  /** The BDC tag: /P, /H1, …, or Artifact. */
  tag: string;
  mcid?: number;
  artifact?: string;
}

export interface ContentWalk {
  sequences: MarkedSequence[];
  /** Painting operators outside every marked-content sequence with an MCID or an /Artifact tag. */
  untagged: { page: number; operator: string }[];
}

interface Operation {
  operator: string;
  operands: PdfObject[];
}

function operations(data: Uint8Array): Operation[] {
  const lexer = new Lexer(data, 100);
  const result: Operation[] = [];
  let operands: PdfObject[] = [];
  for (;;) {
    lexer.skipWhitespace();
    if (lexer.atEnd()) return result;
    const byte = data[lexer.pos]!;
    const operatorStart = /[A-Za-z'"*]/.test(String.fromCharCode(byte)) && !lexer.lookingAt('true') && !lexer.lookingAt('false') && !lexer.lookingAt('null');
    if (operatorStart) {
      result.push({ operator: lexer.readToken(), operands });
      operands = [];
    } else {
      operands.push(lexer.readValue());
    }
  }
}

export function walkContent(pdf: Uint8Array): ContentWalk {
  const file = PdfFile.parse(pdf);
  const walk: ContentWalk = { sequences: [], untagged: [] };
  listPages(file).forEach((ref, index) => {
    const page = index + 1;
    const contents = file.resolve(file.resolveDict(ref)?.get('Contents'));
    const streams = (Array.isArray(contents) ? contents : [contents]).map((item) => file.resolve(item)).filter((item): item is PdfStream => item instanceof PdfStream);
    const stack: MarkedSequence[] = [];
    for (const stream of streams) {
      for (const { operator, operands } of operations(file.decodeStream(stream))) {
        if (operator === 'BDC' || operator === 'BMC') {
          const tag = operands[0] instanceof PdfName ? operands[0].value : '?';
          const properties = operands[1] instanceof PdfDict ? operands[1] : undefined;
          const sequence: MarkedSequence = { page, tag, mcid: properties?.getNumber('MCID'), artifact: tag === 'Artifact' ? (properties?.getName('Subtype') ?? properties?.getName('Type') ?? '') : undefined };
          stack.push(sequence);
          walk.sequences.push(sequence);
        } else if (operator === 'EMC') {
          stack.pop();
        } else if (PAINTING.has(operator) && !stack.some((sequence) => sequence.mcid !== undefined || sequence.artifact !== undefined)) {
          walk.untagged.push({ page, operator });
        }
      }
    }
  });
  return walk;
}

export interface StructureNode {
  type: string;
  ref: PdfRef;
  /** Own content in /K order: MCIDs with their page, and object references. */
  mcids: { page: number; mcid: number }[];
  objects: PdfRef[];
  kids: StructureNode[];
  dict: PdfDict;
}

export interface StructureReport {
  root: StructureNode;
  /** Problems of /ParentTree and /K against each other; empty when consistent. */
  problems: string[];
}

/** The structure tree from /StructTreeRoot, checked against /ParentTree both ways. */
export function readStructure(pdf: Uint8Array, revision?: number): StructureReport {
  const file = PdfFile.parse(pdf);
  const pages = listPages(file, revision);
  const pageNumber = (ref: PdfObject | undefined): number => (ref instanceof PdfRef ? pages.findIndex((page) => page.equals(ref)) + 1 : 0);
  const treeRoot = file.resolveDict(file.catalog(revision).get('StructTreeRoot'), revision);
  if (!treeRoot) throw new Error('no /StructTreeRoot');
  const problems: string[] = [];

  const read = (ref: PdfRef): StructureNode => {
    const dict = file.resolveDict(ref, revision);
    if (!dict) throw new Error(`structure element ${ref.num} is missing`);
    const node: StructureNode = { type: dict.getName('S') ?? '?', ref, mcids: [], objects: [], kids: [], dict };
    const own = pageNumber(dict.get('Pg'));
    const k = file.resolve(dict.get('K'), revision);
    for (const kid of Array.isArray(k) ? k : k === undefined ? [] : [k]) {
      if (typeof kid === 'number') node.mcids.push({ page: own, mcid: kid });
      else if (kid instanceof PdfRef && !['OBJR', 'MCR'].includes(file.resolveDict(kid, revision)?.getName('Type') ?? '')) {
        const child = read(kid);
        if (!(child.dict.getRef('P')?.equals(ref) ?? false)) problems.push(`/${child.type} ${kid.num} has a /P other than its parent ${ref.num}`);
        node.kids.push(child);
      } else {
        const reference = file.resolveDict(kid, revision);
        if (reference?.getName('Type') === 'MCR') node.mcids.push({ page: pageNumber(reference.get('Pg')) || own, mcid: reference.getNumber('MCID') ?? -1 });
        else if (reference?.getName('Type') === 'OBJR') {
          const target = reference.get('Obj');
          if (target instanceof PdfRef) node.objects.push(target);
        }
      }
    }
    return node;
  };
  const treeRootRef = file.catalog(revision).get('StructTreeRoot');
  const top = treeRoot.get('K');
  const topArray = file.resolveArray(top, revision);
  const topRefs = (topArray ?? [top]).filter((item): item is PdfRef => item instanceof PdfRef);
  if (topRefs.length === 0) throw new Error('/StructTreeRoot /K names no element');
  // A tree root with several elements stands as the root node itself (its kids' /P is the tree root).
  let root: StructureNode;
  if (topRefs.length === 1) {
    root = read(topRefs[0]!);
  } else {
    if (!(treeRootRef instanceof PdfRef)) throw new Error('/StructTreeRoot is not an object');
    root = { type: 'StructTreeRoot', ref: treeRootRef, mcids: [], objects: [], kids: [], dict: treeRoot };
    for (const ref of topRefs) {
      const child = read(ref);
      if (!(child.dict.getRef('P')?.equals(treeRootRef) ?? false)) problems.push(`/${child.type} ${ref.num} has a /P other than the tree root`);
      root.kids.push(child);
    }
  }

  // 14.7.4.4: the page's /StructParents entry lists, by MCID, the element owning it; a widget's /StructParent its element.
  // The /ParentTree is a number tree (7.9.7): its entries are in the /Nums of its leaves, reached through /Kids.
  const nums = new Map<number, PdfObject>();
  const collect = (node: PdfDict | undefined, depth: number): void => {
    const entries = file.resolveArray(node?.get('Nums'), revision) ?? [];
    for (let i = 0; i + 1 < entries.length; i += 2) {
      const key = entries[i] as number;
      if (nums.has(key)) problems.push(`/ParentTree key ${key} appears twice`);
      nums.set(key, entries[i + 1]!);
    }
    if (depth < 32) for (const kid of file.resolveArray(node?.get('Kids'), revision) ?? []) collect(file.resolveDict(kid, revision), depth + 1);
  };
  collect(file.resolveDict(treeRoot.get('ParentTree'), revision), 0);
  const nextKey = treeRoot.getNumber('ParentTreeNextKey');
  if (nextKey !== undefined && [...nums.keys()].some((key) => key >= nextKey)) problems.push(`/ParentTreeNextKey ${nextKey} is not after every /ParentTree key`);
  const visit = (node: StructureNode): void => {
    for (const { page, mcid } of node.mcids) {
      const key = file.resolveDict(pages[page - 1], revision)?.getNumber('StructParents');
      const owners = key === undefined ? undefined : file.resolveArray(nums.get(key), revision);
      const owner = owners?.[mcid];
      if (!(owner instanceof PdfRef) || !owner.equals(node.ref)) problems.push(`MCID ${mcid} on page ${page} (/${node.type}) is not led back to its element by /ParentTree`);
    }
    for (const object of node.objects) {
      const key = file.resolveDict(object, revision)?.getNumber('StructParent');
      const owner = key === undefined ? undefined : nums.get(key);
      if (!(owner instanceof PdfRef) || !owner.equals(node.ref)) problems.push(`object ${object.num} (/${node.type}) has no /StructParent leading back to its element`);
    }
    node.kids.forEach(visit);
  };
  visit(root);
  return { root, problems };
}

/** Every node depth first, the reading order. */
export function flatten(node: StructureNode): StructureNode[] {
  return [node, ...node.kids.flatMap(flatten)];
}

export interface TaggingCheck {
  walk: ContentWalk;
  root: StructureNode;
  /** Painting outside tags, /ParentTree problems, and MCIDs the content and the tree do not share (or the tree names twice); empty when tagged throughout. */
  problems: string[];
}

/** The content walk and the structure tree checked against each other (ISO 32000-1 14.7.4, PDF/UA-1 7.1). */
export function checkTagging(pdf: Uint8Array): TaggingCheck {
  const walk = walkContent(pdf);
  const { root, problems } = readStructure(pdf);
  const found = [...problems, ...walk.untagged.map(({ page, operator }) => `${operator} on page ${page} is neither marked content of an element nor an artifact`)];
  const inContent = new Set(walk.sequences.filter((s) => s.mcid !== undefined).map((s) => `${s.page}:${s.mcid}`));
  const inTree = flatten(root).flatMap((node) => node.mcids.map(({ page, mcid }) => `${page}:${mcid}`));
  const seen = new Set<string>();
  for (const mcid of inTree) {
    if (seen.has(mcid)) found.push(`MCID ${mcid} (page:MCID) belongs to two elements`);
    if (!inContent.has(mcid)) found.push(`MCID ${mcid} (page:MCID) of the tree is not in the content`);
    seen.add(mcid);
  }
  for (const mcid of inContent) if (!seen.has(mcid)) found.push(`MCID ${mcid} (page:MCID) of the content has no element`);
  return { walk, root, problems: found };
}

/** The text of the elements in structure order, as poppler's `pdfinfo -struct-text` extracts it, one string per marked-content item. */
export function structureText(pdf: Uint8Array): string[] {
  const out = withPdfFile(pdf, (path) => execFileSync('pdfinfo', ['-struct-text', path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  return [...out.matchAll(/^\s*"(.*)"$/gm)].map((match) => match[1]!);
}

/** `pdfinfo -struct`'s element names in order (indentation dropped). */
export function structureTypes(pdf: Uint8Array): string[] {
  const out = withPdfFile(pdf, (path) => execFileSync('pdfinfo', ['-struct', path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  return out
    .split('\n')
    .map((line) => /^\s*([A-Za-z][A-Za-z0-9]*)\b(?: \(|:|$)/.exec(line)?.[1])
    .filter((type): type is string => type !== undefined && type !== 'Object');
}
