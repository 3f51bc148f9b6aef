import { IncrementalUpdate } from '../../../src/pdf/incremental-writer';
import { PdfDict, PdfString, dict, name } from '../../../src/pdf/objects';
import { PdfFile } from '../../../src/pdf/parser';
import { makeSamplePdf, qpdfCheck, qpdfRewrite } from '../../fixtures/pdf/sample-pdfs';
import { pdftotext } from '../../helpers/poppler';

/** Appends a new annotation-free object and a replaced catalog that points at it. */
function appendUpdate(input: Buffer): { output: Buffer; newNum: number; catalogNum: number } {
  const file = PdfFile.parse(input);
  const update = new IncrementalUpdate(file);
  const ref = update.allocate();
  update.set(ref, dict({ Type: name('Marker'), Text: PdfString.fromText('Åsa Öberg') }));
  const catalogRef = file.trailer().getRef('Root')!;
  update.set(catalogRef, file.catalog().clone().set('Marker', ref));
  const { bytes, objectOffsets } = update.write();
  expect(objectOffsets.get(ref.num)).toBe(bytes.indexOf(`${ref.num} 0 obj`, input.length));
  return { output: bytes, newNum: ref.num, catalogNum: catalogRef.num };
}

describe.each([
  ['a classic xref table', false, 'table'],
  ['an xref stream', true, 'stream'],
] as const)('IncrementalUpdate on a file with %s', (_label, useObjectStreams, kind) => {
  let input: Buffer;
  beforeAll(async () => {
    input = await makeSamplePdf({ useObjectStreams, pages: 2 });
  });

  it('keeps the input as a byte-exact prefix and writes a section of the same kind', () => {
    const { output, newNum, catalogNum } = appendUpdate(input);
    expect(output.subarray(0, input.length).equals(input)).toBe(true);
    const file = PdfFile.parse(output);
    expect(file.revisions).toHaveLength(2);
    expect(file.revisions[1]!.xrefKind).toBe(kind);
    // pdf-lib ends the file right after %%EOF; the update added the end-of-line.
    expect(file.revisions[0]!.eofOffset).toBe(input.length);
    expect(file.revisions[0]!.endOffset).toBe(input.length + 1);
    expect(file.revisions[1]!.endOffset).toBe(output.length);
    expect(file.revisions[1]!.trailer.get('Prev')).toBe(file.revisions[0]!.xrefOffset);
    // The new object exists in revision 1 only; the catalog differs between the revisions.
    expect((file.resolve(file.getObject(newNum, 1)!.value) as PdfDict).get('Text')).toEqual(PdfString.fromText('Åsa Öberg'));
    expect(file.getObject(newNum, 0)).toBeUndefined();
    expect(file.catalog(0).has('Marker')).toBe(false);
    expect(file.catalog(1).has('Marker')).toBe(true);
    expect([...file.revisions[1]!.entries.keys()]).toEqual(expect.arrayContaining([newNum, catalogNum]));
  });

  it('passes qpdf --check and pdftotext still reads the text', () => {
    const { output } = appendUpdate(input);
    expect(qpdfCheck(output)).toMatch(/No syntax or stream encoding errors found/);
    expect(pdftotext(output)).toContain('Sample page 2 of 2');
  });

  it('is deterministic', () => {
    expect(appendUpdate(input).output.equals(appendUpdate(input).output)).toBe(true);
  });

  it('stacks a second update whose /Prev is the first update', () => {
    const once = appendUpdate(input).output;
    const twice = appendUpdate(once).output;
    const file = PdfFile.parse(twice);
    expect(file.revisions).toHaveLength(3);
    expect(file.revisions.map((revision) => revision.endOffset)).toEqual([input.length + 1, once.length, twice.length]);
    expect(qpdfCheck(twice)).toMatch(/No syntax or stream encoding errors found/);
  });
});

describe('IncrementalUpdate', () => {
  it('adds an end-of-line when the input does not end with one', async () => {
    // pdf-lib ends its files with %%EOF and no end-of-line.
    const trimmed = await makeSamplePdf({ useObjectStreams: false });
    expect(trimmed.subarray(-5).toString('latin1')).toBe('%%EOF');
    const update = new IncrementalUpdate(PdfFile.parse(trimmed));
    update.set(update.allocate(), 42);
    const { bytes } = update.write();
    expect(bytes.subarray(0, trimmed.length).equals(trimmed)).toBe(true);
    expect(bytes[trimmed.length]).toBe(0x0a);
    expect(PdfFile.parse(bytes).revisions).toHaveLength(2);
  });

  it('writes caller-serialized bodies verbatim with setRaw', async () => {
    const input = qpdfRewrite(await makeSamplePdf({ useObjectStreams: false }), ['--object-streams=generate']);
    const file = PdfFile.parse(input);
    const update = new IncrementalUpdate(file);
    const ref = update.allocate();
    const body = Buffer.from('<</Type /Sig /Contents <0000>>>', 'latin1');
    update.setRaw(ref, body);
    const { bytes, objectOffsets } = update.write();
    const offset = objectOffsets.get(ref.num)!;
    expect(bytes.subarray(offset, offset + 100).toString('latin1')).toContain(`${ref.num} 0 obj\n${body.toString('latin1')}\nendobj\n`);
    const reread = PdfFile.parse(bytes);
    expect(reread.getObject(ref.num)!.offset).toBe(offset);
    expect((reread.getObject(ref.num)!.value as PdfDict).getName('Type')).toBe('Sig');
    expect(qpdfCheck(bytes)).toMatch(/No syntax or stream encoding errors found/);
  });
});
