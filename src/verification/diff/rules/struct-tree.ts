/**
 * Rule: the logical structure (ISO 32000-1 14.7) that tagging software extends for what it adds: a new
 * structure element of type /Form or /Annot whose object reference (/OBJR, 14.7.4.3) points at a new
 * widget or annotation that another rule cleared, appended to an existing element's (or the root's) /K,
 * and the /ParentTree number tree (14.7.4.4) extended with entries for the new /StructParent keys. Each
 * takes the level of the thing it serves, which that thing's rule already judged and reported; a
 * structure element for anything else (new marked content, a reordered tree) is refused.
 */
import { PdfDict, PdfRef, type PdfObject } from '../../../pdf/objects';
import type { DiffRule, RuleContext } from '../rules-api';
import { changedKeys, sameValue } from '../same-value';

const SERVING_TYPES = new Set(['Form', 'Annot']);
const ROOT_KEYS = ['K', 'ParentTree', 'ParentTreeNextKey'];

export const structTreeRule: DiffRule = { name: 'struct-tree', apply };

function apply(context: RuleContext): void {
  const { file, previous, current, changed, catalogBefore, catalogNow } = context;
  const rootRef = catalogNow.get('StructTreeRoot');
  // A repointed /StructTreeRoot is a catalog change, refused by the catalog rule.
  if (!(rootRef instanceof PdfRef) || !sameValue(file, catalogBefore.get('StructTreeRoot'), rootRef, previous, current)) return;
  const rootNow = file.resolveDict(rootRef, current);
  if (!rootNow) return;
  const report = (num: number, problem: string): void => {
    context.illegal(num, 'structure tree', problem);
    context.clear(num);
  };
  if (changed.has(rootRef.num)) {
    const problem = judgeRoot(context, file.resolveDict(rootRef, previous), rootNow);
    if (problem) report(rootRef.num, problem);
    else context.clear(rootRef.num);
  }
  const parentTree = rootNow.get('ParentTree');
  if (parentTree instanceof PdfRef && changed.has(parentTree.num)) {
    const problem = judgeNumberTree(context, file.resolveDict(parentTree, previous), file.resolveDict(parentTree, current));
    if (problem) report(parentTree.num, problem);
    else context.clear(parentTree.num);
  }
  for (const num of changed) {
    if (context.isCleared(num) || file.getObject(num, previous) === undefined) continue;
    const before = file.getObject(num, previous)?.value;
    const now = file.getObject(num, current)?.value;
    if (!(before instanceof PdfDict) || !(now instanceof PdfDict) || !isStructElem(before)) continue;
    const keys = changedKeys(file, before, now, previous, current);
    const problem = keys.some((key) => key !== 'K') ? 'a structure element changed other than by new children' : appendChildren(context, before.get('K'), now.get('K'));
    if (problem) report(num, problem);
    else context.clear(num);
  }
}

function isStructElem(dict: PdfDict): boolean {
  return dict.getName('Type') === 'StructElem' || (dict.getName('S') !== undefined && dict.has('P'));
}

function judgeRoot(context: RuleContext, before: PdfDict | undefined, now: PdfDict): string | undefined {
  const { file, previous, current } = context;
  if (!before) return 'the structure tree root was replaced';
  const keys = changedKeys(file, before, now, previous, current);
  const other = keys.find((key) => !ROOT_KEYS.includes(key));
  if (other) return `the structure tree root's /${other} changed`;
  if (keys.includes('ParentTree')) {
    // Replaced by a new node or written directly: judged as an extension of the old tree.
    const problem = judgeNumberTree(context, file.resolveDict(before.get('ParentTree'), previous), file.resolveDict(now.get('ParentTree'), current));
    if (problem) return problem;
    const tree = now.get('ParentTree');
    if (context.isNew(tree)) context.clear(tree.num);
  }
  const nextBefore = file.resolve(before.get('ParentTreeNextKey'), previous);
  const nextNow = file.resolve(now.get('ParentTreeNextKey'), current);
  if (typeof nextBefore === 'number' && !(typeof nextNow === 'number' && nextNow >= nextBefore)) return '/ParentTreeNextKey went back';
  return keys.includes('K') ? appendChildren(context, before.get('K'), now.get('K')) : undefined;
}

