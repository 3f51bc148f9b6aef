/** Path building and X.509 validation (EN 319 102-1 XCV) over a generated PKI: anchors, look-alikes, time, CRLs, purpose. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../../src/clock';
import { NodeCryptoProvider } from '../../../src/crypto/node-crypto-provider';
import { ParsedCertificate } from '../../../src/pki/certificate';
import { issueCrl } from '../../../src/ca/crl';
import { parseCrl } from '../../../src/pki/crl-parse';
import { issueSignerCertificate } from '../../../src/ca/issue-signer-certificate';
import { initKeys, type KeyMaterial } from '../../../src/ca/keys-folder';
import { validatePath, ValidationContext } from '../../../src/verification/path/validate-path';

const SIGNED = new Date('2023-10-03T07:32:00Z');
let keys: KeyMaterial;
let fake: KeyMaterial;
let signer: ParsedCertificate;
const crypto = new NodeCryptoProvider();

function makeKeys(): KeyMaterial {
  return initKeys(mkdtempSync(join(tmpdir(), 'justera-path-')), { organisation: 'Test kommun', publicBaseUrl: 'http://localhost:3000', clock: fixedClock('2023-01-01T00:00:00Z') });
}

function context(material: KeyMaterial[] = [keys]): ValidationContext {
  const result = new ValidationContext(crypto, [keys.root.parsed]);
  for (const m of material) result.addDer(m.signingCa.certificate);
  return result;
}

function codes(chain: { problems: { code: string }[] }): string[] {
  return chain.problems.map((problem) => problem.code);
}

beforeAll(() => {
  keys = makeKeys();
  fake = makeKeys();
  signer = ParsedCertificate.fromDer(issueSignerCertificate(keys, { name: 'Sara Grolander' }, { clock: fixedClock(SIGNED) }).certificate);
});

describe('validatePath', () => {
  it('builds signer → signing CA → root and checks it at the proven time', async () => {
    const chain = await validatePath(context(), signer, { purpose: 'signing', time: SIGNED, timeIsProven: true });
    expect(chain.trusted).toBe(true);
    expect(chain.problems).toEqual([]);
    expect(chain.certificates.map((c) => c.subject.split(',')[0])).toEqual(['CN=Sara Grolander', 'CN=Test kommun Signing CA', 'CN=Test kommun Root CA']);
    expect(chain.revocationChecked).toBe(false);
  });

  it('does not let a look-alike CA with the same name stand in, and still finds the real path next to it', async () => {
    expect(fake.signingCa.parsed.subject).toBe(keys.signingCa.parsed.subject);
    const forged = ParsedCertificate.fromDer(issueSignerCertificate(fake, { name: 'Sara Grolander' }, { clock: fixedClock(SIGNED) }).certificate);
    const both = context([fake, keys]);
    both.addDer(fake.root.certificate);
    const refused = await validatePath(both, forged, { purpose: 'signing', time: SIGNED, timeIsProven: true });
    expect(refused.trusted).toBe(false);
    expect(codes(refused)).toEqual(['CHAIN_NOT_TRUSTED']);
    const real = await validatePath(both, signer, { purpose: 'signing', time: SIGNED, timeIsProven: true });
    expect(real.trusted).toBe(true);
  });

  it('an expired certificate without proof of time is OUT_OF_BOUNDS; a timestamp inside its validity saves it', async () => {
    const later = new Date('2024-01-01T00:00:00Z');
    expect(codes(await validatePath(context(), signer, { purpose: 'signing', time: later, timeIsProven: false }))).toEqual(['CERTIFICATE_EXPIRED_NO_POE']);
    expect(codes(await validatePath(context(), signer, { purpose: 'signing', time: new Date('2023-10-03T07:20:00Z'), timeIsProven: true }))).toEqual(['CERTIFICATE_NOT_YET_VALID']);
  });

  it('uses CRLs from the document: revoked before the proven time is REVOKED, after it is not', async () => {
    const withCrls = (revokedAt: Date): ValidationContext => {
      const result = context();
      result.crls.push(parseCrl(issueCrl(keys.signingCa, { thisUpdate: SIGNED, nextUpdate: new Date('2023-10-10T00:00:00Z'), revoked: [{ serial: signer.serialNumberHex, date: revokedAt }] })));
      result.crls.push(parseCrl(issueCrl(keys.root, { thisUpdate: SIGNED, nextUpdate: new Date('2023-10-10T00:00:00Z') })));
      return result;
    };
    const before = await validatePath(withCrls(new Date('2023-10-03T07:30:00Z')), signer, { purpose: 'signing', time: SIGNED, timeIsProven: true });
    expect(codes(before)).toEqual(['CERTIFICATE_REVOKED']);
    const after = await validatePath(withCrls(new Date('2023-10-03T08:00:00Z')), signer, { purpose: 'signing', time: SIGNED, timeIsProven: true });
    expect(after).toMatchObject({ trusted: true, problems: [], revocationChecked: true });
  });

  it('a CRL that expired before the validation time proves no absence of revocation', async () => {
    const result = context();
    result.crls.push(parseCrl(issueCrl(keys.signingCa, { thisUpdate: new Date('2023-09-01T00:00:00Z'), nextUpdate: new Date('2023-09-08T00:00:00Z') })));
    result.crls.push(parseCrl(issueCrl(keys.root, { thisUpdate: SIGNED, nextUpdate: new Date('2023-10-10T00:00:00Z') })));
    const chain = await validatePath(result, signer, { purpose: 'signing', time: SIGNED, timeIsProven: true });
    expect(chain).toMatchObject({ trusted: true, problems: [], revocationChecked: false });
  });

  it('ignores a CRL that its issuer did not sign', async () => {
    const result = context();
    // A CRL by the look-alike CA names the real CA as issuer but is signed with another key.
    result.crls.push(parseCrl(issueCrl(fake.signingCa, { thisUpdate: SIGNED, nextUpdate: new Date('2023-10-10T00:00:00Z'), revoked: [{ serial: signer.serialNumberHex, date: SIGNED }] })));
    const chain = await validatePath(result, signer, { purpose: 'signing', time: SIGNED, timeIsProven: true });
    expect(chain).toMatchObject({ trusted: true, problems: [], revocationChecked: false });
  });

  it('demands the critical timeStamping EKU of a TSA certificate', async () => {
    const tsa = await validatePath(context(), keys.tsa.parsed, { purpose: 'timestamping', time: SIGNED, timeIsProven: true });
    expect(tsa.problems).toEqual([]);
    const notTsa = await validatePath(context(), signer, { purpose: 'timestamping', time: SIGNED, timeIsProven: true });
    expect(codes(notTsa)).toEqual(['TIMESTAMP_NOT_FOR_TIMESTAMPING']);
  });
});
