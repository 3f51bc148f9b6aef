import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';

const ROOT = join(__dirname, '../../..');
const EXAMPLE = join(ROOT, 'examples/extract-ha-2023-418-p12.json');
const example = (): Record<string, any> => JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, any>;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in-process (the current sources), capturing what it prints. */
async function justera(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(['node', 'justera', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('justera assemble', () => {
  let dir: string;
  const savedEpoch = process.env.SOURCE_DATE_EPOCH;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'justera-assemble-'));
    delete process.env.SOURCE_DATE_EPOCH;
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    if (savedEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = savedEpoch;
  });

  it('assembles the example, sealed by default, byte-identical for the same --created', async () => {
    const first = join(dir, 'first.pdf');
    const second = join(dir, 'second.pdf');
    const run = await justera('assemble', EXAMPLE, '-o', first, '--created', '2023-09-21T16:00:00Z');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/verification code [0-9A-Z]{4}-[0-9A-Z]{4}; fields to sign: ordforande, justerare-1/);
    expect(run.stdout).toContain('sealed');
    expect((await justera('assemble', EXAMPLE, '-o', second, '--created', '2023-09-21T16:00:00Z')).code).toBe(0);
    const bytes = readFileSync(first);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(bytes.equals(readFileSync(second))).toBe(true);
  });

  it('takes the time from SOURCE_DATE_EPOCH when --created is not given', async () => {
    const fromOption = join(dir, 'option.pdf');
    const fromEpoch = join(dir, 'epoch.pdf');
    expect((await justera('assemble', EXAMPLE, '-o', fromOption, '--no-seal', '--created', '2023-09-21T16:00:00Z')).code).toBe(0);
    process.env.SOURCE_DATE_EPOCH = String(Date.parse('2023-09-21T16:00:00Z') / 1000);
    const run = await justera('assemble', EXAMPLE, '-o', fromEpoch, '--no-seal');
    expect(run.stdout).toContain('not sealed');
    expect(readFileSync(fromEpoch).equals(readFileSync(fromOption))).toBe(true);
  });

  const refusals: Array<[string, (input: Record<string, any>) => string, RegExp]> = [
    ['no body', (i) => { delete i.body; return JSON.stringify(i); }, /ERR_INPUT_INVALID \(body\): body is required/],
    ['a bad date', (i) => { i.meetingDate = '2023-02-30'; return JSON.stringify(i); }, /\(meetingDate\): meetingDate must be a real calendar date/],
    ['no chair', (i) => { delete i.participants.chair; return JSON.stringify(i); }, /\(participants\.chair\): participants\.chair is required/],
    ['three adjusters', (i) => {
      i.participants.adjusters.push({ name: 'Anna Ek', email: 'anna.ek@example.org' }, { name: 'Per Åberg', email: 'per.aberg@example.org' });
      return JSON.stringify(i);
    }, /\(participants\.adjusters\): .*names 3 justerare/],
    ['an unknown statement kind', (i) => { i.sections.statements[0].kind = 'motion'; return JSON.stringify(i); }, /\(sections\.statements\.0\.kind\): .*must be one of/],
    ['a 5 MB title', (i) => { i.title = 'Å'.repeat(5 * 1024 * 1024); return JSON.stringify(i); }, /\(title\): title is too long: 5242880 characters, at most 500/],
    ['not JSON', () => '{ "body": "Hägersten-Älvsjö stadsdelsnämnd", ', /ERR_INPUT_NOT_JSON \(extract\): the extract is not valid JSON/],
  ];

  it.each(refusals)('refuses an extract with %s: exit 2, the field named on stderr, no file written', async (_what, make, message) => {
    const input = join(dir, 'extract.json');
    const output = join(dir, 'out.pdf');
    writeFileSync(input, make(example()));
    const run = await justera('assemble', input, '-o', output, '--no-seal');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(run.stdout).toBe('');
    expect(existsSync(output)).toBe(false);
  });

  it('refuses a missing file and a bad --created with exit 2', async () => {
    const output = join(dir, 'out.pdf');
    const missing = await justera('assemble', join(dir, 'nothing.json'), '-o', output);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/ERR_FILE_UNREADABLE \(<extract\.json>\): cannot read .*ENOENT/);
    const badTime = await justera('assemble', EXAMPLE, '-o', output, '--created', 'igår');
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toMatch(/\(--created\): --created must be an ISO 8601 time/);
    process.env.SOURCE_DATE_EPOCH = 'soon';
    const badEpoch = await justera('assemble', EXAMPLE, '-o', output, '--no-seal');
    expect(badEpoch.stderr).toMatch(/\(SOURCE_DATE_EPOCH\)/);
    expect(existsSync(output)).toBe(false);
  });
});
