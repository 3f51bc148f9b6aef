import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_PROTOCOL_PDF_BYTES } from '../../../src/assembly/from-pdf';
import { main } from '../../../src/cli/main';
import { encryptedProtocol, handWrittenProtocol } from '../../fixtures/pdf/foreign-protocols';

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

describe('justera assemble --from-pdf', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'justera-from-pdf-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function meta(): string {
    const path = join(dir, 'meta.json');
    const input = example();
    delete input.sections;
    writeFileSync(path, JSON.stringify(input));
    return path;
  }

  it('keeps the protocol and says that the result is not PDF/A, and why', async () => {
    const protocol = join(dir, 'protocol.pdf');
    const output = join(dir, 'out.pdf');
    writeFileSync(protocol, handWrittenProtocol());
    const run = await justera('assemble', meta(), '--from-pdf', protocol, '-o', output, '--no-seal', '--created', '2023-09-21T16:00:00Z');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain("Kept the protocol's 2 pages and added the signature page.");
    expect(run.stdout).toContain('PDF/A: the result is NOT PDF/A, because the protocol does not declare PDF/A in its XMP metadata; not all its fonts are embedded (Helvetica).');
    expect(existsSync(output)).toBe(true);
  });

  const refusals: Array<[string, (path: string) => void, RegExp]> = [
    ['not a PDF', (path) => writeFileSync(path, 'Protokoll, sammanträde 2023-09-21\n'), /ERR_INPUT_NOT_PDF \(protocol\): the protocol is not a PDF/],
    ['an encrypted PDF', (path) => writeFileSync(path, encryptedProtocol()), /ERR_PDF_ENCRYPTED \(protocol\): the protocol PDF is encrypted/],
    ['a PDF over the size limit', (path) => writeFileSync(path, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MAX_PROTOCOL_PDF_BYTES)])), /ERR_INPUT_TOO_LARGE \(--from-pdf\): .* a protocol PDF may be at most 16777216 bytes/],
    ['an unreadable PDF', (path) => writeFileSync(path, '%PDF-1.7\n1 0 obj\n<</Type /Catalog'), /ERR_PDF_MALFORMED \(protocol\): the protocol PDF (cannot be read|has no pages)/],
  ];

  it.each(refusals)('refuses %s: exit 2, the code on stderr, no file written', async (_what, write, message) => {
    const protocol = join(dir, 'protocol.pdf');
    const output = join(dir, 'out.pdf');
    write(protocol);
    const run = await justera('assemble', meta(), '--from-pdf', protocol, '-o', output, '--no-seal');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expect(existsSync(output)).toBe(false);
  });

  it('refuses a PDF that is already signed (a sealed Justera document)', async () => {
    const sealed = join(dir, 'sealed.pdf');
    const output = join(dir, 'out.pdf');
    expect((await justera('assemble', EXAMPLE, '-o', sealed, '--created', '2023-09-21T16:00:00Z')).code).toBe(0);
    const run = await justera('assemble', meta(), '--from-pdf', sealed, '-o', output);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/ERR_PDF_ALREADY_SIGNED \(protocol\): the protocol PDF is already signed/);
    expect(existsSync(output)).toBe(false);
  });
});
