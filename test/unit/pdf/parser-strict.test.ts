import { deflateSync } from 'node:zlib';
import { PdfFormatError } from '../../../src/errors';
import { IncrementalUpdate } from '../../../src/pdf/incremental-writer';
import { PdfRef, PdfStream, PdfString } from '../../../src/pdf/objects';
import { PdfFile, XREF_OFFSET_TOLERANCE } from '../../../src/pdf/parser';
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

  it('a wrong xref offset, naming the object, when no one header near it is confirmed by a scan of the file', () => {
    const pdf = buildClassicPdf(MINIMAL_BODIES);
    const text = latin1(pdf);
    const entry = /(\d{10}) 00000 n\r\n(\d{10}) 00000 n\r\n(\d{10}) 00000 n/.exec(text)!;
    const at = Number(entry[2]);
    const pointAt = (source: string, offset: number): Buffer => fromLatin1(source.replace(entry[2]!, String(offset).padStart(10, '0')));
    // Farther than the tolerance: refused, and every object read at once says which.
    const far = PdfFile.parse(pointAt(text, at + XREF_OFFSET_TOLERANCE + 1));
    expectFormatError(() => far.getObject(2), /object 2 0: the xref offset \d+ (does not point at '2 0 obj'|points at object 3 0 instead)/);
    expectFormatError(() => far.readAllObjects(), /object 2 0/);
    expect(far.warnings).toEqual([]);
    // Two headers of object 2 near the offset (one in a comment of object 1): ambiguous, refused.
    const twice = latin1(buildClassicPdf([`${MINIMAL_BODIES[0]} %2 0 obj`, ...MINIMAL_BODIES.slice(1)]));
    const entryTwice = /(\d{10}) 00000 n\r\n(\d{10}) 00000 n/.exec(twice)!;
    const atTwice = Number(entryTwice[2]);
    const shiftedTwice = fromLatin1(twice.replace(entryTwice[2]!, String(atTwice + 3).padStart(10, '0')));
    expectFormatError(() => PdfFile.parse(shiftedTwice).getObject(2), /object 2 0: the xref offset/);
    expect(PdfFile.parse(fromLatin1(twice)).getObject(2)?.offset).toBe(atTwice);
    // An offset on white-space before the object is read as it is, without a warning.
    const spaced = fromLatin1(text.replace('>>\nendobj\n2 0 obj', '>>endobj \n2 0 obj').replace(entry[2]!, String(at - 1).padStart(10, '0')));
    expect(PdfFile.parse(spaced).getObject(2)?.offset).toBe(at - 1);
    expect(PdfFile.parse(spaced).warnings).toEqual([]);
  });

  it('an xref offset a few bytes off: the one header within the tolerance that the file scan confirms, with a warning', () => {
    const text = latin1(buildClassicPdf(MINIMAL_BODIES));
    const entry = /(\d{10}) 00000 n\r\n(\d{10}) 00000 n/.exec(text)!;
    const at = Number(entry[2]);
    for (const delta of [1, -3, 9, XREF_OFFSET_TOLERANCE]) {
      const file = PdfFile.parse(fromLatin1(text.replace(entry[2]!, String(at + delta).padStart(10, '0'))));
      expect(file.getObject(2)).toMatchObject({ offset: at, value: expect.any(Object) });
      expect(file.readAllObjects()).toBe(3);
      expect(file.warnings).toEqual([
        { code: 'XREF_OFFSET_CORRECTED', objectNumber: 2, generation: 0, revision: 0, offsetGiven: at + delta, offsetFound: at, message: expect.stringContaining('object 2 0') },
      ]);
    }
  });

  it('an xref offset of a signed revision is never corrected to an object a later update wrote', () => {
    const base = buildClassicPdf([...MINIMAL_BODIES, '(signed)']);
    const update = new IncrementalUpdate(PdfFile.parse(base));
    update.set(new PdfRef(4, 0), PdfString.fromText('appended'));
    const text = latin1(update.write().bytes);
    const appended = text.indexOf('4 0 obj', base.length - 1);
    expect(appended - base.length).toBeLessThan(4);
    // Revision 1's entry for object 4 now points just past its end, a few bytes from the update's object 4.
    const entry4 = new RegExp(`(\\d{10}) 00000 n\\r\\n(?=trailer)`).exec(text)!;
    const broken = PdfFile.parse(fromLatin1(text.replace(entry4[1]!, String(appended + 2).padStart(10, '0'))));
    expectFormatError(() => broken.getObject(4, 0), /object 4 0: the xref offset/);
    expect(broken.resolve(new PdfRef(4, 0))).toEqual(PdfString.fromText('appended'));
    expect(broken.warnings).toEqual([]);
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
