/** parseCrl over CRLs from our issuer, cross-checked with `openssl crl -text`. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../../src/clock';
import { JusteraError } from '../../../src/errors';
import { issueCrl } from '../../../src/ca/crl';
import { parseCrl } from '../../../src/pki/crl-parse';
import { initKeys, type KeyMaterial } from '../../../src/ca/keys-folder';

let keys: KeyMaterial;
beforeAll(() => {
  keys = initKeys(mkdtempSync(join(tmpdir(), 'justera-crl-parse-')), { organisation: 'Test kommun', publicBaseUrl: 'http://localhost:3000', clock: fixedClock('2023-01-01T00:00:00Z') });
});

describe('parseCrl', () => {
  it('reads issuer, times and revoked serials as openssl does', () => {
    const der = issueCrl(keys.signingCa, {
      thisUpdate: new Date('2023-10-01T00:00:00Z'), nextUpdate: new Date('2023-10-08T00:00:00Z'),
      revoked: [{ serial: '00ab12', date: new Date('2023-10-02T10:00:00Z') }, { serial: '7f', date: new Date('2050-01-01T00:00:00Z') }],
    });
    const crl = parseCrl(der);
    expect(crl.issuerDer).toEqual(keys.signingCa.parsed.subjectDer);
    expect(crl.thisUpdate.toISOString()).toBe('2023-10-01T00:00:00.000Z');
    expect(crl.nextUpdate?.toISOString()).toBe('2023-10-08T00:00:00.000Z');
    expect(crl.revoked).toEqual([
      { serialHex: 'ab12', revocationDate: new Date('2023-10-02T10:00:00Z') },
      { serialHex: '7f', revocationDate: new Date('2050-01-01T00:00:00Z') },
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'justera-crl-')), 'c.crl');
    writeFileSync(file, der);
    const text = execFileSync('openssl', ['crl', '-inform', 'DER', '-in', file, '-noout', '-text'], { encoding: 'utf8' });
    expect(text).toContain('Serial Number: AB12');
    expect(text).toContain(crl.signatureAlgorithmOid === '1.2.840.10045.4.3.2' ? 'ecdsa-with-SHA256' : 'sha256WithRSAEncryption');
  });

  it('refuses anything that is not a CRL with a typed error', () => {
    const der = issueCrl(keys.root, { thisUpdate: new Date('2023-10-01T00:00:00Z'), nextUpdate: new Date('2023-10-08T00:00:00Z') });
    expect(() => parseCrl(der.subarray(0, der.length - 1))).toThrow(JusteraError);
    expect(() => parseCrl(keys.root.certificate)).toThrow(JusteraError);
    expect(() => parseCrl(new Uint8Array([0x30, 0x00]))).toThrow(JusteraError);
  });
});
