import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import { parseExtract, type Extract } from '../../../src/domain/extract';
import { InputError } from '../../../src/errors';
import { renderExtractPdf } from '../../../src/assembly/render-extract-pdf';
import { MARGIN, PAGE_HEIGHT, PAGE_WIDTH } from '../../../src/assembly/page-layout';
import { VERIFICATION_CODE_PATTERN, verificationCodeFor } from '../../../src/assembly/verification-code';
import { pdffonts, pdftotext, qpdfCheck, wordBoxes, type WordBox } from '../../helpers/poppler';

const ROOT = join(__dirname, '../../..');
const exampleJson = readFileSync(join(ROOT, 'examples/extract-ha-2023-418-p12.json'), 'utf8');
const exampleText = readFileSync('/work/shared/examples/protokollsutdrag-HA-2023-418-p12.txt', 'utf8');
const CREATED = new Date('2023-09-21T16:00:00Z');
const BASE_URL = 'http://localhost:3000';

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The example text's paragraphs (blank-line separated) up to the "Signerat av" block, which our fields replace. */
function exampleParagraphs(): string[] {
  const body = exampleText.slice(0, exampleText.indexOf('Signerat av'));
  // The text breaks "2018-2022" across lines after the hyphen: a line wrap, not a space.
  // Its list bullets are U+F0B7, the Symbol font's bullet in a private-use code point; we print "•".
  const unwrapped = body.replace(/(\d)-[ \t]*\n[ \t]*(\d)/g, '$1-$2').replace(/\uF0B7/g, '•');
  const paragraphs = unwrapped.split(/\n[ \t]*\n/).map(normalize).filter((paragraph) => paragraph !== '');
  // We label the diarienummer under the title ("Dnr HÄ 2023/418"), as protocols usually do; the text has it bare.
  paragraphs[0] = paragraphs[0].replace(/ HÄ 2023\/418$/, ' Dnr HÄ 2023/418');
  return paragraphs;
}

/** pdftotext output without the running header and footer lines, which interrupt text across pages. */
function bodyText(pdf: Uint8Array, extract: Extract): string {
  const running = new Set([extract.body, 'PROTOKOLLSUTDRAG', `Sammanträdesdatum ${extract.meetingDate}`, `${extract.body} PROTOKOLLSUTDRAG`]);
  return normalize(
    pdftotext(pdf)
      .split('\n')
      .filter((line) => !running.has(line.trim()) && !/^(Kontrollkod: \S+|Sida \d+ av \d+)$/.test(line.trim()))
      .join('\n'),
  );
}

interface FieldView {
  name: string;
  dict: PDFDict;
  rect: number[];
}

async function signatureFields(pdf: Uint8Array): Promise<{ fields: FieldView[]; lastPage: PDFDict; lastPageRef: PDFRef; pageCount: number; sigFlags: number | undefined }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const acroForm = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
  const refs = acroForm.lookup(PDFName.of('Fields'), PDFArray).asArray();
  const fields = refs.map((ref) => {
    const dict = doc.context.lookup(ref, PDFDict);
    const rect = dict.lookup(PDFName.of('Rect'), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber());
    return { name: dict.lookup(PDFName.of('T'), PDFString).decodeText(), dict, rect };
  });
  const pages = doc.getPages();
  const last = pages[pages.length - 1];
  const sigFlags = acroForm.lookup(PDFName.of('SigFlags'));
  return { fields, lastPage: last.node, lastPageRef: last.ref, pageCount: pages.length, sigFlags: sigFlags instanceof PDFNumber ? sigFlags.asNumber() : undefined };
}

function withTwoAdjusters(): Extract {
  const input = JSON.parse(exampleJson) as { participants: { adjusters: object[] } };
  input.participants.adjusters.push({ name: 'Åsa Öberg', email: 'asa.oberg@example.org' });
  return parseExtract(input);
}

