import { PdfFormatError } from '../../../src/errors';
import { listFields } from '../../../src/pdf/acroform';
import { PdfRef } from '../../../src/pdf/objects';
import { listPages } from '../../../src/pdf/pages';
import { PdfFile } from '../../../src/pdf/parser';
import { MINIMAL_BODIES, buildClassicPdf, makeSamplePdf } from '../../fixtures/pdf/sample-pdfs';

describe('listPages', () => {
  it('lists the pages of a pdf-lib document in order', async () => {
    const file = PdfFile.parse(await makeSamplePdf({ useObjectStreams: true, pages: 4 }));
    const pages = listPages(file);
    expect(pages).toHaveLength(4);
    expect(new Set(pages.map((ref) => ref.key)).size).toBe(4);
    expect(pages.every((ref) => file.resolveDict(ref)?.getName('Type') === 'Page')).toBe(true);
  });

  it('walks nested /Pages nodes in order', () => {
    const file = PdfFile.parse(
      buildClassicPdf([
        '<</Type /Catalog /Pages 2 0 R>>',
        '<</Type /Pages /Kids [3 0 R 4 0 R] /Count 3>>',
        '<</Type /Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] /Count 2>>',
        '<</Type /Page /Parent 2 0 R>>',
        '<</Type /Page /Parent 3 0 R>>',
        '<</Type /Page /Parent 3 0 R>>',
      ]),
    );
    expect(listPages(file).map((ref) => ref.num)).toEqual([5, 6, 4]);
  });

  it('refuses a page tree with a cycle, a wrong /Count or a direct kid', () => {
    const cycle = buildClassicPdf(['<</Type /Catalog /Pages 2 0 R>>', '<</Type /Pages /Kids [3 0 R] /Count 1>>', '<</Type /Pages /Kids [2 0 R] /Count 1>>']);
    expect(() => listPages(PdfFile.parse(cycle))).toThrow(/reached twice/);
    const count = buildClassicPdf([MINIMAL_BODIES[0]!, '<</Type /Pages /Kids [3 0 R] /Count 2>>', MINIMAL_BODIES[2]!]);
    expect(() => listPages(PdfFile.parse(count))).toThrow(/\/Count 2 but 1 pages/);
    const direct = buildClassicPdf([MINIMAL_BODIES[0]!, '<</Type /Pages /Kids [<</Type /Page>>] /Count 1>>']);
    expect(() => listPages(PdfFile.parse(direct))).toThrow(PdfFormatError);
  });

  it('refuses a page tree deeper than the limit', () => {
    const bodies = ['<</Type /Catalog /Pages 2 0 R>>'];
    for (let i = 2; i < 40; i++) bodies.push(`<</Type /Pages /Kids [${i + 1} 0 R] /Count 1>>`);
    bodies.push('<</Type /Page>>');
    const file = PdfFile.parse(buildClassicPdf(bodies), { maxDepth: 20 });
    expect(() => listPages(file)).toThrow(expect.objectContaining({ code: 'ERR_PDF_LIMIT_EXCEEDED' }));
  });
});

describe('listFields', () => {
  it('lists pdf-lib fields with qualified names, types and widgets on their pages', async () => {
    const file = PdfFile.parse(await makeSamplePdf({ useObjectStreams: false, pages: 2 }));
    const pages = listPages(file);
    const fields = listFields(file);
    expect(fields.map((field) => [field.name, field.type])).toEqual([
      ['group.title', 'Tx'],
      ['agree', 'Btn'],
    ]);
    const title = fields[0]!;
    expect(title.widgets).toHaveLength(1);
    expect(title.widgets[0]!.page?.key).toBe(pages[1]!.key);
  });

  it('merges field and widget, inherits /FT and refuses a cycle in /Kids', () => {
    const bodies = [
      '<</Type /Catalog /Pages 2 0 R /AcroForm <</Fields [4 0 R 7 0 R]>>>>',
      '<</Type /Pages /Kids [3 0 R] /Count 1>>',
      '<</Type /Page /Parent 2 0 R /Annots [5 0 R 6 0 R 7 0 R]>>',
      '<</T (parent) /FT /Sig /Kids [5 0 R 6 0 R]>>',
      '<</T (a) /Parent 4 0 R /Subtype /Widget /P 3 0 R /Rect [0 0 0 0]>>',
      '<</Parent 4 0 R /Subtype /Widget /Rect [0 0 0 0]>>',
      '<</T (merged) /FT /Sig /Subtype /Widget /P 3 0 R /Rect [0 0 10 10]>>',
    ];
    const fields = listFields(PdfFile.parse(buildClassicPdf(bodies)));
    expect(fields.map((field) => [field.name, field.type, field.widgets.map((widget) => widget.ref?.num)])).toEqual([
      ['parent.a', 'Sig', [5]],
      ['parent', 'Sig', [6]],
      ['merged', 'Sig', [7]],
    ]);
    expect(fields[2]!.widgets[0]!.page).toEqual(new PdfRef(3, 0));

    const cyclic = [...bodies];
    cyclic[4] = '<</T (a) /Parent 4 0 R /Kids [4 0 R]>>';
    expect(() => listFields(PdfFile.parse(buildClassicPdf(cyclic)))).toThrow(/reached twice/);
  });
});
