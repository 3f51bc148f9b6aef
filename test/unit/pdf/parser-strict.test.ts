import { deflateSync } from 'node:zlib';
import { PdfFormatError } from '../../../src/errors';
import { IncrementalUpdate } from '../../../src/pdf/incremental-writer';
import { PdfRef, PdfStream } from '../../../src/pdf/objects';
import { PdfFile } from '../../../src/pdf/parser';
import { MINIMAL_BODIES, buildClassicPdf, makeSamplePdf } from '../../fixtures/pdf/sample-pdfs';

const latin1 = (bytes: Buffer): string => bytes.toString('latin1');
const fromLatin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

function expectFormatError(run: () => unknown, pattern: RegExp, code = 'ERR_PDF_MALFORMED'): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(PdfFormatError);
  expect(thrown).toMatchObject({ code, message: expect.stringMatching(pattern) });
}

/** A file whose object 4 is a stream with the given dictionary extras and raw data. */
function withStream(data: Buffer, dictExtra: string, length = data.length): Buffer {
  const head = fromLatin1(`<</Length ${length}${dictExtra}>>\nstream\n`);
  const body = latin1(Buffer.concat([head, data, fromLatin1('\nendstream')]));
  return buildClassicPdf([...MINIMAL_BODIES, body]);
}

