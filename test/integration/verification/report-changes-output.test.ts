/**
 * What the difference analysis allowed after a signature, and the unreferenced objects appended after it,
 * reach the archivist in every human output: text (Swedish and English), CSV, HTML, the public page's
 * technical report and the PDF verification report.
 */
import { csvRows } from '../../../src/verification/render/csv';
import { renderHtml } from '../../../src/verification/render/html';
import { renderText } from '../../../src/verification/render/text';
import type { FileOutcome } from '../../../src/verification/render/batch';
import { renderTechnicalReport } from '../../../src/server/public/verification-view';
import { reportBlocks } from '../../../src/documents/verification-report-pdf';
import { pipeline, verify } from './helpers/pipeline';

let outcome: FileOutcome;

beforeAll(async () => {
  const p = await pipeline();
  const report = await verify(p.final);
  const [first, ...rest] = report.signatures;
  const changes = Array.from({ length: 12 }, (_, i) => ({ revision: 3 + i, level: 'ANNOTATIONS' as const, what: `annotation /FreeText added (${i})`, page: 1 }));
  outcome = { file: 'final.pdf', report: { ...report, signatures: [{ ...first, allowedChanges: changes, unreferencedAfter: { count: 2, bytes: 345 } }, ...rest] } };
});

it('the text output lists the allowed changes (at most ten) and the unreferenced objects, in Swedish and English', () => {
  const sv = renderText([outcome]);
  expect(sv).toContain('+ ANNOTATIONS: annotation /FreeText added (0) (version 3, sida 1)');
  expect(sv).toContain('+ ANNOTATIONS: annotation /FreeText added (9) (version 12, sida 1)');
  expect(sv).not.toContain('added (10)');
  expect(sv).toContain('+ ytterligare 2 tillåtna ändringar (se --json eller --html)');
  expect(sv).toContain('! 2 objekt (345 byte) tillagda efter signaturen som inget i dokumentet hänvisar till');
  const en = renderText([outcome], 'en');
  expect(en).toContain('(revision 3, page 1)');
  expect(en).toContain('! 2 object(s) (345 bytes) added after the signature that nothing in the document refers to');
});

it('the CSV row and the HTML report carry every allowed change', () => {
  const row = csvRows(outcome).split('\r\n')[0];
  expect(row).toContain('ANNOTATIONS: annotation /FreeText added (11) (revision 14)');
  expect(row.endsWith(',2')).toBe(true);
  const html = renderHtml([outcome], '2026-12-03T10:00:00Z');
  expect(html).toContain('<li>ANNOTATIONS: annotation /FreeText added (11) (version 14, sida 1)</li>');
  expect(html).toContain('2 objekt (345 byte) tillagda efter signaturen');
});

it('the public technical report and the PDF report say them too', () => {
  if (!('report' in outcome)) throw new Error('no report');
  const page = renderTechnicalReport(outcome.report, 'en').toString();
  expect(page).toContain('<dt>Notes</dt>');
  expect(page).toContain('<li>ANNOTATIONS: annotation /FreeText added (11) (revision 14, page 1)</li>');
  const rows = JSON.stringify(reportBlocks(outcome.report));
  expect(rows).toContain('["Tillåten ändring","ANNOTATIONS: annotation /FreeText added (0) (version 3, sida 1)"]');
  expect(rows).toContain('["Att veta","2 objekt (345 byte) tillagda efter signaturen som inget i dokumentet hänvisar till"]');
});