/** A long extract: 40 paragraphs of a few hundred words each, long compounds, an unbreakable token. */
function longExtract(): Extract {
  const input = JSON.parse(exampleJson) as Record<string, unknown> & { sections: Record<string, unknown> };
  const words = 'förvaltningen föreslår att nämnden godkänner trygghetsskapande samverkansöverenskommelsen med polisen och ärendet överlämnas'.split(' ');
  const paragraph = (n: number): string =>
    Array.from({ length: 180 + (n % 7) * 20 }, (_, i) => words[(i * 7 + n) % words.length]).join(' ') +
    (n % 10 === 0 ? ` https://example.org/${'mycket-lång-sökväg/'.repeat(12)}slut` : '');
  input.sections.extraSections = Array.from({ length: 8 }, (_, s) => ({
    heading: `Bilaga ${s + 1}: Överväganden om förslagets konsekvenser för stadsdelsnämndens verksamhet`,
    text: Array.from({ length: 5 }, (_, p) => paragraph(s * 5 + p)).join('\n\n'),
  }));
  return parseExtract(input);
}

describe('renderExtractPdf on the example', () => {
  const extract = parseExtract(exampleJson);
  let pdf: Uint8Array;

  beforeAll(async () => {
    pdf = await renderExtractPdf(extract, { createdAt: CREATED, publicBaseUrl: BASE_URL });
  });

  it('gives back every paragraph of the example text, in order, through pdftotext', () => {
    const text = bodyText(pdf, extract);
    let from = 0;
    for (const paragraph of exampleParagraphs()) {
      const at = text.indexOf(paragraph, from);
      if (at < 0) throw new Error(`not found after position ${from}: ${paragraph.slice(0, 120)}`);
      from = at + paragraph.length;
    }
    // The comparison ran through the whole text, up to the last document of the list.
    expect(exampleParagraphs().length).toBeGreaterThan(25);
    expect(exampleParagraphs().at(-1)).toMatch(/\(SLK tjut\)$/);
  });

  it('prints the names with å and ö exactly, the header on every page and "Sida N av M"', () => {
    const text = pdftotext(pdf);
    for (const name of ['Hägersten-Älvsjö stadsdelsnämnd', 'Lolita Lovén Johnsen (KD)', 'Runar Finnman (SD)', 'Johan Nilsson', 'Sara Grolander', 'HÄ 2023/418-1.2']) {
      expect(text).toContain(name);
    }
    const pages = text.split('\f').filter((page) => page.trim() !== '');
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, index) => {
      expect(page).toContain('PROTOKOLLSUTDRAG');
      expect(page).toContain('Sammanträdesdatum 2023-09-21');
      expect(page).toContain(`Sida ${index + 1} av ${pages.length}`);
      expect(page).toMatch(/Kontrollkod: [0-9A-Z]{4}-[0-9A-Z]{4}/);
    });
    const code = verificationCodeFor(extract, CREATED);
    expect(code).toMatch(VERIFICATION_CODE_PATTERN);
    expect(pages[pages.length - 1]).toContain(`http://localhost:3000/verifiera/${code}`);
    expect(pages[0]).toMatch(/§ 12\s+Stockholms stads Trygghetsprogram 2024-2027\s+Yttrande till kommunstyrelsen\s+Dnr HÄ 2023\/418/);
  });

  it('never prints a personnummer: the PDF is published with the anslag', () => {
    const raw = Buffer.from(pdf).toString('latin1');
    for (const signer of [extract.participants.chair, ...extract.participants.adjusters]) {
      const digits = signer.personnummer ?? '';
      expect(digits).toMatch(/^\d{12}$/);
      for (const form of [digits, `${digits.slice(0, 8)}-${digits.slice(8)}`, digits.slice(2)]) {
        expect(pdftotext(pdf)).not.toContain(form);
        expect(raw).not.toContain(form);
      }
    }
  });

  it('embeds every font', () => {
    const fonts = pdffonts(pdf);
    expect(fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
    expect(fonts.every((font) => font.embedded)).toBe(true);
  });

  it('says PDF/A-2a and PDF/UA-1 in its XMP, with dates equal to the Info dictionary', () => {
    const raw = Buffer.from(pdf).toString('latin1');
    const xmp = Buffer.from(raw.slice(raw.indexOf('<?xpacket begin'), raw.indexOf('<?xpacket end')), 'latin1').toString('utf8');
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(xmp).toContain('<xmp:CreateDate>2023-09-21T16:00:00Z</xmp:CreateDate>');
    expect(xmp).toContain('<xmp:ModifyDate>2023-09-21T16:00:00Z</xmp:ModifyDate>');
    expect(raw).toContain('/CreationDate (D:20230921160000Z)');
    expect(raw).toContain('/ModDate (D:20230921160000Z)');
    expect(xmp).toContain('<justera:requiredFields>ordforande,justerare-1</justera:requiredFields>');
    expect(xmp).toContain('<justera:body>Hägersten-Älvsjö stadsdelsnämnd</justera:body>');
    expect(xmp).toContain('<pdfaSchema:namespaceURI>https://justera.se/ns/extract/1.0/</pdfaSchema:namespaceURI>');
    // Every justera: property used is described by the extension schema.
    for (const [, property] of xmp.matchAll(/<justera:(\w+)>/g)) expect(xmp).toContain(`<pdfaProperty:name>${property}</pdfaProperty:name>`);
    expect(raw).toMatch(/\/OutputIntents \[ \d+ 0 R \]/);
    expect(raw).toContain('/S /GTS_PDFA1');
    expect(raw).toContain('/Lang (sv-SE)');
  });

  it('has Info entries that say what the XMP says', async () => {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const raw = Buffer.from(pdf).toString('latin1');
    const xmp = Buffer.from(raw.slice(raw.indexOf('<?xpacket begin'), raw.indexOf('<?xpacket end')), 'latin1').toString('utf8');
    expect(doc.getTitle()).toBe('§ 12 Stockholms stads Trygghetsprogram 2024-2027');
    expect(xmp).toContain(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${doc.getTitle()}</rdf:li></rdf:Alt></dc:title>`);
    expect(doc.getAuthor()).toBe('Hägersten-Älvsjö stadsdelsnämnd');
    expect(xmp).toContain(`<dc:creator><rdf:Seq><rdf:li>${doc.getAuthor()}</rdf:li></rdf:Seq></dc:creator>`);
    expect(xmp).toContain(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${doc.getSubject()}</rdf:li></rdf:Alt></dc:description>`);
    expect(xmp).toContain(`<pdf:Producer>${doc.getProducer()}</pdf:Producer>`);
    expect(xmp).toContain(`<xmp:CreatorTool>${doc.getCreator()}</xmp:CreatorTool>`);
    expect(doc.getCreationDate()?.toISOString()).toBe(CREATED.toISOString());
  });

  it('has a trailer /ID, a classic xref table, no encryption and no JavaScript', () => {
    const raw = Buffer.from(pdf).toString('latin1');
    const id = /\/ID \[ <([0-9A-F]{32})> <([0-9A-F]{32})> \]/.exec(raw);
    expect(id?.[1]).toBe(id?.[2]);
    expect(raw).toMatch(/\nxref\n0 \d+\n0000000000 65535 f/);
    expect(raw).not.toContain('/ObjStm');
    expect(raw).not.toContain('/Encrypt');
    expect(raw).not.toContain('/JavaScript');
    expect(raw).not.toContain('/JS');
  });

  it('passes qpdf --check', () => {
    const { status, output } = qpdfCheck(pdf);
    expect(output).toContain('No syntax or stream encoding errors found');
    expect(status).toBe(0);
  });

  it('has the empty signature fields, on the last page, with the visible widgets inside the "Signerat av" block', async () => {
    const { fields, lastPage, lastPageRef, sigFlags } = await signatureFields(pdf);
    expect(fields.map((field) => field.name)).toEqual(['sigill', 'ordforande', 'justerare-1', 'tidsstampel']);
    expect(sigFlags).toBe(0);
    const annots = lastPage.lookup(PDFName.of('Annots'), PDFArray).asArray().map(String);
    for (const field of fields) {
      expect(field.dict.get(PDFName.of('FT'))).toBe(PDFName.of('Sig'));
      expect(field.dict.get(PDFName.of('V'))).toBeUndefined();
      expect(field.dict.get(PDFName.of('Subtype'))).toBe(PDFName.of('Widget'));
      expect((field.dict.get(PDFName.of('F')) as PDFNumber).asNumber()).toBe(4);
      expect(field.dict.get(PDFName.of('P'))).toBe(lastPageRef);
      expect(field.dict.lookup(PDFName.of('AP'), PDFDict).get(PDFName.of('N'))).toBeInstanceOf(PDFRef);
      expect(annots).toContain(String(fields.length > 0 && field.dict.context.getObjectRef(field.dict)));
    }
    expect(fields.find((field) => field.name === 'sigill')?.rect).toEqual([0, 0, 0, 0]);
    expect(fields.find((field) => field.name === 'tidsstampel')?.rect).toEqual([0, 0, 0, 0]);

    // Geometry from the page as a reader sees it (pdftotext's top-left origin).
    const boxes = wordBoxes(pdf);
    const last = boxes[boxes.length - 1];
    const heading = last.words.find((word, i) => word.text === 'Signerat' && last.words[i + 1]?.text === 'av');
    const qr = last.words.find((word) => word.text === 'Kontrollera');
    expect(heading).toBeDefined();
    expect(qr).toBeDefined();
    const visible = fields.filter((field) => field.name === 'ordforande' || field.name === 'justerare-1');
    for (const [field, signer] of [[visible[0], 'Nilsson'], [visible[1], 'Grolander']] as const) {
      const [x1, y1, x2, y2] = field.rect;
      const top = PAGE_HEIGHT - y2;
      const bottom = PAGE_HEIGHT - y1;
      expect(top).toBeGreaterThan(heading!.yMax);
      expect(bottom).toBeLessThan(qr!.yMin);
      expect(x1).toBeGreaterThanOrEqual(MARGIN.left);
      expect(x2).toBeLessThanOrEqual(PAGE_WIDTH - MARGIN.right);
      expect(x2 - x1).toBeGreaterThan(150);
      expect(y2 - y1).toBeGreaterThan(30);
      // The invited signer's name is printed on the field's row, left of it; inside the field only its own
      // appearance shows (poppler extracts widget appearances too).
      const name = last.words.find((word) => word.text === signer)!;
      expect(name.yMin).toBeGreaterThan(top);
      expect(name.yMax).toBeLessThan(bottom);
      expect(name.xMax).toBeLessThan(x1);
      const inside = last.words.filter((word) => word.xMax > x1 && word.xMin < x2 && word.yMax > top && word.yMin < bottom);
      expect(inside.map((word) => word.text)).toEqual(['Väntar', 'på', 'signatur']);
    }
  });

  it('gives byte-identical output for the same extract and time, and another code for another time', async () => {
    const again = await renderExtractPdf(parseExtract(exampleJson), { createdAt: CREATED, publicBaseUrl: BASE_URL });
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
    const later = await renderExtractPdf(extract, { createdAt: new Date('2023-09-21T16:00:01Z'), publicBaseUrl: BASE_URL });
    expect(Buffer.from(later).equals(Buffer.from(pdf))).toBe(false);
    expect(verificationCodeFor(extract, new Date('2023-09-21T16:00:01Z'))).not.toBe(verificationCodeFor(extract, CREATED));
  });
});