describe('PdfFile.parse refuses broken files instead of repairing them', () => {
  it('a truncated file', async () => {
    const pdf = await makeSamplePdf({ useObjectStreams: false });
    expectFormatError(() => PdfFile.parse(pdf.subarray(0, pdf.length >> 1)), /startxref|xref/);
    expectFormatError(() => PdfFile.parse(pdf.subarray(0, pdf.length - 3)), /%%EOF/);
    expectFormatError(() => PdfFile.parse(pdf.subarray(0, 10)), /startxref/);
  });

  it('a missing startxref', () => {
    const pdf = latin1(buildClassicPdf(MINIMAL_BODIES)).replace('startxref', 'startxrex');
    expectFormatError(() => PdfFile.parse(fromLatin1(pdf)), /no startxref/);
  });

  it('a startxref that points at neither a table nor an xref stream', () => {
    const pdf = latin1(buildClassicPdf(MINIMAL_BODIES));
    const wrong = pdf.replace(/startxref\n(\d+)/, (_m, offset: string) => `startxref\n${Number(offset) + 2}`);
    expectFormatError(() => PdfFile.parse(fromLatin1(wrong)), /points at neither/);
    const outside = pdf.replace(/startxref\n(\d+)/, 'startxref\n999999');
    expectFormatError(() => PdfFile.parse(fromLatin1(outside)), /outside the file/);
  });

  it('a wrong xref offset, naming the object', () => {
    const pdf = buildClassicPdf(MINIMAL_BODIES);
    const text = latin1(pdf);
    const entry = /(\d{10}) 00000 n\r\n(\d{10}) 00000 n\r\n(\d{10}) 00000 n/.exec(text)!;
    const shifted = text.replace(entry[2]!, String(Number(entry[2]) + 1).padStart(10, '0'));
    const file = PdfFile.parse(fromLatin1(shifted));
    expectFormatError(() => file.getObject(2), /object 2 0: the xref offset \d+ does not point at '2 0 obj'/);
    expectFormatError(() => file.readAllObjects(), /object 2 0/);
    // An offset that lands on a comment before the object is refused; one on white-space before it is read.
    // (Same-length edits: object 1 now ends with 'endobj%' and a line break before '2 0 obj'.)
    const commented = text.replace('>>\nendobj\n2 0 obj', '>>endobj%\n2 0 obj');
    expect(commented.indexOf('%\n2 0 obj')).toBe(Number(entry[2]) - 2);
    const pointAt = (delta: number): Buffer => fromLatin1(commented.replace(entry[2]!, String(Number(entry[2]) + delta).padStart(10, '0')));
    expectFormatError(() => PdfFile.parse(pointAt(-2)).getObject(2), /does not point at '2 0 obj'/);
    expect(PdfFile.parse(pointAt(-1)).getObject(2)?.offset).toBe(Number(entry[2]) - 1);
    // An offset that lands on another object is refused too.
    const swapped = text.replace(entry[2]!, entry[3]!);
    expectFormatError(() => PdfFile.parse(fromLatin1(swapped)).getObject(2), /object 2 0: the xref offset \d+ points at object 3 0 instead/);
  });

  it('an xref offset into the middle of another object number ("11 0 obj" + 1 reads as "1 0 obj")', () => {
    const bodies = [...MINIMAL_BODIES, ...Array.from({ length: 8 }, () => 'null')];
    const text = latin1(buildClassicPdf(bodies));
    const eleven = text.indexOf('11 0 obj');
    const firstEntry = /0000000000 65535 f\r\n(\d{10})/.exec(text)!;
    const pointed = text.replace(`${firstEntry[1]} 00000 n`, `${String(eleven + 1).padStart(10, '0')} 00000 n`);
    expectFormatError(() => PdfFile.parse(fromLatin1(pointed)).getObject(1), /object 1 0: the xref offset \d+ does not point at '1 0 obj'/);
  });

  it('a /Prev loop', async () => {
    const pdf = await makeSamplePdf({ useObjectStreams: false });
    const update = new IncrementalUpdate(PdfFile.parse(pdf));
    update.set(update.allocate(), 1);
    const updated = latin1(update.write().bytes);
    const lastXref = updated.lastIndexOf('\nxref\n') + 1;
    // Point the update's /Prev at itself.
    const looped = updated.replace(/\/Prev \d+/, (match) => `/Prev ${String(lastXref).padEnd(match.length - 6, ' ')}`);
    expectFormatError(() => PdfFile.parse(fromLatin1(looped)), /\/Prev chain loops/);
  });

  it('a stream with a wrong /Length', () => {
    const file = PdfFile.parse(withStream(Buffer.from('BT /F1 12 Tf ET'), '', 10));
    expectFormatError(() => file.getObject(4), /object 4: stream \/Length 10 does not end at 'endstream'/);
  });

  it('a decompression bomb over the per-stream limit and over the total limit', () => {
    const bomb = deflateSync(Buffer.alloc(20 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100_000);
    const file = PdfFile.parse(withStream(bomb, ' /Filter /FlateDecode'), { maxStreamSize: 1024 * 1024 });
    const stream = file.getObject(4)!.value as PdfStream;
    expectFormatError(() => file.decodeStream(stream), /exceeds the limit/, 'ERR_PDF_LIMIT_EXCEEDED');

    const small = deflateSync(Buffer.alloc(600 * 1024));
    const twice = PdfFile.parse(withStream(small, ' /Filter /FlateDecode'), { maxTotalDecodedSize: 1024 * 1024 });
    const again = twice.getObject(4)!.value as PdfStream;
    expect(twice.decodeStream(again)).toHaveLength(600 * 1024);
    // A second, distinct stream object with the same data pushes the total over the limit.
    expectFormatError(() => twice.decodeStream(new PdfStream(again.dict, again.data)), /limit/, 'ERR_PDF_LIMIT_EXCEEDED');
  });

  it('10,000-deep nested arrays in an object', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const file = PdfFile.parse(buildClassicPdf([...MINIMAL_BODIES, deep]));
    expectFormatError(() => file.getObject(4), /nested deeper than 100/, 'ERR_PDF_LIMIT_EXCEEDED');
  });

  it('reference cycles, without hanging', () => {
    const file = PdfFile.parse(buildClassicPdf([...MINIMAL_BODIES, '5 0 R', '4 0 R']));
    expectFormatError(() => file.resolve(new PdfRef(4, 0)), /reference chain/, 'ERR_PDF_LIMIT_EXCEEDED');
    const selfLength = buildClassicPdf([...MINIMAL_BODIES, '<</Length 4 0 R>>\nstream\nabc\nendstream']);
    expectFormatError(() => PdfFile.parse(selfLength).getObject(4), /refers to itself/);
  });

  it('unsupported filters and encrypted files', () => {
    const hex = PdfFile.parse(withStream(Buffer.from('414243>'), ' /Filter /ASCIIHexDecode'));
    expectFormatError(() => hex.decodeStream(hex.getObject(4)!.value as PdfStream), /ASCIIHexDecode is not supported/, 'ERR_PDF_UNSUPPORTED');
    const encrypted = buildClassicPdf(MINIMAL_BODIES, ' /Encrypt <</Filter /Standard>>');
    expectFormatError(() => PdfFile.parse(encrypted), /encrypted/, 'ERR_PDF_UNSUPPORTED');
  });

  it('a corrupt FlateDecode stream', () => {
    const file = PdfFile.parse(withStream(Buffer.from('not zlib at all'), ' /Filter /FlateDecode'));
    expectFormatError(() => file.decodeStream(file.getObject(4)!.value as PdfStream), /FlateDecode data is corrupt/);
  });

  it('malformed xref entries and an object listed twice in one section', () => {
    const text = latin1(buildClassicPdf(MINIMAL_BODIES));
    expectFormatError(() => PdfFile.parse(fromLatin1(text.replace(/ 00000 n/, ' 0000 n'))), /malformed xref entry for object 1/);
    const twice = text.replace(/trailer/, '3 1\n0000000009 00000 n\r\ntrailer');
    expectFormatError(() => PdfFile.parse(fromLatin1(twice)), /object 3 is listed twice/);
  });

  it('a file larger than the size limit', () => {
    expectFormatError(() => PdfFile.parse(buildClassicPdf(MINIMAL_BODIES), { maxFileSize: 100 }), /more than the limit/, 'ERR_PDF_LIMIT_EXCEEDED');
  });

  it('treats a reference with the wrong generation as null (7.3.10)', () => {
    const file = PdfFile.parse(buildClassicPdf(MINIMAL_BODIES));
    expect(file.resolve(new PdfRef(1, 3))).toBeNull();
    expect(file.resolve(new PdfRef(1, 0))).toBe(file.catalog());
  });
});
