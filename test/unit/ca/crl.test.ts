import { fixedClock } from '../../../src/clock';
import { currentCrl, currentSigningCaCrl, issueCrl } from '../../../src/ca/crl';
import { issueSignerCertificate } from '../../../src/ca/issue-signer-certificate';
import { ParsedCertificate } from '../../../src/pki/certificate';
import { pemEncode } from '../../../src/pki/pem';
import { TEST_TIME, attime, exampleKeys, openssl, testClock } from '../pki/openssl-tools';

const keys = exampleKeys();
const chainPem = pemEncode('CERTIFICATE', keys.root.certificate) + pemEncode('CERTIFICATE', keys.signingCa.certificate);

describe('issueCrl', () => {
  it('issues a v2 CRL with CRL number and AKI that openssl verifies and reads', () => {
    const crl = issueCrl(keys.signingCa, { thisUpdate: TEST_TIME, nextUpdate: new Date('2023-10-10T10:00:00Z'), crlNumber: 42 });
    const result = openssl(['crl', '-inform', 'DER', '-in', '{c.crl}', '-CAfile', '{chain.pem}', '-noout', '-verify', '-text'], { 'c.crl': crl, 'chain.pem': chainPem });
    expect(result.output).toContain('verify OK');
    expect(result.output).toMatch(/X509v3 CRL Number: \n\s+42\n/);
    expect(result.output).toContain('Last Update: Oct  3 10:00:00 2023 GMT');
    expect(result.output).toContain('Next Update: Oct 10 10:00:00 2023 GMT');
    expect(result.output).toContain('No Revoked Certificates.');
  });

  it('lists revoked certificates so that openssl verify -crl_check rejects them and accepts the others', () => {
    const revoked = issueSignerCertificate(keys, { name: 'Återkallad Person' }, { clock: testClock });
    const kept = issueSignerCertificate(keys, { name: 'Giltig Person' }, { clock: testClock });
    const serial = ParsedCertificate.fromDer(revoked.certificate).serialNumberHex;
    const crl = issueCrl(keys.signingCa, {
      thisUpdate: TEST_TIME,
      nextUpdate: new Date(TEST_TIME.getTime() + 86_400_000),
      revoked: [{ serial, date: TEST_TIME }],
    });
    const rootCrl = issueCrl(keys.root, { thisUpdate: TEST_TIME, nextUpdate: new Date(TEST_TIME.getTime() + 86_400_000) });
    const check = (certificate: Uint8Array) =>
      openssl(['verify', '-attime', attime(new Date(TEST_TIME.getTime() + 60_000)), '-crl_check_all', '-CAfile', '{chain.pem}', '-CRLfile', '{crls.pem}', '{leaf.pem}'], {
        'chain.pem': chainPem,
        'crls.pem': pemEncode('X509 CRL', crl) + pemEncode('X509 CRL', rootCrl),
        'leaf.pem': pemEncode('CERTIFICATE', certificate),
      });
    expect(check(revoked.certificate).output).toContain('certificate revoked');
    expect(check(kept.certificate).output).toContain('leaf.pem: OK');
    const text = openssl(['crl', '-inform', 'DER', '-in', '{c.crl}', '-noout', '-text'], { 'c.crl': crl }).output;
    expect(text.replace(/\s+/g, ' ')).toContain(`Serial Number: ${serial.toUpperCase()}`);
  });
});

describe('currentCrl', () => {
  it('reuses the CRL within the hour and reissues it after, or when the clock goes back', () => {
    const freshKeys = { ...keys };
    const first = currentSigningCaCrl(freshKeys, testClock);
    expect(currentSigningCaCrl(freshKeys, fixedClock(new Date(TEST_TIME.getTime() + 59 * 60_000)))).toBe(first);
    const later = currentSigningCaCrl(freshKeys, fixedClock(new Date(TEST_TIME.getTime() + 61 * 60_000)));
    expect(later).not.toBe(first);
    expect(currentSigningCaCrl(freshKeys, testClock)).not.toBe(later);
    const text = openssl(['crl', '-inform', 'DER', '-in', '{c.crl}', '-CAfile', '{chain.pem}', '-noout', '-verify', '-text'], { 'c.crl': first, 'chain.pem': chainPem }).output;
    expect(text).toContain('verify OK');
    expect(text).toContain('Last Update: Oct  3 10:00:00 2023 GMT');
    expect(text).toContain('Next Update: Oct 10 10:00:00 2023 GMT');
  });

  it('reissues when the caller needs a CRL issued no earlier than a given time', () => {
    const freshKeys = { ...keys };
    const first = currentCrl(freshKeys, 'signing-ca', testClock);
    const clock = fixedClock(new Date(TEST_TIME.getTime() + 60_000));
    expect(currentCrl(freshKeys, 'signing-ca', clock)).toBe(first);
    expect(currentCrl(freshKeys, 'signing-ca', clock, { issuedNoEarlierThan: clock.now() })).not.toBe(first);
  });

  it('gives the root\u2019s CRL byte for byte again for the same pinned clock (RSA is deterministic)', () => {
    const a = currentCrl({ ...keys }, 'root-ca', testClock);
    const b = currentCrl({ ...keys }, 'root-ca', testClock);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const text = openssl(['crl', '-inform', 'DER', '-in', '{c.crl}', '-CAfile', '{root.pem}', '-noout', '-verify'], {
      'c.crl': a,
      'root.pem': pemEncode('CERTIFICATE', keys.root.certificate),
    }).output;
    expect(text).toContain('verify OK');
  });
});
