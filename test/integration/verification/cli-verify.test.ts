/**
 * `justera verify` as a user runs it (the built CLI, `npm run build` first): exit codes 0/1/2, one JSON
 * document, CSV rows, the HTML report, folders, worker threads, and the Swedish answer.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changePageText } from './helpers/attacks';
import { pipeline, type Pipeline } from './helpers/pipeline';

const CLI = join(__dirname, '../../../bin/justera.js');
let p: Pipeline;
let dir: string;

function justera(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'verify', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  p = await pipeline();
  dir = mkdtempSync(join(tmpdir(), 'justera-cli-verify-'));
  mkdirSync(join(dir, 'folder'));
  writeFileSync(join(dir, 'final.pdf'), p.final);
  writeFileSync(join(dir, 'half.pdf'), p.chairSigned);
  writeFileSync(join(dir, 'tampered.pdf'), changePageText(p.final, '0 0 0 rg', '1 0 0 rg'));
  writeFileSync(join(dir, 'not-a-pdf.pdf'), 'hello');
  // Enough files for two worker threads (the command verifies small batches in the main thread).
  for (let i = 0; i < 16; i++) writeFileSync(join(dir, 'folder', `extract-${String(i).padStart(2, '0')}.pdf`), p.final);
});

describe('justera verify', () => {
  it('answers "Äkta. Justerat av …" in Swedish and exits 0 for the finished extract', () => {
    const run = justera(join(dir, 'final.pdf'), '--keys', p.keysDir);
    expect(run.stdout).toContain('Äkta. Justerat av ordförande Johan Nilsson 2023-10-03 09:32 och justerare Sara Grolander 2023-10-03 09:32.');
    expect(run.status).toBe(0);
  });

  it('refuses /dev/zero and a FIFO at once (exit 2, ERR_FILE_UNREADABLE naming what they are) instead of reading forever', () => {
    const fifo = join(dir, 'pipe.pdf');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const run = justera('/dev/zero', fifo, '--keys', p.keysDir, '--json');
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.status).toBe(2);
    const files = JSON.parse(run.stdout).files as { file: string; error: { code: string; message: string } }[];
    expect(files.map((f) => [f.file, f.error.code])).toEqual([['/dev/zero', 'ERR_FILE_UNREADABLE'], [fifo, 'ERR_FILE_UNREADABLE']]);
    expect(files[0]!.error.message).toContain('is a device, not a file');
    expect(files[1]!.error.message).toContain('is a FIFO (named pipe), not a file');
  });

  it('exits 1 for a tampered file and says what changed', () => {
    const run = justera(join(dir, 'tampered.pdf'), '--keys', p.keysDir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Inte äkta.');
    expect(run.stdout).toMatch(/ILLEGAL_MODIFICATION: .*object \d+, page \d+, revision 10/);
  });

  it('exits 1 when the justering is not complete', () => {
    const run = justera(join(dir, 'half.pdf'), '--keys', p.keysDir, '--english');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Not approved (justering incomplete): "justerare-1" not signed yet.');
  });

  it('trusts only the configured roots: the default keys-example root does not know our test CA', () => {
    const run = justera(join(dir, 'final.pdf'), '--json');
    const files = JSON.parse(run.stdout).files;
    expect(files[0].signatures[1]).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND', integrity: { intact: true, cryptoValid: true } });
    expect(run.status).toBe(1);
    const trusted = justera(join(dir, 'final.pdf'), '--trust', join(p.keysDir, 'root-ca.crt.pem'), '--json');
    expect(trusted.status).toBe(0);
  });

  it('prints one JSON document, goes on after an unreadable file and exits 2', () => {
    const run = justera(join(dir, 'not-a-pdf.pdf'), join(dir, 'missing.pdf'), join(dir, 'final.pdf'), '--keys', p.keysDir, '--json');
    const { files } = JSON.parse(run.stdout);
    expect(files.map((file: { file: string }) => file.file.split('/').pop())).toEqual(['missing.pdf', 'not-a-pdf.pdf', 'final.pdf']);
    expect(files[0].error.code).toBe('ERR_FILE_UNREADABLE');
    expect(files[1].error.code).toBe('ERR_PDF_MALFORMED');
    expect(files[2].indication).toBe('TOTAL_PASSED');
    expect(run.status).toBe(2);
  });

  it('verifies a folder in worker threads, writes CSV rows and an HTML report', () => {
    const html = join(dir, 'report.html');
    const run = justera(join(dir, 'folder'), '--keys', p.keysDir, '--csv', '--jobs', '2', '--html', html);
    expect(run.status).toBe(0);
    const rows = run.stdout.trim().split('\r\n');
    expect(rows).toHaveLength(1 + 16 * 4);
    expect(rows[1]).toMatch(/extract-00\.pdf,/);
    expect(rows[rows.length - 1]).toMatch(/extract-15\.pdf,/);
    expect(rows[2]).toContain(',ordforande,Ordförande,Johan Nilsson,approval,TOTAL_PASSED,,B-LTA,');
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<html lang="sv">');
    expect(page).toContain('Äkta. Justerat av ordförande Johan Nilsson');
    expect(page).not.toContain('<script');
  });

  it('refuses bad usage with exit 2', () => {
    expect(justera(join(dir, 'final.pdf'), '--json', '--csv').status).toBe(2);
    expect(justera(join(dir, 'final.pdf'), '--jobs', '0').status).toBe(2);
    const missingTrust = justera(join(dir, 'final.pdf'), '--trust', join(dir, 'missing.pem'));
    expect(missingTrust.status).toBe(2);
    expect(missingTrust.stderr).toMatch(/ERR_FILE_UNREADABLE \(--trust\)/);
  });
});
