/** parseSignedData against CMS made by OpenSSL (an independent producer): attributes, certificates, the signed SET. */
import { execFileSync } from 'node:child_process';
import { createHash, createVerify, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CmsFormatError, parseSignedData } from '../../../src/cms/parse-signed-data';

const dir = mkdtempSync(join(tmpdir(), 'justera-cms-'));
const run = (args: string[]): void => {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
};

beforeAll(() => {
  run(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem',
    '-subj', '/CN=Åsa Öberg/O=Test', '-utf8', '-days', '2']);
  writeFileSync(join(dir, 'data.bin'), 'signed bytes of a PDF');
  run(['cms', '-sign', '-binary', '-cades', '-md', 'sha256', '-in', 'data.bin', '-signer', 'cert.pem', '-inkey', 'key.pem',
    '-outform', 'DER', '-out', 'sig.der']);
});

describe('parseSignedData', () => {
  it('reads one SignerInfo whose signed attributes verify with the embedded certificate', () => {
    const der = new Uint8Array(readFileSync(join(dir, 'sig.der')));
    const padded = new Uint8Array(der.length + 100);
    padded.set(der);
    const facts = parseSignedData(padded, { allowZeroPadding: true });
    expect(facts.der.length).toBe(der.length);
    expect(facts.signerInfos).toHaveLength(1);
    expect(facts.encapsulatedContent).toBeUndefined();
    const [info] = facts.signerInfos;
    const attrs = info.signedAttributes!;
    expect(attrs.contentType).toBe('1.2.840.113549.1.7.1');
    expect(Buffer.from(attrs.messageDigest!)).toEqual(createHash('sha256').update('signed bytes of a PDF').digest());
    expect(attrs.signingTime).toBeInstanceOf(Date);
    expect(attrs.malformed).toEqual([]);
    const certDer = facts.certificates[0];
    const cert = new X509Certificate(Buffer.from(certDer));
    expect(cert.subject).toContain('Åsa Öberg');
    expect(Buffer.from(attrs.signingCertificateV2![0].certHash)).toEqual(createHash('sha256').update(certDer).digest());
    const ok = createVerify('sha256').update(attrs.der).verify(cert.publicKey, Buffer.from(info.signature));
    expect(ok).toBe(true);
    expect(info.sid.issuerAndSerial!.serialHex.replace(/^00/, '')).toBe(cert.serialNumber.toLowerCase().replace(/^00/, ''));
  });

  it('refuses non-zero bytes after the DER, truncation and garbage', () => {
    const der = new Uint8Array(readFileSync(join(dir, 'sig.der')));
    const padded = new Uint8Array(der.length + 4);
    padded.set(der);
    padded[der.length + 2] = 1;
    expect(() => parseSignedData(padded, { allowZeroPadding: true })).toThrow(CmsFormatError);
    expect(() => parseSignedData(der.subarray(0, der.length - 1))).toThrow(CmsFormatError);
    expect(() => parseSignedData(new Uint8Array([0x30, 0x80, 0, 0]))).toThrow(CmsFormatError);
    expect(() => parseSignedData(new Uint8Array(0))).toThrow(CmsFormatError);
  });

  it('never throws anything but CmsFormatError on mutated input', () => {
    const der = new Uint8Array(readFileSync(join(dir, 'sig.der')));
    let seed = 7;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 500; i++) {
      const copy = der.slice();
      copy[Math.floor(random() * copy.length)] ^= 1 << Math.floor(random() * 8);
      try {
        parseSignedData(copy);
      } catch (error) {
        expect(error).toBeInstanceOf(CmsFormatError);
      }
    }
  });
});
