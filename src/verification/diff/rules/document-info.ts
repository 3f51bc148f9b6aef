/**
 * Rule: the trailer's /Info dictionary (ISO 32000-1 14.3.3). It is reached from the trailer, not the
 * catalog, so the walk of the document never sees it: without this rule an appended /Info with another
 * /Title would pass unnoticed, and viewers show that title. Signing software updates /ModDate and
 * /Producer (FORM_FILLING); any other entry changing is OTHER, and on our own documents any change is.
 */
import { PdfDict, PdfRef, PdfString } from '../../../pdf/objects';
import type { PdfObject } from '../../../pdf/objects';
import type { DiffRule, RuleContext } from '../rules-api';
import { changedKeys } from '../same-value';

const SIGNING_SOFTWARE_KEYS = new Set(['ModDate', 'Producer', 'Creator', 'Trapped']);

export const documentInfoRule: DiffRule = { name: 'document-info', apply };

function apply(context: RuleContext): void {
  const { file, previous, current } = context;
  const before = file.trailer(previous).get('Info');
  const now = file.trailer(current).get('Info');
  const infoChanged = now instanceof PdfRef && context.changed.has(now.num);
  if (!context.infoRepointed && !infoChanged) return;
  const objectNumber = now instanceof PdfRef ? now.num : undefined;
  const dictBefore = file.resolveDict(before, previous) ?? new PdfDict();
  const dictNow = file.resolveDict(now, current) ?? new PdfDict();
  const keys = changedKeys(file, dictBefore, dictNow, previous, current);
  const shown = keys.map((key) => `/${key} ${display(file.resolve(dictNow.get(key), current))}`).join(', ');
  if (context.profile === 'justera') {
    context.illegal(objectNumber, 'document information (/Info)', `the document information changed after signing: ${shown || 'replaced'}`);
  } else if (keys.some((key) => !SIGNING_SOFTWARE_KEYS.has(key)) || (before !== undefined && now === undefined)) {
    context.illegal(objectNumber, 'document information (/Info)', `the document information changed after signing, as a viewer shows it: ${shown || 'removed'}`);
  } else {
    context.note('FORM_FILLING', `document information updated: ${shown}`);
  }
  if (objectNumber !== undefined) context.clear(objectNumber);
}

function display(value: PdfObject | undefined): string {
  if (value instanceof PdfString) return JSON.stringify(value.toText());
  return value === undefined ? '(removed)' : String(value);
}
