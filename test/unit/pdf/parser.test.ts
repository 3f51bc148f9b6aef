import { PdfFormatError } from '../../../src/errors';
import { PdfStream } from '../../../src/pdf/objects';
import { PdfFile } from '../../../src/pdf/parser';
import { IncrementalUpdate } from '../../../src/pdf/incremental-writer';
import { listPages } from '../../../src/pdf/pages';
import { buildHybridPdf, makeSamplePdf, qpdfCheck, qpdfRewrite } from '../../fixtures/pdf/sample-pdfs';

function pageCount(file: PdfFile): number {
  const pages = file.resolveDict(file.catalog().get('Pages'));
  return pages?.getNumber('Count') ?? -1;
}

describe('PdfFile.parse on files written by other tools', () => {
  let plain: Buffer;
  let objectStreams: Buffer;

  beforeAll(async () => {
    plain = await makeSamplePdf({ useObjectStreams: false, pages: 3 });
    objectStreams = await makeSamplePdf({ useObjectStreams: true, pages: 3 });
  });

  it('reads a pdf-lib file with a classic xref table', () => {
    const file = PdfFile.parse(plain);
    expect(file.revisions).toHaveLength(1);
    expect(file.revisions[0]!.xrefKind).toBe('table');
    expect(file.revisions[0]!.endOffset).toBe(plain.length);
    expect(pageCount(file)).toBe(3);
  });

  it('reads a pdf-lib file with an xref stream and object streams', () => {
    const file = PdfFile.parse(objectStreams);
    expect(file.revisions[0]!.xrefKind).toBe('stream');
    expect([...file.revisions[0]!.entries.values()].some((entry) => entry.type === 'compressed')).toBe(true);
    expect(pageCount(file)).toBe(3);
    const catalogRef = file.trailer().getRef('Root')!;
    expect(file.getObject(catalogRef.num)?.objectStream).toBeDefined();
  });

  it.each([
    ['qpdf --object-streams=generate', ['--object-streams=generate']],
    ['qpdf --qdf', ['--qdf']],
    ['qpdf --object-streams=generate --compress-streams=y (PNG predictor)', ['--object-streams=generate', '--compress-streams=y']],
  ])('reads a file rewritten by %s', (_label, args) => {
    const file = PdfFile.parse(qpdfRewrite(plain, args));
    expect(pageCount(file)).toBe(3);
    // Every object in use resolves, and page content streams inflate.
    for (const [num, entry] of file.visibleEntries()) {
      if (entry.type === 'free' || num === 0) continue;
      const value = file.getObject(num)?.value;
      if (value instanceof PdfStream) expect(file.decodeStream(value).length).toBeGreaterThanOrEqual(0);
    }
    const kids = file.resolveArray(file.resolveDict(file.catalog().get('Pages'))!.get('Kids'))!;
    expect(file.resolveDict(kids[0])?.getName('Type')).toBe('Page');
  });

  it.each([
    ['with a classic table', ['--linearize']],
    ['with xref streams', ['--linearize', '--object-streams=generate']],
  ])('reads a linearized file (qpdf --linearize %s) as one revision, and an update on it as a second', (_label, args) => {
    const linearized = qpdfRewrite(plain, args);
    const file = PdfFile.parse(linearized);
    expect(file.revisions).toHaveLength(1);
    expect(file.revisions[0]!.endOffset).toBe(linearized.length);
    expect(file.readAllObjects()).toBeGreaterThan(10);
    expect(listPages(file)).toHaveLength(3);

    const update = new IncrementalUpdate(file);
    update.set(update.allocate(), 7);
    const updated = update.write().bytes;
    expect(qpdfCheck(updated)).toMatch(/No syntax or stream encoding errors found/);
    const reread = PdfFile.parse(updated);
    expect(reread.revisions.map((revision) => revision.endOffset)).toEqual([linearized.length, updated.length]);
  });

  it('reads a hybrid-reference file: objects hidden from the table come from /XRefStm', () => {
    const hybrid = buildHybridPdf();
    expect(qpdfCheck(hybrid)).toMatch(/No syntax or stream encoding errors found/);
    const file = PdfFile.parse(hybrid);
    expect(file.revisions).toHaveLength(1);
    expect(file.revisions[0]!.xrefKind).toBe('table');
    expect(file.revisions[0]!.xrefStreamOffset).toBe(hybrid.indexOf('6 0 obj'));
    expect(file.getObject(5)).toMatchObject({ gen: 0, objectStream: 4 });
    expect(file.resolveDict(file.getObject(5)!.value)?.getNumber('N')).toBe(42);
    expect(file.readAllObjects()).toBe(6);
  });

  it('refuses bytes that are not a PDF', () => {
    expect(() => PdfFile.parse(Buffer.from('hello'))).toThrow(PdfFormatError);
  });
});
