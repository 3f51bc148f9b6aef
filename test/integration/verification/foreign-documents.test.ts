/**
 * Issue 10, item 7: a PDF that our metadata does not mark as a justering document gets no justering
 * verdict: its answer is about its signatures, and `justera verify` exits 0 when they all pass, whatever
 * its fields are called. Our own documents keep the justering verdict (and exit 1 while it is incomplete).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signField } from '../../../src/pades';
import { pdfLibWithSignatureFields } from '../../fixtures/pdf/sample-pdfs';
import { pipeline, verify, type Pipeline } from './helpers/pipeline';
import { signingContextFor } from '../../../src/engines/signing-context';

const CLI = join(__dirname, '../../../bin/justera.js');
let p: Pipeline;
let foreign: Uint8Array;

beforeAll(async () => {
  p = await pipeline();
  const context = signingContextFor(p.keys, p.clock);
  foreign = await signField(await pdfLibWithSignatureFields({ useObjectStreams: false, text: 'Protokoll från ett annat system' }), { ...context, field: 'ordforande', signer: { person: { name: 'Anna Andersson' } }, role: 'Ordförande', claimedTime: p.clock.now() });
});

it('judges a foreign PDF by its signatures: no justering verdict, "Äkta. Signerat av …"', async () => {
  const report = await verify(foreign);
  expect(report.documentKind).toBe('other');
  expect(report.justering).toBeUndefined();
  expect(report.indication).toBe('TOTAL_PASSED');
  expect(report.unsignedFields).toEqual(['justerare-1']);
  expect(report.summary.sv).toBe('Äkta. Signerat av Anna Andersson (2023-10-03 09:32).');
  expect(report.summary.en).toBe('Authentic. Signed by Anna Andersson (2023-10-03 09:32).');
});

it('keeps the justering verdict for our own documents', async () => {
  const report = await verify(p.chairSigned);
  expect(report.documentKind).toBe('justering');
  expect(report.justering).toMatchObject({ complete: false, missing: ['justerare-1'] });
  expect(report.summary.sv).toMatch(/^Äkta signaturer\. Inte justerat/);
});

it('a tampered foreign PDF is "Inte äkta" without a justering sentence', async () => {
  const tampered = Buffer.from(foreign);
  const at = tampered.indexOf('Protokoll');
  // pdf-lib writes the text as a hex string: flip a byte inside the page content stream instead
  const content = at >= 0 ? at : tampered.indexOf('BT');
  tampered[content + 3] ^= 0x01;
  const report = await verify(tampered);
  expect(report.indication).toBe('TOTAL_FAILED');
  expect(report.summary.sv).toMatch(/^Inte äkta\. Ogiltig signatur i fältet "ordforande"/);
  expect(report.summary.sv).not.toContain('justerat');
});

it('justera verify exits 0 for the foreign PDF whose signatures pass, 1 for our half-signed extract', () => {
  const dir = mkdtempSync(join(tmpdir(), 'justera-foreign-'));
  writeFileSync(join(dir, 'foreign.pdf'), foreign);
  writeFileSync(join(dir, 'half.pdf'), p.chairSigned);
  const run = (file: string) => spawnSync(process.execPath, [CLI, 'verify', join(dir, file), '--keys', p.keysDir], { encoding: 'utf8', timeout: 120_000 });
  const foreignRun = run('foreign.pdf');
  expect(foreignRun.stdout).toContain('Äkta. Signerat av Anna Andersson');
  expect(foreignRun.status).toBe(0);
  expect(run('half.pdf').status).toBe(1);
});
