import { paragraphsOf, readProtocolText, type PlacedText } from '../../../src/assembly/protocol-text';
import { handWrittenProtocol, SCANNED_PAGE_PROTOCOL_TEXT, scannedPageProtocol } from '../../fixtures/pdf/foreign-protocols';

function item(text: string, x: number, y: number, size = 12): PlacedText {
  // Helvetica's average advance is about half the font size.
  return { text, x, y, width: text.length * size * 0.5, size };
}

describe('the text of a protocol’s pages', () => {
  test('is read page by page, in paragraphs of lines; a scanned page has none', async () => {
    const pages = await readProtocolText(scannedPageProtocol(), [1, 2, 3]);
    expect(pages).toEqual(SCANNED_PAGE_PROTOCOL_TEXT.map((paragraphs, i) => ({ protocolPage: i + 1, paragraphs })));
  });

  test('names the protocol’s own page numbers for the pages given, and leaves the input as it was', async () => {
    const pdf = handWrittenProtocol();
    const copy = Buffer.from(pdf);
    const pages = await readProtocolText(pdf, [7, 9]);
    expect(pages.map((page) => page.protocolPage)).toEqual([7, 9]);
    expect(pages[1]!.paragraphs).toEqual([['§ 13 Detaljplan för kv. Björken', 'Beslut: planen antas.']]);
    expect(Buffer.compare(pdf, copy)).toBe(0);
  });

  test('a file pdf.js cannot read gives pages without text, not an error', async () => {
    expect(await readProtocolText(Buffer.from('%PDF-1.7\nnot a PDF'), [1])).toEqual([{ protocolPage: 1, paragraphs: [] }]);
  });

  test('items on one baseline make one line, in x order, with a space where the PDF left a gap', () => {
    const items = [item('antas.', 160, 700), item('Beslut:', 72, 700), item('planen', 118, 700.5), item('2', 200, 704, 7), item('Budget', 72, 740, 14)];
    expect(paragraphsOf(items)).toEqual([['Budget'], ['Beslut: planen antas. 2']]);
  });

  test('control characters are no text', () => {
    expect(paragraphsOf([item('Bes\u0000lut\u0007', 72, 700)])).toEqual([['Bes lut']]);
  });

  test('words drawn in pieces without a gap stay one word; whitespace-only items are dropped', () => {
    expect(paragraphsOf([item('Bj', 72, 700), item('örken', 84, 700), item('   ', 150, 650)])).toEqual([['Björken']]);
  });
});
