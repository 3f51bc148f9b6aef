import { copyFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../../src/clock';
import { KEYS_FILES, initKeys, loadKeys, type KeyMaterial } from '../../../src/ca/keys-folder';
import { attime, exampleKeys, openssl } from '../pki/openssl-tools';

const ORGANISATION = 'Åre kommun – kommunstyrelsen';
const CREATED = new Date('2023-01-01T00:00:00Z');

describe('initKeys', () => {
  let dir: string;
  let keys: KeyMaterial;
  const pem = (file: string) => readFileSync(join(dir, file), 'utf8');

  beforeAll(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'justera-keys-')), 'keys');
    keys = initKeys(dir, { organisation: ORGANISATION, publicBaseUrl: 'https://justera.example.se/', clock: fixedClock(CREATED) });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a chain that openssl verifies: root → signing CA, root → TSA, root → seal', () => {
    const result = openssl(['verify', '-attime', attime(new Date('2024-06-01T00:00:00Z')), '-CAfile', '{root.pem}', '{signing-ca.pem}', '{tsa.pem}', '{seal.pem}'], {
      'root.pem': pem(KEYS_FILES.rootCertificate),
      'signing-ca.pem': pem(KEYS_FILES.signingCaCertificate),
      'tsa.pem': pem(KEYS_FILES.tsaCertificate),
      'seal.pem': pem(KEYS_FILES.sealCertificate),
    });
    expect(result.output).toMatch(/signing-ca.pem: OK[\s\S]*tsa.pem: OK[\s\S]*seal.pem: OK/);
    expect(result.ok).toBe(true);
  });

  it('gives the TSA certificate the critical extended key usage timeStamping and nothing else', () => {
    const text = openssl(['x509', '-in', '{tsa.pem}', '-noout', '-text'], { 'tsa.pem': pem(KEYS_FILES.tsaCertificate) }).output;
    expect(text).toMatch(/X509v3 Extended Key Usage: critical\n\s+Time Stamping\n/);
    expect(keys.tsa.parsed.extendedKeyUsage).toEqual({ oids: ['1.3.6.1.5.5.7.3.8'], critical: true });
    expect(keys.tsa.privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('names the organisation in UTF-8 in the seal certificate, with key usage for signing only', () => {
    const text = openssl(['x509', '-in', '{seal.pem}', '-noout', '-subject', '-ext', 'keyUsage', '-nameopt', 'utf8,sep_comma_plus'], {
      'seal.pem': pem(KEYS_FILES.sealCertificate),
    }).output;
    expect(text).toContain(`subject=C=SE,O=${ORGANISATION},CN=${ORGANISATION} sigill`);
    expect(text).toMatch(/Key Usage: critical\n\s+Digital Signature, Non Repudiation\n/);
    expect(keys.seal.privateKey.asymmetricKeyType).toBe('rsa');
  });

  it('uses the key types and CA flags of the design: root RSA-3072, signing CA P-256 with pathlen 0', () => {
    expect(keys.root.privateKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
    expect(keys.root.parsed.basicConstraints).toMatchObject({ ca: true, critical: true });
    expect(keys.signingCa.privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(keys.signingCa.parsed.basicConstraints).toEqual({ ca: true, pathLength: 0, critical: true });
    expect(keys.signingCa.parsed.keyUsage).toEqual(['keyCertSign', 'cRLSign']);
    expect(keys.signingCa.parsed.crlDistributionPoints).toEqual(['https://justera.example.se/pki/root-ca.crl']);
    expect(keys.signingCa.parsed.caIssuers).toEqual(['https://justera.example.se/pki/root-ca.crt']);
    expect(keys.signingCa.parsed.authorityKeyIdentifier).toEqual(keys.root.parsed.subjectKeyIdentifier);
    expect(keys.signingCa.parsed.notBefore).toEqual(CREATED);
    expect(keys.signingCa.parsed.notAfter).toEqual(new Date('2053-01-01T00:00:00Z'));
  });

  it('writes a root CRL that openssl verifies against the root', () => {
    const result = openssl(['crl', '-inform', 'DER', '-in', '{root.crl}', '-CAfile', '{root.pem}', '-noout', '-verify'], {
      'root.crl': readFileSync(join(dir, KEYS_FILES.rootCrl)),
      'root.pem': pem(KEYS_FILES.rootCertificate),
    });
    expect(result.output).toContain('verify OK');
  });

  it('records organisation, base URL (without trailing slash) and creation time in keys.json', () => {
    expect(JSON.parse(pem(KEYS_FILES.metadata))).toEqual({
      format: 1,
      organisation: ORGANISATION,
      publicBaseUrl: 'https://justera.example.se',
      created: CREATED.toISOString(),
    });
    expect(pem(KEYS_FILES.readme)).toContain(`# Justera keys: ${ORGANISATION}`);
  });

  it('refuses to replace existing keys unless asked to', () => {
    expect(() => initKeys(dir, { organisation: 'X', publicBaseUrl: 'http://x', clock: fixedClock(CREATED) })).toThrow(
      expect.objectContaining({ code: 'ERR_KEYS_INVALID', message: expect.stringContaining('root-ca.key.pem already exists') }),
    );
  });

  it('refuses a bad organisation, URL or validity with the field named', () => {
    const other = mkdtempSync(join(tmpdir(), 'justera-keys-bad-'));
    const clock = fixedClock(CREATED);
    expect(() => initKeys(other, { organisation: ' ', publicBaseUrl: 'http://x', clock })).toThrow(expect.objectContaining({ field: 'organisation' }));
    expect(() => initKeys(other, { organisation: 'X', publicBaseUrl: 'ftp://x', clock })).toThrow(expect.objectContaining({ field: 'publicBaseUrl' }));
    expect(() => initKeys(other, { organisation: 'X', publicBaseUrl: 'http://x', clock, validityYears: 0 })).toThrow(
      expect.objectContaining({ field: 'validityYears' }),
    );
  });
});

describe('loadKeys', () => {
  const exampleDir = join(__dirname, '..', '..', '..', 'keys-example');

  /** A copy of keys-example in which `damage` has been done. */
  function damagedCopy(damage: (dir: string) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'justera-keys-damaged-'));
    for (const file of Object.values(KEYS_FILES)) copyFileSync(join(exampleDir, file), join(dir, file));
    damage(dir);
    return dir;
  }

  it('loads keys-example once and serves later loads from the cache', () => {
    const keys = exampleKeys();
    expect(loadKeys(exampleDir)).toBe(keys);
    expect(keys.organisation).toBe('Hägersten-Älvsjö stadsdelsnämnd');
    expect(keys.signerChain).toEqual([keys.signingCa.certificate, keys.root.certificate]);
    expect(keys.trustAnchors).toEqual([keys.root.certificate]);
  });

  it('keys-example covers the tests\u2019 fixed clocks: signing CA and TSA valid from 2023-01-01 to 2045', () => {
    const keys = exampleKeys();
    for (const item of [keys.root, keys.signingCa, keys.tsa, keys.seal]) {
      expect(item.parsed.isValidAt(new Date('2023-01-01T00:00:00Z'))).toBe(true);
      expect(item.parsed.isValidAt(new Date('2045-12-31T23:59:59Z'))).toBe(true);
    }
  });

  it('names the missing file', () => {
    const dir = damagedCopy((target) => unlinkSync(join(target, KEYS_FILES.tsaKey)));
    expect(() => loadKeys(dir)).toThrow(expect.objectContaining({ code: 'ERR_KEYS_INVALID', message: expect.stringContaining(join(dir, 'tsa.key.pem')) }));
  });

  it('names a key that does not belong to its certificate', () => {
    const dir = damagedCopy((target) => copyFileSync(join(target, KEYS_FILES.sealKey), join(target, KEYS_FILES.tsaKey)));
    expect(() => loadKeys(dir)).toThrow(expect.objectContaining({ code: 'ERR_KEYS_INVALID', message: expect.stringMatching(/tsa\.key\.pem does not belong to .*tsa\.crt\.pem/) }));
  });

  it('names a certificate that is not PEM and a keys.json without an organisation', () => {
    const broken = damagedCopy((target) => writeFileSync(join(target, KEYS_FILES.sealCertificate), 'not a certificate'));
    expect(() => loadKeys(broken)).toThrow(expect.objectContaining({ code: 'ERR_KEYS_INVALID', message: expect.stringContaining('seal.crt.pem is not a PEM certificate') }));
    const noOrganisation = damagedCopy((target) => writeFileSync(join(target, KEYS_FILES.metadata), '{"publicBaseUrl":"http://x","created":"2020"}'));
    expect(() => loadKeys(noOrganisation)).toThrow(expect.objectContaining({ code: 'ERR_KEYS_INVALID', field: 'organisation' }));
  });

  it('refuses a TSA certificate that was issued by another root', () => {
    const foreign = mkdtempSync(join(tmpdir(), 'justera-keys-foreign-'));
    initKeys(foreign, { organisation: 'Annan', publicBaseUrl: 'http://x', clock: fixedClock(CREATED) });
    const dir = damagedCopy((target) => {
      copyFileSync(join(foreign, KEYS_FILES.tsaCertificate), join(target, KEYS_FILES.tsaCertificate));
      copyFileSync(join(foreign, KEYS_FILES.tsaKey), join(target, KEYS_FILES.tsaKey));
    });
    expect(() => loadKeys(dir)).toThrow(expect.objectContaining({ code: 'ERR_KEYS_INVALID', message: expect.stringContaining('tsa.crt.pem was not issued by the root') }));
  });
});
