import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { listFields } from '../../../src/pdf/acroform';
import { IncrementalUpdate } from '../../../src/pdf/incremental-writer';
import { dict, name } from '../../../src/pdf/objects';
import { PdfFile } from '../../../src/pdf/parser';
import { makeSamplePdf, qpdfCheck } from '../../fixtures/pdf/sample-pdfs';
import { PDFDocument } from 'pdf-lib';

describe('files written by other signing tools', () => {
  it('reads an @signpdf/placeholder-plain update, whose startxref points at the EOL before xref', async () => {
    // Without an AcroForm: with one, placeholder-plain writes a corrupt /Fields array (see PADES-NOTES).
    const doc = await PDFDocument.create();
    doc.addPage();
    const plain = Buffer.from(await doc.save({ useObjectStreams: false }));
    const placed = plainAddPlaceholder({ pdfBuffer: plain, reason: 'r', contactInfo: 'c', name: 'n', location: 'l' });
    const file = PdfFile.parse(placed);
    expect(file.revisions).toHaveLength(2);
    const latest = file.latest;
    expect(placed[latest.xrefOffset]).toBe(0x0a);
    expect(placed.subarray(latest.xrefOffset + 1, latest.xrefOffset + 5).toString('latin1')).toBe('xref');
    file.readAllObjects();
    expect(listFields(file).filter((field) => field.type === 'Sig').map((field) => field.name)).toEqual(['Signature1']);
  });
});

describe('a file signed by poppler (pdfsig -add-signature, xref streams)', () => {
  let dir: string;
  let input: Buffer;
  let signed: Buffer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'justera-pdfsig-'));
    const run = (command: string, args: string[]): string => execFileSync(command, args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '30', '-subj', '/CN=Interop Signer']);
    run('openssl', ['pkcs12', '-export', '-inkey', 'key.pem', '-in', 'cert.pem', '-out', 'signer.p12', '-passout', 'pass:x', '-name', 'signer']);
    mkdirSync(join(dir, 'nss'));
    run('certutil', ['-N', '-d', 'sql:nss', '--empty-password']);
    run('pk12util', ['-i', 'signer.p12', '-d', 'sql:nss', '-W', 'x']);
    input = await makeSamplePdf({ useObjectStreams: true, pages: 1 });
    writeFileSync(join(dir, 'in.pdf'), input);
    try {
      run('pdfsig', ['in.pdf', 'signed.pdf', '-add-signature', '-nssdir', `sql:${join(dir, 'nss')}`, '-nick', 'signer']);
    } catch {
      // pdfsig may exit non-zero at NSS shutdown after writing the file; the file is checked below.
    }
    signed = readFileSync(join(dir, 'signed.pdf'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function pdfsigValidation(bytes: Buffer): string[] {
    writeFileSync(join(dir, 'check.pdf'), bytes);
    const out = execFileSync('pdfsig', ['-nssdir', `sql:${join(dir, 'nss')}`, 'check.pdf'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return out.split('\n').filter((line) => line.includes('Signature Validation:')).map((line) => line.trim());
  }

  it('reads both revisions, the signature field and a /ByteRange that ends at the latest revision', () => {
    const file = PdfFile.parse(signed);
    expect(file.revisions).toHaveLength(2);
    expect(file.revisions[0]!.eofOffset).toBe(input.length);
    expect(file.revisions[1]!.xrefKind).toBe('stream');
    expect(file.readAllObjects()).toBeGreaterThan(10);
    const sigField = listFields(file).find((field) => field.type === 'Sig' && field.dict.has('V'));
    expect(sigField).toBeDefined();
    const signature = file.resolveDict(sigField!.dict.get('V'))!;
    const byteRange = file.resolveArray(signature.get('ByteRange'))! as number[];
    expect(byteRange[2]! + byteRange[3]!).toBe(file.revisions[1]!.endOffset);
  });

  it('keeps the signature valid for pdfsig after our incremental update', () => {
    expect(pdfsigValidation(signed)).toEqual(['- Signature Validation: Signature is Valid.']);
    const file = PdfFile.parse(signed);
    const update = new IncrementalUpdate(file);
    const ref = update.allocate();
    update.set(ref, dict({ Type: name('Marker') }));
    const { bytes } = update.write();
    expect(bytes.subarray(0, signed.length).equals(signed)).toBe(true);
    expect(PdfFile.parse(bytes).revisions).toHaveLength(3);
    expect(qpdfCheck(bytes)).toMatch(/No syntax or stream encoding errors found/);
    expect(pdfsigValidation(bytes)).toEqual(['- Signature Validation: Signature is Valid.']);
  });
});
