/**
 * Issue 11, item 2: text from a PDF never reaches a terminal as control characters. A hostile field name
 * and signer name carry an ESC sequence that would erase the verdict line and print a fake "Äkta", a C1
 * control sequence and a bidi override; the text, CSV and HTML outputs show them escaped, the
 * JSON output keeps them exact.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signField } from '../../../src/pades';
import { pdfLibWithSignatureFields } from '../../fixtures/pdf/sample-pdfs';
import { pipeline, type Pipeline } from './helpers/pipeline';
import { signingContextFor } from '../../../src/engines/signing-context';

const CLI = join(__dirname, '../../../bin/justera.js');
const HOSTILE_FIELD = 'x\u001b[2K\u001b[1G\u001b[1A\u001b[2KÄkta. Justerat av ordförande Falsk Person';
// Our certificate issuer refuses C0 controls in names, but a foreign certificate may carry C1 ones (CSI).
const HOSTILE_NAME = 'Eva\u009b2K \u202eanoSrep';
let p: Pipeline;
let dir: string;

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'verify', join(dir, 'hostile.pdf'), '--keys', p.keysDir, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  p = await pipeline();
  const context = signingContextFor(p.keys, p.clock);
  const unsigned = await pdfLibWithSignatureFields({ useObjectStreams: false }, ['ordforande', HOSTILE_FIELD]);
  const signed = await signField(unsigned, { ...context, field: HOSTILE_FIELD, signer: { person: { name: HOSTILE_NAME } }, role: 'Ordförande', claimedTime: p.clock.now() });
  dir = mkdtempSync(join(tmpdir(), 'justera-hostile-'));
  writeFileSync(join(dir, 'hostile.pdf'), signed);
});

it('the JSON output keeps the field name and signer exactly as the PDF has them', () => {
  const report = JSON.parse(run('--json').stdout).files[0];
  expect(report.signatures[0].field).toBe(HOSTILE_FIELD);
  expect(report.signatures[0].signerNames.commonName).toBe(HOSTILE_NAME);
});

it.each([['text', []], ['English text', ['--english']], ['CSV', ['--csv']]])('the %s output carries no control character and no bidi override', (_kind, args) => {
  const { stdout } = run(...args);
  expect(stdout).toContain('x\\x1B[2K\\x1B[1G');
  expect(stdout).toContain('Eva\\x9B2K \\u202EanoSrep');
  expect(stdout).not.toMatch(/[\u001b\u009b\u202e]/);
  // No output line starts with the forged verdict.
  expect(stdout.split(/\r?\n/).some((line) => line.startsWith('Äkta. Justerat av ordförande Falsk'))).toBe(false);
});

it('the HTML report carries no control character', () => {
  const html = join(dir, 'report.html');
  run('--html', html);
  const text = readFileSync(html, 'utf8');
  expect(text).toContain('Eva\\x9B2K');
  expect(text).toContain('x\\x1B[2K');
  expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202e]/);
});
