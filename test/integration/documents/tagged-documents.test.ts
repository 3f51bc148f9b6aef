/**
 * Issue 15, item 4: the anslag's sealed notice and the archivist's verification report are tagged as the
 * extract is: Tagged (pdfinfo), every painting operator in an element's marked content or an artifact,
 * the structure and /ParentTree in agreement, the text in reading order without the footer, the seal's
 * widget a /Form with its /TU, and the seal still valid after tagging.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fixedClock } from '../../../src/clock';
import { PdfString } from '../../../src/pdf/objects';
import { listFields } from '../../../src/pdf/acroform';
import { PdfFile } from '../../../src/pdf/parser';
import { loadKeys } from '../../../src/ca/keys-folder';
import { BuiltinTsa } from '../../../src/tsa/builtin-tsa';
import type { AnslagNotice } from '../../../src/use-cases/anslag-service';
import { createNoticePdfRenderer } from '../../../src/documents/anslag-notice-pdf';
import { renderVerificationReportPdf } from '../../../src/documents/verification-report-pdf';
import { createVerifier, loadTrustAnchors } from '../../../src/engines/verify-document';
import { withPdfFile } from '../../helpers/poppler';
import { flatten, readStructure, structureText, walkContent } from '../../helpers/tagged-pdf';
import { exampleNotice } from '../../fixtures/anslag-notice';

const KEYS_DIR = join(__dirname, '../../../keys-example');
const keys = loadKeys(KEYS_DIR);
const clock = fixedClock('2023-10-05T08:00:00Z');
const context = { keys, clock, timestamper: BuiltinTsa.fromKeys(keys, clock) };

const notice: AnslagNotice = {
  ...exampleNotice,
  title: 'Stockholms stads Trygghetsprogram 2024-2027',
  storageLocation: 'Hägersten-Älvsjö stadsdelsförvaltning, registraturen',
};

const documents: Record<'notice' | 'report', Uint8Array> = {} as Record<'notice' | 'report', Uint8Array>;

beforeAll(async () => {
  documents.notice = await createNoticePdfRenderer({ ...context, publicBaseUrl: 'https://anslag.example.se' })(notice, clock.now());
  const report = await createVerifier(loadTrustAnchors({ keysDir: KEYS_DIR })).verify(documents.notice, { clock: fixedClock('2023-10-06T08:00:00Z') });
  expect(report.signatures.map((s) => s.indication)).toEqual(['TOTAL_PASSED']);
  documents.report = await renderVerificationReportPdf(report, context);
}, 60_000);

describe.each(['notice', 'report'] as const)('the %s PDF', (kind) => {
  it('is tagged throughout, its structure agreeing with its content, and its seal a /Form with a /TU', () => {
    const pdf = documents[kind];
    expect(withPdfFile(pdf, (path) => execFileSync('pdfinfo', [path], { encoding: 'utf8' }))).toMatch(/^Tagged:\s+yes$/m);
    const walk = walkContent(pdf);
    expect(walk.untagged).toEqual([]);
    expect(walk.sequences.some((s) => s.artifact === 'Footer')).toBe(true);
    const { root, problems } = readStructure(pdf);
    expect(problems).toEqual([]);
    const inContent = walk.sequences.filter((s) => s.mcid !== undefined).map((s) => `${s.page}:${s.mcid}`);
    expect(flatten(root).flatMap((node) => node.mcids.map(({ page, mcid }) => `${page}:${mcid}`)).sort()).toEqual(inContent.sort());
    const file = PdfFile.parse(pdf);
    const [seal] = listFields(file);
    expect((file.resolve(seal!.dict.get('TU')) as PdfString).toText()).toBe('Organisationens sigill');
    expect(flatten(root).filter((node) => node.type === 'Form').map((node) => node.objects.map((ref) => ref.num))).toEqual([[seal!.ref!.num]]);
    expect(flatten(root).map((node) => node.type)).toEqual(expect.arrayContaining(['H1', 'H2', 'P', 'L', 'LI', 'Lbl', 'LBody']));
  });
});

it('gives the notice in reading order, the label and value of each row apart', () => {
  const text = structureText(documents.notice).join('|');
  expect(text.startsWith('ANSLAG / BEVIS|')).toBe(true);
  expect(text).toContain('|Organ: |Hägersten-Älvsjö stadsdelsnämnd|');
  expect(text.indexOf('Justerat av')).toBeLessThan(text.indexOf('Ordförande: |Johan Nilsson'));
  expect(text).not.toMatch(/Sida \d+ av \d+/);
});

it('marks the report\'s ETSI indications as English', () => {
  const { root } = readStructure(documents.report);
  const english = flatten(root).filter((node) => (node.dict.get('Lang') as PdfString | undefined)?.toText() === 'en');
  expect(english.length).toBeGreaterThanOrEqual(2);
  expect(english.every((node) => node.type === 'LBody')).toBe(true);
  expect(structureText(documents.report).join('|')).toContain('Samlat resultat: |TOTAL_PASSED');
});
