import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseExtract } from '../../../../src/domain/extract';
import { PDF_ONLY, renderExtractText } from '../../../../src/server/pages/extract-html';

const example = parseExtract(readFileSync(join(__dirname, '../../../../examples/extract-ha-2023-418-p12.json')));

describe('the extract as HTML for screen readers', () => {
  test('has the PDF’s sections in order, each statement quoted, every document listed', () => {
    const page = renderExtractText(example).value;
    const order = ['§ 12 Stockholms stads Trygghetsprogram 2024-2027', 'Dnr HÄ 2023/418', '<h4>Beslut</h4>', '<h4>Sammanfattning av ärendet</h4>', '<h4>Beslutsgång</h4>', '<h4>Ersättaryttrande</h4>', '<h4>Särskilt uttalande</h4>', '<h4>Handlingar i ärendet</h4>', 'Förvaringsplats: '];
    const positions = order.map((text) => page.indexOf(text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(page.match(/<blockquote>/g)).toHaveLength(example.sections.statements.length);
    for (const document of example.documents) expect(page).toContain(document.id);
    expect(page).toContain('lang="sv"');
  });

  test('text from the extract never becomes markup', () => {
    const hostile = { ...example, title: '<script>alert(1)</script>', sections: { ...example.sections, decision: 'a <b onclick="x">"fet"</b>\nny rad' } };
    const page = renderExtractText(hostile).value;
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('a &lt;b onclick=&quot;x&quot;&gt;&quot;fet&quot;&lt;/b&gt;<br>ny rad');
  });
});

describe('an uploaded protocol’s text as HTML', () => {
  const meta = { ...example, sections: undefined };

  test('one section per page, headed by its place in the PDF (and its page in the protocol when picked); a scan says it has no text', () => {
    const page = renderExtractText(meta, { text: [{ protocolPage: 3, paragraphs: [['§ 14 Motion', 'om <b>cykelbanor</b>'], ['Beslut: avslag.']] }, { protocolPage: 4, paragraphs: [] }] }, 'en').value;
    expect(page).toContain('<h4 id="protocol-page-1">Sida 1 (sida 3 i protokollet)</h4>');
    expect(page).toContain('<p>§ 14 Motion<br>om &lt;b&gt;cykelbanor&lt;/b&gt;</p>');
    expect(page).toContain('<p>Beslut: avslag.</p>');
    expect(page).toContain('<p class="no-text" lang="en">Page 2 holds no text that could be read; read it in the PDF file.</p>');
    expect(page).toContain('The PDF file is what you sign.');
    expect(page).not.toContain(PDF_ONLY);
  });

  test('a version stored before its text was read says that only the PDF holds it', () => {
    expect(renderExtractText(meta, {}).value).toContain(PDF_ONLY);
  });
});
