/**
 * Interoperability: PDFs signed by other tools (poppler's pdfsig with an NSS database, @signpdf's P12
 * signer) and files rewritten with xref streams and object streams (qpdf) get the right integrity answer,
 * and INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND where the chain is foreign. pdfsig agrees with our
 * integrity verdict on every signature of our own output.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import signpdf from '@signpdf/signpdf';
import { PDFDocument } from 'pdf-lib';
import { sealDocument, signField } from '../../../src/pades';
import { PdfFile } from '../../../src/pdf/parser';
import type { VerificationReport } from '../../../src/verification/model';
import { createNssDatabase } from '../../helpers/nss';
import { runPdfsig } from '../../helpers/pdfsig';
import { changePageText, replaceSameLength } from './helpers/attacks';
import { pipeline, verify, type Pipeline } from './helpers/pipeline';
import { signingContextFor } from '../../../src/engines/signing-context';

const dir = mkdtempSync(join(tmpdir(), 'justera-interop-'));
let p: Pipeline;

async function plainPdf(text: string): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.addPage().drawText(text, { x: 50, y: 700 });
  return Buffer.from(await document.save({ useObjectStreams: false }));
}

function flipInFirstRange(bytes: Uint8Array): Uint8Array {
  const out = Buffer.from(bytes);
  // A byte inside the page content region, well before any signature dictionary.
  const at = out.indexOf('Hello');
  out[at >= 0 ? at : 200] ^= 0x01;
  return out;
}

function onlySignature(report: VerificationReport) {
  expect(report.signatures).toHaveLength(1);
  return report.signatures[0];
}

beforeAll(async () => {
  p = await pipeline();
});

describe('poppler pdfsig -add-signature (NSS database made with certutil)', () => {
  let signed: Buffer;
  beforeAll(async () => {
    const nss = join(dir, 'nss');
    execFileSync('mkdir', ['-p', nss]);
    execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
    writeFileSync(join(nss, 'noise'), Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37) & 0xff)));
    execFileSync('certutil', ['-S', '-n', 'interop', '-s', 'CN=Interop Signer,O=Other Org', '-x', '-t', 'CT,C,C', '-k', 'rsa', '-g', '2048',
      '-d', `sql:${nss}`, '-z', join(nss, 'noise'), '-v', '12', '--keyUsage', 'digitalSignature,nonRepudiation'], { stdio: 'pipe' });
    writeFileSync(join(dir, 'plain.pdf'), await plainPdf('Hello interop'));
    // pdfsig 22.12 refuses -etsi together with -add-signature, so this is adbe.pkcs7.detached.
    execFileSync('pdfsig', ['-add-signature', '-nssdir', `sql:${nss}`, '-nick', 'interop', '-new-signature-field-name', 'extern',
      join(dir, 'plain.pdf'), join(dir, 'pdfsig.pdf')], { stdio: 'pipe' });
    signed = readFileSync(join(dir, 'pdfsig.pdf'));
  });

  it('intact and valid, INDETERMINATE for the foreign chain', async () => {
    const result = onlySignature(await verify(signed));
    expect(result).toMatchObject({
      field: 'extern', coverage: 'ENTIRE_FILE', integrity: { intact: true, cryptoValid: true },
      indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    });
    expect(result.signerNames?.commonName).toBe('Interop Signer');
    expect(result.subFilter).toBe('adbe.pkcs7.detached');
    expect(result.sentence.sv).toBe('Signaturen i fältet "extern" (Interop Signer) kan inte bekräftas: certifikatet är inte utfärdat av en betrodd utfärdare. Det signerade innehållet är oförändrat.');
  });

  it('passes once its self-signed certificate is a trust anchor', async () => {
    const nssCert = execFileSync('certutil', ['-L', '-d', `sql:${join(dir, 'nss')}`, '-n', 'interop', '-r']);
    // The certificate was made just now: verify as of now (the pipeline's default time lies before it).
    const result = onlySignature(await verify(signed, { anchors: [new Uint8Array(nssCert)], at: new Date().toISOString() }));
    expect(result.indication).toBe('TOTAL_PASSED');
  });

  it('one flipped signed byte: TOTAL_FAILED', async () => {
    const result = onlySignature(await verify(flipInFirstRange(signed)));
    expect(result.indication).toBe('TOTAL_FAILED');
    expect(result.integrity.intact).toBe(false);
  });
});

describe('@signpdf (placeholder-plain + signer-p12 + signpdf)', () => {
  let signed: Buffer;
  beforeAll(async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-subj', '/CN=SignPdf Signer', '-days', '30'], { stdio: 'pipe' });
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', join(dir, 'k.pem'), '-in', join(dir, 'c.pem'), '-out', join(dir, 's.p12'), '-passout', 'pass:test',
      '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'], { stdio: 'pipe' });
    const withPlaceholder = plainAddPlaceholder({ pdfBuffer: await plainPdf('Hello signpdf'), reason: 'test', contactInfo: 'x', name: 'SignPdf Signer', location: 'Stockholm' });
    signed = await signpdf.sign(withPlaceholder, new P12Signer(readFileSync(join(dir, 's.p12')), { passphrase: 'test' }));
  });

  it('intact and valid, INDETERMINATE for the foreign chain', async () => {
    const result = onlySignature(await verify(signed));
    expect(result).toMatchObject({ subFilter: 'adbe.pkcs7.detached', integrity: { intact: true, cryptoValid: true }, indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
  });

  it('one flipped signed byte: TOTAL_FAILED', async () => {
    expect(onlySignature(await verify(flipInFirstRange(signed))).indication).toBe('TOTAL_FAILED');
  });
});

describe('xref streams and object streams (qpdf)', () => {
  it('an extract rewritten with object streams, then sealed and signed by us: TOTAL_PASSED', async () => {
    writeFileSync(join(dir, 'assembled.pdf'), p.assembled);
    execFileSync('qpdf', ['--object-streams=generate', join(dir, 'assembled.pdf'), join(dir, 'objstm.pdf')]);
    const rewritten = new Uint8Array(readFileSync(join(dir, 'objstm.pdf')));
    expect(PdfFile.parse(rewritten).latest.xrefKind).toBe('stream');
    const context = signingContextFor(p.keys, p.clock);
    const sealed = await sealDocument(rewritten, context);
    const chair = await signField(sealed, { ...context, field: 'ordforande', signer: { person: { name: 'Johan Nilsson' } }, role: 'Ordförande', location: 'x', claimedTime: p.clock.now() });
    const report = await verify(chair);
    expect(report.signatures.map((s) => [s.field, s.indication])).toEqual([['sigill', 'TOTAL_PASSED'], ['ordforande', 'TOTAL_PASSED']]);
    const tampered = await verify(changePageText(chair, '0 0 0 rg', '1 0 0 rg'));
    expect(tampered.signatures.every((s) => s.indication === 'TOTAL_FAILED')).toBe(true);
  });

  it('our signed output rewritten by qpdf (object streams): every signature fails', async () => {
    writeFileSync(join(dir, 'final.pdf'), p.final);
    execFileSync('qpdf', ['--object-streams=generate', join(dir, 'final.pdf'), join(dir, 'final-rewritten.pdf')]);
    const report = await verify(readFileSync(join(dir, 'final-rewritten.pdf')));
    expect(report.signatures.length).toBeGreaterThan(0);
    expect(report.signatures.every((s) => s.indication !== 'TOTAL_PASSED')).toBe(true);
    expect(report.justering?.complete).toBe(false);
  });
});

describe('pdfsig agrees with our integrity verdict on our own output', () => {
  it.each(['sealed', 'chairSigned', 'adjusterSigned', 'final'] as const)('%s', async (stage) => {
    const bytes = p[stage];
    const file = join(dir, `${stage}.pdf`);
    writeFileSync(file, bytes);
    const nss = createNssDatabase([p.rootPem]);
    const theirs = runPdfsig(file, nss).signatures.filter((s) => s.signed && s.signatureType !== 'unknown');
    const ours = (await verify(bytes)).signatures.filter((s) => s.kind !== 'document-timestamp');
    expect(theirs.map((s) => s.fieldName)).toEqual(ours.map((s) => s.field));
    for (const [index, signature] of ours.entries()) {
      expect(theirs[index].signatureValidation).toBe('Signature is Valid.');
      expect(signature.integrity).toEqual({ intact: true, cryptoValid: true });
      expect(signature.indication).toBe('TOTAL_PASSED');
      expect(theirs[index].totalDocument).toBe(signature.coverage === 'ENTIRE_FILE');
    }
    // ... and on a copy with one signed byte flipped, both say the first signature is broken.
    const broken = replaceSameLength(bytes, '/Type /Catalog', '/Type /Catalof');
    writeFileSync(file, broken);
    expect(runPdfsig(file, nss).signatures[0].signatureValidation).not.toBe('Signature is Valid.');
    expect((await verify(broken)).signatures[0].integrity.intact).toBe(false);
  });
});
