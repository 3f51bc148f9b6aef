/**
 * What a signed field's appearance says, read from the PDF's own objects rather than by a text extractor:
 * the widget's /AP /N form XObject, each `<hex> Tj` decoded through its font's ToUnicode CMap.
 */
import { listFields } from '../../src/pdf/acroform';
import { PdfStream } from '../../src/pdf/objects';
import { PdfFile } from '../../src/pdf/parser';

/** One line per Tj, top to bottom. */
export function appearanceLines(pdf: Uint8Array, fieldName: string): string[] {
  const file = PdfFile.parse(pdf);
  const field = listFields(file).find((candidate) => candidate.name === fieldName)!;
  const form = file.resolve(file.resolveDict(field.widgets[0]!.dict.get('AP'))!.get('N'));
  if (!(form instanceof PdfStream)) throw new Error('no appearance stream');
  const font = file.resolveDict(file.resolveDict(file.resolveDict(form.dict.get('Resources'))!.get('Font'))!.get('F1'))!;
  const cmap = file.resolve(font.get('ToUnicode'));
  if (!(cmap instanceof PdfStream)) throw new Error('no ToUnicode');
  const unicode = new Map<string, string>();
  for (const [, cid, code] of Buffer.from(cmap.data).toString('latin1').matchAll(/<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>/g)) {
    unicode.set(cid!.toLowerCase(), String.fromCodePoint(Number.parseInt(code!, 16)));
  }
  const content = Buffer.from(form.data).toString('latin1');
  return [...content.matchAll(/<([0-9A-Fa-f]*)> Tj/g)].map(([, hex]) => (hex!.match(/.{4}/g) ?? []).map((cid) => unicode.get(cid.toLowerCase()) ?? '?').join(''));
}