describe('renderExtractPdf layout limits', () => {
  it('lays out a second justerare field when the extract has two', async () => {
    const pdf = await renderExtractPdf(withTwoAdjusters(), { createdAt: CREATED, publicBaseUrl: BASE_URL });
    const { fields } = await signatureFields(pdf);
    expect(fields.map((field) => field.name)).toEqual(['sigill', 'ordforande', 'justerare-1', 'justerare-2', 'tidsstampel']);
    const [chair, first, second] = fields.slice(1, 4).map((field) => field.rect);
    // Rows one under the other, never overlapping.
    expect(first[3]).toBeLessThan(chair[1]);
    expect(second[3]).toBeLessThan(first[1]);
    expect(pdftotext(pdf)).toContain('Åsa Öberg');
  });

  it('spreads a 40-paragraph extract over several pages without any word leaving the margins or overlapping another', async () => {
    const pdf = await renderExtractPdf(longExtract(), { createdAt: CREATED, publicBaseUrl: BASE_URL });
    const pages = wordBoxes(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(8);
    const tolerance = 0.5;
    for (const page of pages) {
      expect(page.words.length).toBeGreaterThan(20);
      for (const word of page.words) {
        expect(word.xMin).toBeGreaterThanOrEqual(MARGIN.left - tolerance);
        expect(word.xMax).toBeLessThanOrEqual(page.width - MARGIN.right + tolerance);
        expect(word.yMin).toBeGreaterThanOrEqual(MARGIN.top - tolerance);
        expect(word.yMax).toBeLessThanOrEqual(page.height - MARGIN.bottom + tolerance);
      }
      const overlapping: Array<[WordBox, WordBox]> = [];
      const words = [...page.words].sort((a, b) => a.yMin - b.yMin);
      for (let i = 0; i < words.length; i++) {
        for (let j = i + 1; j < words.length && words[j].yMin < words[i].yMax; j++) {
          const a = words[i];
          const b = words[j];
          if (a.xMin < b.xMax - tolerance && b.xMin < a.xMax - tolerance && a.yMin < b.yMax - tolerance && b.yMin < a.yMax - tolerance) overlapping.push([a, b]);
        }
      }
      expect(overlapping).toEqual([]);
    }
    const text = pdftotext(pdf);
    expect(text).toContain(`Sida ${pages.length} av ${pages.length}`);
    expect(text).toContain('Signerat av');
  });

  it('keeps the "Signerat av" block whole on one page', async () => {
    const pdf = await renderExtractPdf(longExtract(), { createdAt: CREATED, publicBaseUrl: BASE_URL });
    const pages = pdftotext(pdf).split('\f');
    const withBlock = pages.filter((page) => page.includes('Signerat av'));
    expect(withBlock).toHaveLength(1);
    for (const line of ['Detta dokument har signerats digitalt av följande personer', 'Ordförande', 'Justerare', 'Kontrollera underskrifterna:']) {
      expect(withBlock[0]).toContain(line);
    }
  });

  it('prints characters beyond the Latin repertoire (a Greek name) through a subset of their own', async () => {
    const input = JSON.parse(exampleJson) as { participants: { adjusters: Array<{ name: string; email?: string }> }; sections: { decisionProcess: string } };
    input.participants.adjusters[0] = { name: 'Αλέξανδρος Παπαδόπουλος', email: 'alexandros@example.org' };
    input.sections.decisionProcess = 'Ordföranden föreslog bifall. Ледамот Иван Петров (V) instämde.';
    const pdf = await renderExtractPdf(parseExtract(input), { createdAt: CREATED, publicBaseUrl: BASE_URL });
    const text = pdftotext(pdf);
    expect(text).toContain('Αλέξανδρος Παπαδόπουλος');
    expect(normalize(text)).toContain('Ordföranden föreslog bifall. Ледамот Иван Петров (V) instämde.');
    const fonts = pdffonts(pdf);
    expect(fonts.every((font) => font.embedded)).toBe(true);
    // Another subset than the example's, so another subset tag.
    const exampleFonts = pdffonts(await renderExtractPdf(parseExtract(exampleJson), { createdAt: CREATED, publicBaseUrl: BASE_URL }));
    expect(fonts.map((font) => font.name)).not.toEqual(exampleFonts.map((font) => font.name));
    expect(qpdfCheck(pdf).status).toBe(0);
  });

  it('refuses text the font cannot print, naming the field', async () => {
    const input = JSON.parse(exampleJson) as { sections: { statements: Array<{ text: string }> } };
    input.sections.statements[1].text = 'Vi gillar detta \u6F22';
    const error = await renderExtractPdf(parseExtract(input), { createdAt: CREATED, publicBaseUrl: BASE_URL }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ field: 'sections.statements.1.text', message: expect.stringContaining('U+6F22') });
  });
});
