/**
 * Issue 15: the signed protocol is itself accessible. The example extract assembled and sealed, signed by
 * the ordförande, then by the justerare (with the document timestamp), is a Tagged PDF at every step
 * (pdfinfo), its content is all tagged or an artifact (our walk of the content streams against the
 * structure tree), poppler extracts its text in reading order from the structure, and the signatures stay
 * valid (pdfsig, our verifier) with each widget's /TU as it was pre-laid (signing does not change it: see
 * test/integration/verification/diff-rules.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { CHAIR_FIELD } from '../../../src/domain/roles';
import { PdfDict, PdfString } from '../../../src/pdf/objects';
import { acroForm, listFields } from '../../../src/pdf/acroform';
import { listPages } from '../../../src/pdf/pages';
import { PdfFile } from '../../../src/pdf/parser';
import { readMetadataXmp } from '../../../src/pdf/xmp';
import { reportPasses } from '../../../src/verification/justering';
import { signExtractField } from '../../../src/engines/sign-extract';
import { createVerifier, loadTrustAnchors } from '../../../src/engines/verify-document';
import { withPdfFile } from '../../helpers/poppler';
import { checkTagging, flatten, readStructure, structureText, structureTypes } from '../../helpers/tagged-pdf';
import { KEYS_DIR, assembleSealed, context, exampleExtract, pdfsigOf, setUp, tearDown, type Setup } from './helpers';

let setup: Setup;
const steps: Record<'sealed' | 'chair' | 'justerad', Uint8Array> = {} as Record<'sealed' | 'chair' | 'justerad', Uint8Array>;

beforeAll(async () => {
  setup = setUp();
  const extract = exampleExtract();
  steps.sealed = await assembleSealed(extract, setup.keys);
  steps.chair = (await signExtractField(steps.sealed, { ...context(setup.keys), field: CHAIR_FIELD, signer: { person: { name: 'Johan Nilsson' } } })).pdf;
  const last = await signExtractField(steps.chair, { ...context(setup.keys), field: 'justerare-1', signer: { person: { name: 'Sara Grolander' } } });
  expect(last.documentTimestamped).toBe(true);
  steps.justerad = last.pdf;
}, 120_000);
afterAll(() => tearDown(setup));

function pdfinfo(pdf: Uint8Array): string {
  return withPdfFile(pdf, (path) => execFileSync('pdfinfo', [path], { encoding: 'utf8' }));
}

function descriptions(pdf: Uint8Array): Record<string, string | undefined> {
  const file = PdfFile.parse(pdf);
  return Object.fromEntries(listFields(file).map((field) => [field.name, (file.resolve(field.dict.get('TU')) as PdfString | undefined)?.toText()]));
}

describe.each(['sealed', 'chair', 'justerad'] as const)('the %s example', (step) => {
  it('is a Tagged PDF (pdfinfo) with /MarkInfo, /Lang sv-SE, the title shown, and /Tabs /S on every page', () => {
    const pdf = steps[step];
    expect(pdfinfo(pdf)).toMatch(/^Tagged:\s+yes$/m);
    const file = PdfFile.parse(pdf);
    const catalog = file.catalog();
    expect(file.resolveDict(catalog.get('MarkInfo'))?.get('Marked')).toBe(true);
    expect((file.resolve(catalog.get('Lang')) as PdfString).toText()).toBe('sv-SE');
    expect(file.resolveDict(catalog.get('ViewerPreferences'))?.get('DisplayDocTitle')).toBe(true);
    for (const page of listPages(file)) expect(file.resolveDict(page)?.getName('Tabs')).toBe('S');
  });

  it('has every painting operator inside an element\'s marked content or an artifact, and the tree and /ParentTree agree with the content', () => {
    const pdf = steps[step];
    const { walk, root, problems } = checkTagging(pdf);
    expect(problems).toEqual([]);
    // Every page has its running header and footer as pagination artifacts.
    const pages = listPages(PdfFile.parse(pdf)).length;
    for (let page = 1; page <= pages; page++) {
      const artifacts = walk.sequences.filter((s) => s.page === page && s.tag === 'Artifact').map((s) => s.artifact);
      expect(artifacts).toEqual(expect.arrayContaining(['Header', 'Footer']));
    }
    // Every widget is in the tree as the object reference of a /Form element (PDF/UA-1 7.18.4).
    const file = PdfFile.parse(pdf);
    const forms = flatten(root).filter((node) => node.type === 'Form');
    const widgets = listFields(file).flatMap((field) => field.widgets.map((widget) => widget.ref?.num));
    expect(forms.flatMap((form) => form.objects.map((ref) => ref.num)).sort()).toEqual([...widgets].sort());
    expect(acroForm(file)).toBeDefined();
  });

  it('lists the expected elements in reading order (pdfinfo -struct)', () => {
    const types = structureTypes(steps[step]);
    expect(types.slice(0, 6)).toEqual(['Document', 'H1', 'P', 'P', 'H2', 'P']);
    const order = ['H1', 'BlockQuote', 'L', 'LI', 'LBody', 'Lbl', 'Table', 'TR', 'TH', 'TD', 'Form', 'Figure'];
    for (const type of order) expect(types).toContain(type);
    // The quoted statements, then the documents list, then the "Signerat av" table, then the QR code.
    const index = (type: string): number => types.indexOf(type);
    expect(index('BlockQuote')).toBeLessThan(index('Lbl'));
    expect(index('Lbl')).toBeLessThan(index('Table'));
    expect(index('Table')).toBeLessThan(index('Figure'));
    const { root } = readStructure(steps[step]);
    const figure = flatten(root).find((node) => node.type === 'Figure');
    expect((figure?.dict.get('Alt') as PdfString).toText()).toMatch(/^QR-kod till kontrollsidan http:\/\/localhost:3000\/verifiera\/[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const header = flatten(root).find((node) => node.type === 'TH');
    expect(header?.dict.get('A')).toBeInstanceOf(PdfDict);
  });

  it('gives its text in reading order when extracted in structure order, without headers and footers', () => {
    const strings = structureText(steps[step]);
    const text = strings.join('');
    expect(strings[0]).toBe('§ 12 Stockholms stads Trygghetsprogram 2024-2027');
    const inOrder = [
      '§ 12 Stockholms stads Trygghetsprogram 2024-2027',
      'Yttrande till kommunstyrelsen',
      'Dnr HÄ 2023/418',
      'Beslut',
      'godkänner förvaltningens tjänsteutlåtande och överlämnar det till kommunstyrelsen',
      'Sammanfattning av ärendet',
      'Ersättaryttrande',
      'fokus på förebyggande insatser',
      'Särskilt uttalande',
      'Handlingar i ärendet',
      'HÄ 2023/418-1.2 Remissunderlag 1',
      'Förvaringsplats: Hägersten-Älvsjö stadsdelsförvaltning, registraturen',
      'Signerat av',
      'Ordförande',
      'Johan Nilsson',
      'Justerare',
      'Sara Grolander',
      'Kontrollera underskrifterna:',
      'Kontrollkod: ',
    ];
    let at = -1;
    for (const snippet of inOrder) {
      const found = text.indexOf(snippet, at + 1);
      expect({ snippet, after: at, found: found > at }).toEqual({ snippet, after: at, found: true });
      at = found;
    }
    // The running header and the page numbers are artifacts: not in the text.
    expect(text).not.toContain('PROTOKOLLSUTDRAG');
    expect(text).not.toMatch(/Sida \d+ av \d+/);
    expect(text).not.toContain('Sammanträdesdatum');
    // Words of two lines stay apart.
    expect(text).not.toMatch(/ochöverlämnar/);
  });

  it('identifies PDF/A-2a and PDF/UA-1 in its XMP', () => {
    const xmp = readMetadataXmp(PdfFile.parse(steps[step])) ?? '';
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(xmp).toContain('<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>');
    expect(execFileSync('xmllint', ['--noout', '-'], { input: xmp.replace(/^\uFEFF/, ''), encoding: 'utf8' })).toBe('');
  });
});

it('describes each signature field, and signing leaves the description as it was', () => {
  const laid = {
    sigill: 'Organisationens sigill',
    ordforande: 'Signatur: ordförande Johan Nilsson',
    'justerare-1': 'Signatur: justerare Sara Grolander',
    tidsstampel: 'Dokumentets tidsstämpel',
  };
  expect(descriptions(steps.sealed)).toEqual(laid);
  expect(descriptions(steps.chair)).toEqual(laid);
  expect(descriptions(steps.justerad)).toEqual(laid);
});

it('keeps every signature valid for pdfsig and our verifier after the ordförande and the justerare sign', async () => {
  for (const [name, pdf] of Object.entries(steps)) {
    const signatures = pdfsigOf(setup, `tagged-${name}.pdf`, pdf);
    for (const signature of signatures.filter((s) => s.fieldName !== 'tidsstampel')) {
      expect({ name, field: signature.fieldName, validation: signature.signatureValidation }).toEqual({ name, field: signature.fieldName, validation: 'Signature is Valid.' });
    }
  }
  const report = await createVerifier(loadTrustAnchors({ keysDir: KEYS_DIR })).verify(steps.justerad);
  expect(report.signatures.map((s) => [s.field, s.indication, s.after])).toEqual([
    ['sigill', 'TOTAL_PASSED', 'SIGNATURES_AND_VALIDATION_DATA'],
    ['ordforande', 'TOTAL_PASSED', 'SIGNATURES_AND_VALIDATION_DATA'],
    ['justerare-1', 'TOTAL_PASSED', 'SIGNATURES_AND_VALIDATION_DATA'],
    ['tidsstampel', 'TOTAL_PASSED', expect.any(String)],
  ]);
  expect(reportPasses(report)).toBe(true);
});
