/** checkCmsSignature (EN 319 102-1 ISC + CV) over CMS made by OpenSSL: intact, tampered, attached, PAdES rules. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeCryptoProvider } from '../../../src/crypto/node-crypto-provider';
import { OID } from '../../../src/asn1/oids';
import { checkCmsSignature } from '../../../src/verification/checks/cms-signature';
import { ValidationContext } from '../../../src/verification/path/validate-path';

const dir = mkdtempSync(join(tmpdir(), 'justera-cms-check-'));
const data = new TextEncoder().encode('the signed bytes of a PDF');
const options = { contentType: OID.data, padded: false, detached: true };
let detached: Uint8Array;
let attached: Uint8Array;
let cades: Uint8Array;

function openssl(args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

beforeAll(() => {
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-subj', '/CN=Signer', '-days', '2']);
  writeFileSync(join(dir, 'data.bin'), data);
  const sign = (out: string, extra: string[]): Uint8Array => {
    openssl(['cms', '-sign', '-binary', '-md', 'sha256', '-in', 'data.bin', '-signer', 'cert.pem', '-inkey', 'key.pem', '-outform', 'DER', '-out', out, ...extra]);
    return new Uint8Array(readFileSync(join(dir, out)));
  };
  detached = sign('detached.der', []);
  attached = sign('attached.der', ['-nodetach']);
  cades = sign('cades.der', ['-cades']);
});

const context = (): ValidationContext => new ValidationContext(new NodeCryptoProvider(), []);

describe('checkCmsSignature', () => {
  it('finds a detached signature intact and valid, and names its signer', async () => {
    const facts = await checkCmsSignature(context(), detached, [data.subarray(0, 10), data.subarray(10)], options);
    expect(facts).toMatchObject({ intact: true, cryptoValid: true, problems: [] });
    expect(facts.signer?.subject).toBe('CN=Signer');
  });

  it('reports changed bytes as a digest mismatch', async () => {
    const changed = data.slice();
    changed[3] ^= 1;
    const facts = await checkCmsSignature(context(), detached, [changed], options);
    expect(facts.intact).toBe(false);
    expect(facts.problems.map((problem) => problem.code)).toEqual(['MESSAGE_DIGEST_MISMATCH']);
  });

  it('refuses a CMS with attached content for a PDF signature', async () => {
    const facts = await checkCmsSignature(context(), attached, [data], options);
    expect(facts.problems.map((problem) => problem.code)).toEqual(['CMS_CONTENT_TYPE']);
  });

  it('states the profile facts (signingTime, ESS signing-certificate-v2) without judging them', async () => {
    const plain = await checkCmsSignature(context(), detached, [data], options);
    expect(plain.problems).toEqual([]);
    expect(plain.profile).toMatchObject({ signedAttributes: true, essSigningCertificate: 'none' });
    expect(plain.profile?.signingTime).toBeDefined();
    // OpenSSL's -cades adds signing-certificate-v2 but also signingTime, which PAdES baseline forbids.
    const withEss = await checkCmsSignature(context(), cades, [data], options);
    expect(withEss.problems).toEqual([]);
    expect(withEss.profile).toMatchObject({ signedAttributes: true, essSigningCertificate: 'v2' });
  });
});