/** The /ParentTree (a number tree): old entries kept, new keys after them, each for a serving element. */
function judgeNumberTree(context: RuleContext, before: PdfDict | undefined, now: PdfDict | undefined): string | undefined {
  const { file, previous, current } = context;
  if (!now) return 'the /ParentTree was removed';
  const old = before ?? new PdfDict();
  const other = changedKeys(file, old, now, previous, current).find((key) => key !== 'Nums' && key !== 'Kids' && key !== 'Limits');
  if (other) return `the /ParentTree's /${other} changed`;
  const oldNums = file.resolveArray(old.get('Nums'), previous) ?? [];
  const newNums = file.resolveArray(now.get('Nums'), current) ?? [];
  const addedNums = appended(context, oldNums, newNums);
  if (!addedNums || addedNums.length % 2 !== 0) return 'the /ParentTree\'s entries were changed or reordered';
  let last = lastKey(file, oldNums, previous);
  for (let i = 0; i < addedNums.length; i += 2) {
    const key = addedNums[i];
    if (typeof key !== 'number' || key <= last) return '/ParentTree keys out of order';
    last = key;
    const problem = servingElement(context, addedNums[i + 1]);
    if (problem) return problem;
  }
  const addedKids = appended(context, file.resolveArray(old.get('Kids'), previous) ?? [], file.resolveArray(now.get('Kids'), current) ?? []);
  if (!addedKids) return 'the /ParentTree\'s nodes were changed or reordered';
  for (const kid of addedKids) {
    if (!context.isNew(kid)) return 'an existing node was added to the /ParentTree';
    const problem = judgeNumberTree(context, undefined, file.resolveDict(kid, current));
    if (problem) return problem;
    context.clear(kid.num);
  }
  return undefined;
}

function lastKey(file: RuleContext['file'], nums: PdfObject[], revision: number): number {
  const key = nums.length >= 2 ? file.resolve(nums[nums.length - 2], revision) : undefined;
  return typeof key === 'number' ? key : -Infinity;
}

/** /K of an element or the root extended by serving elements only. */
function appendChildren(context: RuleContext, before: PdfObject | undefined, now: PdfObject | undefined): string | undefined {
  const { file, previous, current } = context;
  const added = appended(context, asList(file.resolve(before, previous)), asList(file.resolve(now, current)));
  if (!added) return 'a structure element\'s children were changed or reordered';
  for (const child of added) {
    const problem = servingElement(context, child);
    if (problem) return problem;
  }
  return undefined;
}

/** A new /Form or /Annot element whose object references all point at new, cleared objects; cleared in turn. */
function servingElement(context: RuleContext, item: PdfObject | undefined): string | undefined {
  const { file, current } = context;
  if (!context.isNew(item)) return 'an existing object was added to the structure tree';
  const element = file.resolveDict(item, current);
  const type = element?.getName('S');
  if (!element || !type || !SERVING_TYPES.has(type)) return `a structure element /${type ?? '?'} was added, which serves no new widget or annotation`;
  const kids = asList(file.resolve(element.get('K'), current));
  if (kids.length === 0) return 'a structure element without content was added';
  for (const kid of kids) {
    const reference = file.resolveDict(kid, current);
    const target = reference?.get('Obj');
    if (reference?.getName('Type') !== 'OBJR' || !context.isNew(target) || !context.isCleared(target.num)) {
      return `a /${type} structure element refers to something other than a new widget or annotation`;
    }
    if (context.isNew(kid)) context.clear(kid.num);
  }
  context.clear(item.num);
  return undefined;
}

function asList(value: PdfObject | undefined): PdfObject[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The items `now` has after the items of `before`, or undefined when `before` is not its prefix. */
function appended(context: RuleContext, before: PdfObject[], now: PdfObject[]): PdfObject[] | undefined {
  const { file, previous, current } = context;
  if (now.length < before.length || !before.every((item, i) => sameValue(file, item, now[i], previous, current))) return undefined;
  return now.slice(before.length);
}
