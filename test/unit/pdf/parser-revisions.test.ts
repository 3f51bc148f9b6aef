import { IncrementalUpdate } from '../../../src/pdf/incremental-writer';
import { PdfDict, PdfRef, PdfStream, dict, name } from '../../../src/pdf/objects';
import { PdfFile } from '../../../src/pdf/parser';
import { MINIMAL_BODIES, buildClassicPdf, makeSamplePdf } from '../../fixtures/pdf/sample-pdfs';

/** Objects are read as of a revision, including what a later revision changes only indirectly. */
describe('PdfFile objects as of a revision', () => {
  it('reads a stream with its indirect /Length as of each revision, whichever revision is read first', () => {
    const base = buildClassicPdf([...MINIMAL_BODIES, '<</Length 5 0 R>>\nstream\nhello world\nendstream', '11']);
    const update = new IncrementalUpdate(PdfFile.parse(base));
    update.set(update.allocate(), 0);
    const first = update.write().bytes;
    // A later revision that only redefines the length object changes where stream 4 ends.
    const second = new IncrementalUpdate(PdfFile.parse(first));
    second.set(new PdfRef(5, 0), 5);
    const bytes = second.write().bytes;

    for (const order of [[0, 2], [2, 0]]) {
      const file = PdfFile.parse(bytes);
      for (const revision of order) {
        if (revision === 0) expect(Buffer.from((file.getObject(4, 0)!.value as PdfStream).data).toString('latin1')).toBe('hello world');
        else expect(() => file.getObject(4, 2)).toThrow(/\/Length 5 does not end at 'endstream'/);
      }
    }
  });

  it('reads an unchanged compressed object from the object stream that a later revision redefines', async () => {
    const base = await makeSamplePdf({ useObjectStreams: true });
    const file = PdfFile.parse(base);
    const target = [...file.revisions[0]!.entries.values()].find((entry) => entry.type === 'compressed' && entry.index === 0);
    if (target?.type !== 'compressed') throw new Error('the sample has no compressed object at index 0');
    const original = file.getObject(target.num, 0)!.value;

    const update = new IncrementalUpdate(file);
    const header = `${target.num} 0 `;
    const body = `${header}<</Replaced true>>`;
    const streamRef = new PdfRef(target.streamNum, 0);
    update.set(streamRef, new PdfStream(dict({ Type: name('ObjStm'), N: 1, First: header.length }), Buffer.from(body, 'latin1')));
    const updated = PdfFile.parse(update.write().bytes);

    // Same type-2 entry in both revisions, different object stream behind it.
    expect(updated.entry(target.num, 1)).toBe(updated.entry(target.num, 0));
    expect((updated.getObject(target.num, 1)!.value as PdfDict).get('Replaced')).toBe(true);
    expect(updated.getObject(target.num, 0)!.value).toEqual(original);
    expect((updated.getObject(target.num, 1)!.value as PdfDict).get('Replaced')).toBe(true);
  });

  it('returns the same cached value for an object no revision changed', async () => {
    const base = await makeSamplePdf({ useObjectStreams: false });
    const update = new IncrementalUpdate(PdfFile.parse(base));
    update.set(update.allocate(), 1);
    const file = PdfFile.parse(update.write().bytes);
    const root = file.trailer(0).getRef('Root')!;
    expect(file.getObject(root.num, 0)!.value).toBe(file.getObject(root.num, 1)!.value);
  });
});

describe('many revisions', () => {
  it('reads each of 120 revisions that redefine the same object, and refuses more revisions than the limit', () => {
    let bytes = buildClassicPdf([...MINIMAL_BODIES, '0']);
    for (let i = 1; i < 120; i++) {
      const update = new IncrementalUpdate(PdfFile.parse(bytes));
      update.set(new PdfRef(4, 0), i);
      bytes = update.write().bytes;
    }
    const file = PdfFile.parse(bytes);
    expect(file.revisions).toHaveLength(120);
    for (const index of [0, 1, 60, 118, 119]) expect(file.getObject(4, index)!.value).toBe(index);
    expect(file.revisions.every((revision, index) => index === 0 || revision.xrefOffset > file.revisions[index - 1]!.endOffset - 1)).toBe(true);
    expect(() => PdfFile.parse(bytes, { maxRevisions: 119 })).toThrow(expect.objectContaining({ code: 'ERR_PDF_LIMIT_EXCEEDED' }));
  });
});
