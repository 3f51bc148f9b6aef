/**
 * Rule: the catalog (ISO 32000-1 7.7.2) and the entries of it that signing and archiving software
 * updates. /DSS and /AcroForm have rules of their own. /Extensions (ISO 32000-1 7.12: the
 * ADBE or ESIC extension level iText and Acrobat declare with a DSS) and a /Version upgrade are
 * LTA_UPDATES; a new or rewritten XMP /Metadata stream (ISO 32000-1 14.3.2: ModifyDate, MetadataDate,
 * Producer) is FORM_FILLING, except on our own documents, whose metadata says what the justering is.
 */
import { PdfRef, PdfStream, PdfName, type PdfObject } from '../../../pdf/objects';
import { levelAllowed, type DiffRule, type RuleContext } from '../rules-api';
import { sameValue } from '../same-value';

/** Catalog entries judged by another rule (dss.ts, acroform.ts). */
const OWN_RULES = new Set(['DSS', 'AcroForm']);

export const catalogRule: DiffRule = { name: 'catalog', apply };

function apply(context: RuleContext): void {
  const { file, previous, current, catalogBefore, catalogNow } = context;
  const root = file.trailer(current).get('Root') as PdfRef;
  if (context.changed.has(root.num)) {
    const problems: string[] = [];
    for (const key of new Set([...catalogBefore.keys(), ...catalogNow.keys()])) {
      const a = catalogBefore.get(key);
      const b = catalogNow.get(key);
      if (OWN_RULES.has(key) || sameValue(file, a, b, previous, current)) continue;
      const problem = catalogEntryRule(context, key, a, b);
      if (problem === false) problems.push(`/${key}`);
      else if (problem) problems.push(problem);
    }
    if (problems.length > 0) context.illegal(root.num, 'catalog', `the catalog changed: ${problems.join(', ')}`);
    context.clear(root.num);
  }
  const metadata = catalogNow.get('Metadata');
  if (metadata instanceof PdfRef && context.changed.has(metadata.num) && !context.isCleared(metadata.num)) {
    const problem = catalogEntryRule(context, 'Metadata', catalogBefore.get('Metadata'), metadata);
    if (problem) context.illegal(metadata.num, 'XMP metadata', problem);
  }
}

const XMP_DATES = ['xmp:ModifyDate', 'xmp:MetadataDate', 'pdf:Producer', 'xmp:CreatorTool'];

/** false: not this rule's key; undefined: allowed (and cleared); a string: why it is not allowed. */
export function catalogEntryRule(context: RuleContext, key: string, before: PdfObject | undefined, now: PdfObject | undefined): string | undefined | false {
  if (key === 'Extensions') {
    if (now instanceof PdfRef && context.changed.has(now.num)) context.clear(now.num);
    context.clearNewSubtree(now);
    context.note('LTA_UPDATES', 'catalog /Extensions updated');
    return undefined;
  }
  if (key === 'Version') {
    const from = versionOf(before);
    const to = versionOf(now);
    if (to === undefined || (from !== undefined && to < from)) return '/Version lowered or removed';
    context.note('LTA_UPDATES', `catalog /Version set to ${to}`);
    return undefined;
  }
  if (key === 'Metadata') return metadataRule(context, now);
  return false;
}

function metadataRule(context: RuleContext, now: PdfObject | undefined): string | undefined {
  if (context.profile === 'justera') return 'the XMP metadata (/Metadata) changed after signing';
  if (!levelAllowed('FORM_FILLING', context.mdp)) return 'the XMP metadata (/Metadata) changed, which the certification (DocMDP P=1) forbids';
  if (!(now instanceof PdfRef)) return 'the XMP metadata (/Metadata) was removed';
  const stream = context.file.resolve(now, context.current);
  if (!(stream instanceof PdfStream) || stream.dict.getName('Subtype') !== 'XML') return '/Metadata is not an XML metadata stream';
  if (!context.changed.has(now.num)) return undefined;
  context.clear(now.num);
  context.note('FORM_FILLING', `XMP metadata updated${describeXmp(context, stream)}`);
  return undefined;
}

function describeXmp(context: RuleContext, stream: PdfStream): string {
  let text: string;
  try {
    text = new TextDecoder().decode(context.file.decodeStream(stream, context.current));
  } catch {
    return '';
  }
  const values = XMP_DATES.flatMap((property) => {
    const match = new RegExp(`${property}(?:="([^"]{0,80})"|>([^<]{0,80})<)`).exec(text);
    return match ? [`${property} ${match[1] ?? match[2]}`] : [];
  });
  return values.length > 0 ? `: ${values.join(', ')}` : '';
}

function versionOf(value: PdfObject | undefined): number | undefined {
  if (!(value instanceof PdfName)) return undefined;
  const number = Number(value.value);
  return Number.isFinite(number) ? number : undefined;
}
