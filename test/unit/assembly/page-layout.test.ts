import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMeasure } from '../../../src/assembly/fonts';
import { CONTENT_LEFT, CONTENT_RIGHT, layoutExtract, type PageItem, type TextItem } from '../../../src/assembly/page-layout';
import { parseExtract, type Extract } from '../../../src/domain/extract';

const exampleJson = readFileSync(join(__dirname, '../../../examples/extract-ha-2023-418-p12.json'), 'utf8');
const options = { verificationCode: 'ABCD-EFGH', verificationUrl: 'http://localhost:3000/verifiera/ABCD-EFGH', measure: createMeasure() };

/** Headings of many sections, each followed by a text long enough to fill pages at varying offsets. */
function manySections(): Extract {
  const input = JSON.parse(exampleJson) as { sections: Record<string, unknown> };
  input.sections.extraSections = Array.from({ length: 30 }, (_, n) => ({
    heading: `Avsnitt ${n + 1}`,
    text: 'Nämnden beslutar att godkänna förslaget. '.repeat(8 + ((n * 5) % 23)),
  }));
  return parseExtract(input);
}

const isText = (item: PageItem): item is TextItem => item.kind === 'text';
const isHeading = (item: TextItem): boolean => item.style === 'bold' && item.size === 11.5;

describe('layoutExtract', () => {
  it('never leaves a section heading as the last line of a page', () => {
    const { pages } = layoutExtract(manySections(), options);
    expect(pages.length).toBeGreaterThan(4);
    pages.slice(0, -1).forEach((items) => {
      // The body text of a page, bottom-most line last (header and footer excluded by their size).
      const body = items.filter(isText).filter((item) => item.size >= 10 && item.y > 80 && item.y < 760);
      const lowest = Math.min(...body.map((item) => item.y));
      const lastLine = body.filter((item) => item.y === lowest);
      expect(lastLine.some(isHeading)).toBe(false);
    });
  });

  it('puts the signature block with one widget per required signer on the last page, inside the margins', () => {
    const extract = manySections();
    const { pages, signatureBlock } = layoutExtract(extract, options);
    const widgets = pages.map((items) => items.filter((item) => item.kind === 'signature-field'));
    expect(widgets.slice(0, -1).flat()).toEqual([]);
    const last = widgets[widgets.length - 1];
    expect(last.map((item) => item.kind === 'signature-field' && item.field)).toEqual(['ordforande', 'justerare-1']);
    for (const item of last) {
      if (item.kind !== 'signature-field') continue;
      expect(item.x).toBeGreaterThanOrEqual(CONTENT_LEFT);
      expect(item.x + item.width).toBeLessThanOrEqual(CONTENT_RIGHT);
      expect(item.y + item.height).toBeLessThanOrEqual(signatureBlock.top);
      expect(item.y).toBeGreaterThanOrEqual(signatureBlock.bottom);
    }
  });

  it('numbers every page "Sida n av N"', () => {
    const { pages } = layoutExtract(manySections(), options);
    pages.forEach((items, index) => {
      expect(items.filter(isText).map((item) => item.text)).toContain(`Sida ${index + 1} av ${pages.length}`);
    });
  });
});
