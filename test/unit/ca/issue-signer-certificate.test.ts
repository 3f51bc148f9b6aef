import { fixedClock } from '../../../src/clock';
import { ParsedCertificate } from '../../../src/pki/certificate';
import { issueSignerCertificate } from '../../../src/ca/issue-signer-certificate';
import { signerFromPkcs12 } from '../../../src/ca/signer-from-pkcs12';
import { pemEncode } from '../../../src/pki/pem';
import { authenticationLevelOf, isJusteraSignerCertificate } from '../../../src/pki/signer-policy';
import { TEST_TIME, attime, exampleKeys, openssl, testClock } from '../pki/openssl-tools';

const LOA3 = 'http://id.elegnamnden.se/loa/1.0/loa3';
const asa = { name: 'Åsa Öberg', givenName: 'Åsa', surname: 'Öberg', serialNumber: '198503142386', email: 'asa.oberg@example.se', authnLevel: LOA3 };

describe('issueSignerCertificate', () => {
  const keys = exampleKeys();

  it('issues a certificate that openssl verifies on the chain root → signing CA → signer', () => {
    const signer = issueSignerCertificate(keys, asa, { clock: testClock });
    expect(signer.chain).toEqual([keys.signingCa.certificate, keys.root.certificate]);
    const result = openssl(['verify', '-attime', attime(), '-CAfile', '{root.pem}', '-untrusted', '{ca.pem}', '{signer.pem}'], {
      'root.pem': pemEncode('CERTIFICATE', keys.root.certificate),
      'ca.pem': pemEncode('CERTIFICATE', keys.signingCa.certificate),
      'signer.pem': pemEncode('CERTIFICATE', signer.certificate),
    });
    expect(result.output).toContain('signer.pem: OK');
  });

  it('puts the person in UTF8Strings that come back exactly from openssl', () => {
    const signer = issueSignerCertificate(keys, asa, { clock: testClock });
    const files = { 'signer.der': signer.certificate };
    const subject = openssl(['x509', '-inform', 'DER', '-in', '{signer.der}', '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus'], files).output;
    expect(subject).toBe('subject=CN=Åsa Öberg,GN=Åsa,SN=Öberg,serialNumber=198503142386\n');
    const asn1 = openssl(['asn1parse', '-inform', 'DER', '-in', '{signer.der}'], files).output;
    expect(asn1).toMatch(/:commonName\n.*UTF8STRING/);
    expect(asn1).toMatch(/:serialNumber\n.*UTF8STRING/);
    expect(asn1).not.toMatch(/PRINTABLESTRING\s+:(Åsa|198503142386)/);
  });

  it('is valid from five minutes before to ten minutes after the clock, for signing only, with the signing CA\u2019s CRL', () => {
    const parsed = ParsedCertificate.fromDer(issueSignerCertificate(keys, asa, { clock: testClock }).certificate);
    expect(parsed.notBefore).toEqual(new Date(TEST_TIME.getTime() - 5 * 60_000));
    expect(parsed.notAfter).toEqual(new Date(TEST_TIME.getTime() + 10 * 60_000));
    expect(parsed.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(parsed.extensions.find((extension) => extension.oid === '2.5.29.15')?.critical).toBe(true);
    expect(parsed.basicConstraints).toEqual({ ca: false, pathLength: undefined, critical: true });
    expect(parsed.crlDistributionPoints).toEqual(['http://localhost:3000/pki/signing-ca.crl']);
    expect(parsed.caIssuers).toEqual(['http://localhost:3000/pki/signing-ca.crt']);
    expect(parsed.authorityKeyIdentifier).toEqual(keys.signingCa.parsed.subjectKeyIdentifier);
    expect(parsed.emailAddresses).toEqual(['asa.oberg@example.se']);
    const shorter = ParsedCertificate.fromDer(issueSignerCertificate(keys, asa, { clock: testClock, validityMinutes: 2 }).certificate);
    expect(shorter.notAfter).toEqual(new Date(TEST_TIME.getTime() + 2 * 60_000));
  });

  it('records the authentication level (acr) as a certificate policy user notice that openssl shows', () => {
    const signer = issueSignerCertificate(keys, asa, { clock: testClock });
    const parsed = ParsedCertificate.fromDer(signer.certificate);
    expect(authenticationLevelOf(parsed)).toBe(LOA3);
    expect(isJusteraSignerCertificate(parsed)).toBe(true);
    const text = openssl(['x509', '-inform', 'DER', '-in', '{signer.der}', '-noout', '-ext', 'certificatePolicies'], { 'signer.der': signer.certificate }).output;
    expect(text).toContain(`Explicit Text: ${LOA3}`);
    const withoutAcr = ParsedCertificate.fromDer(issueSignerCertificate(keys, { name: 'Bo Ek' }, { clock: testClock }).certificate);
    expect(authenticationLevelOf(withoutAcr)).toBeUndefined();
    expect(withoutAcr.subject).toBe('CN=Bo Ek');
    expect(authenticationLevelOf(keys.seal.parsed)).toBeUndefined();
  });

  it('makes a new P-256 key and serial number for every signature', () => {
    const first = issueSignerCertificate(keys, asa, { clock: testClock });
    const second = issueSignerCertificate(keys, asa, { clock: testClock });
    expect(first.privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    const a = ParsedCertificate.fromDer(first.certificate);
    const b = ParsedCertificate.fromDer(second.certificate);
    expect(a.subjectPublicKeyInfo).not.toEqual(b.subjectPublicKeyInfo);
    expect(a.serialNumberHex).not.toBe(b.serialNumberHex);
  });

  it('refuses to issue outside the signing CA’s validity and never outlives it', () => {
    expect(() => issueSignerCertificate(keys, asa, { clock: fixedClock('2019-12-31T23:59:59Z') })).toThrow(
      expect.objectContaining({ code: 'ERR_KEYS_INVALID', message: expect.stringContaining('the signing CA in') }),
    );
    const lastMinutes = issueSignerCertificate(keys, asa, { clock: fixedClock(new Date(keys.signingCa.parsed.notAfter.getTime() - 60_000)) });
    expect(ParsedCertificate.fromDer(lastMinutes.certificate).notAfter).toEqual(keys.signingCa.parsed.notAfter);
  });

  it('refuses names a certificate cannot carry, naming the field', () => {
    const issue = (person: Parameters<typeof issueSignerCertificate>[1]) => () => issueSignerCertificate(keys, person, { clock: testClock });
    expect(issue({ name: '  ' })).toThrow(expect.objectContaining({ code: 'ERR_INPUT_INVALID', field: 'signer.name' }));
    expect(issue({ name: 'x'.repeat(65) })).toThrow(expect.objectContaining({ field: 'signer.name' }));
    expect(issue({ name: 'Bo\nEk' })).toThrow(expect.objectContaining({ field: 'signer.name' }));
    expect(issue({ name: 'Bo Ek', email: 'bo at example' })).toThrow(expect.objectContaining({ field: 'signer.email' }));
    expect(() => issueSignerCertificate(keys, asa, { clock: testClock, validityMinutes: 0 })).toThrow(expect.objectContaining({ field: 'validityMinutes' }));
  });
});

describe('signerFromPkcs12', () => {
  /** A CA and a leaf made by openssl, exported with `openssl pkcs12 -export` (OpenSSL 3 defaults: PBES2/AES-256). */
  function makePkcs12(keyAlgorithm: string[], passphrase: string): { p12: Buffer; leafPem: string; caPem: string } {
    const result = openssl(
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', '{ca.key}', '-out', '{ca.pem}', '-days', '3650', '-subj', '/CN=Extern CA', '-config', '{cnf}'],
      { cnf: '[req]\ndistinguished_name=dn\n[dn]\n' },
    );
    if (!result.ok) throw new Error(result.output);
    const files = { 'ca.key': result.read('ca.key'), 'ca.pem': result.read('ca.pem'), cnf: '[req]\ndistinguished_name=dn\n[dn]\n' };
    const script = openssl(['genpkey', ...keyAlgorithm, '-out', '{leaf.key}'], files);
    const leafFiles = { ...files, 'leaf.key': script.read('leaf.key') };
    const csr = openssl(['req', '-new', '-key', '{leaf.key}', '-out', '{leaf.csr}', '-utf8', '-subj', '/CN=Åsa Öberg', '-config', '{cnf}'], leafFiles);
    const signed = openssl(['x509', '-req', '-in', '{leaf.csr}', '-CA', '{ca.pem}', '-CAkey', '{ca.key}', '-set_serial', '7', '-days', '365', '-out', '{leaf.pem}'], {
      ...leafFiles,
      'leaf.csr': csr.read('leaf.csr'),
    });
    if (!signed.ok) throw new Error(signed.output);
    const exported = openssl(
      ['pkcs12', '-export', '-inkey', '{leaf.key}', '-in', '{leaf.pem}', '-certfile', '{ca.pem}', '-passout', `pass:${passphrase}`, '-out', '{signer.p12}'],
      { ...leafFiles, 'leaf.pem': signed.read('leaf.pem') },
    );
    if (!exported.ok) throw new Error(exported.output);
    return { p12: exported.read('signer.p12'), leafPem: signed.read('leaf.pem').toString('utf8'), caPem: result.read('ca.pem').toString('utf8') };
  }

  it.each([
    ['RSA-2048', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'], 'rsa'],
    ['ECDSA P-384', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'], 'ec'],
  ])('loads a %s key, its certificate and the CA from a PKCS#12 file', (_, algorithm, keyType) => {
    const { p12, leafPem, caPem } = makePkcs12(algorithm, 'hemligt lösenord');
    const signer = signerFromPkcs12(p12, 'hemligt lösenord');
    expect(signer.privateKey.asymmetricKeyType).toBe(keyType);
    expect(signer.certificate).toEqual(ParsedCertificate.fromPem(leafPem).der);
    expect(signer.chain).toEqual([ParsedCertificate.fromPem(caPem).der]);
    expect(ParsedCertificate.fromDer(signer.certificate).subject).toBe('CN=Åsa Öberg');
  });

  it('says a wrong passphrase is wrong, and refuses bytes that are not PKCS#12', () => {
    const { p12 } = makePkcs12(['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'rätt');
    expect(() => signerFromPkcs12(p12, 'fel')).toThrow(
      expect.objectContaining({ code: 'ERR_P12_INVALID', message: 'the PKCS#12 file cannot be opened with this passphrase' }),
    );
    expect(() => signerFromPkcs12(Buffer.from('not a p12'), 'x')).toThrow(expect.objectContaining({ code: 'ERR_P12_INVALID' }));
  });
});
