/** PdfFile.extendedTo: a parse carried over an incremental update reads as a fresh parse of the new bytes does. */
import { IncrementalUpdate } from '../../../src/pdf/incremental-writer';
import { PdfString, dict, name } from '../../../src/pdf/objects';
import { PdfFile } from '../../../src/pdf/parser';
import { makeSamplePdf } from '../../fixtures/pdf/sample-pdfs';

function update(file: PdfFile, text: string): Buffer {
  const writer = new IncrementalUpdate(file);
  const ref = writer.allocate();
  writer.set(ref, dict({ Type: name('Marker'), Text: PdfString.fromText(text) }));
  writer.set(file.trailer().getRef('Root')!, file.catalog().clone().set('Marker', ref));
  return writer.write().bytes;
}

describe.each([['a classic xref table', false], ['an xref stream', true]] as const)('on a file with %s', (_label, useObjectStreams) => {
  it('reads only the appended sections and resolves like a fresh parse, across two updates', async () => {
    const file = PdfFile.parse(await makeSamplePdf({ useObjectStreams, pages: 1 }));
    file.catalog();
    const once = update(file, 'första');
    const twice = update(PdfFile.parse(once), 'andra');
    const extended = file.extendedTo(twice);
    const fresh = PdfFile.parse(twice);
    expect(extended.revisions.map((r) => [r.index, r.xrefOffset, r.xrefKind, r.endOffset])).toEqual(fresh.revisions.map((r) => [r.index, r.xrefOffset, r.xrefKind, r.endOffset]));
    const marker = (of: PdfFile) => (of.resolveDict(of.catalog().get('Marker'))?.get('Text') as PdfString).toText();
    expect(marker(extended)).toBe('andra');
    expect(marker(fresh)).toBe('andra');
    // The earlier revisions still resolve as they were.
    expect(extended.catalog(extended.revisions.length - 3).has('Marker')).toBe(false);
  });

  it('parses afresh what does not continue the file', async () => {
    const file = PdfFile.parse(await makeSamplePdf({ useObjectStreams, pages: 1 }));
    const other = await makeSamplePdf({ useObjectStreams, pages: 2 });
    expect(file.extendedTo(other).revisions.map((r) => r.xrefOffset)).toEqual(PdfFile.parse(other).revisions.map((r) => r.xrefOffset));
  });
});
