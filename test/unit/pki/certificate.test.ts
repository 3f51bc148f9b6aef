import { ParsedCertificate } from '../../../src/pki/certificate';
import { derOid, derSequence, tlv } from '../../../src/asn1/der';
import { issueCertificate } from '../../../src/ca/issue-certificate';
import { encodeName, keyUsageExtension } from '../../../src/ca/x509-encoding';
import { pemDecodeAll, pemEncode } from '../../../src/pki/pem';
import { exampleKeys, openssl } from './openssl-tools';

/** A certificate made by openssl itself, with the extensions the parser must read. */
function opensslCertificate(): ParsedCertificate {
  const result = openssl(
    [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384', '-nodes', '-keyout', '{key.pem}', '-out', '{cert.pem}',
      '-days', '30', '-sha384', '-utf8', '-multivalue-rdn', '-subj', '/C=SE/O=Malmö stad/CN=Ek\\, Örjan+serialNumber=197001011234/GN=Örjan/SN=Ek',
      '-set_serial', '0x00ff00aa',
      '-addext', 'keyUsage=critical,digitalSignature,keyCertSign,cRLSign',
      '-addext', 'extendedKeyUsage=clientAuth,emailProtection',
      '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:3',
      '-addext', 'subjectAltName=email:orjan@example.se,DNS:example.se',
      '-addext', 'crlDistributionPoints=URI:http://crl.example.se/a.crl,URI:http://crl.example.se/b.crl',
      '-addext', 'authorityInfoAccess=caIssuers;URI:http://ca.example.se/ca.crt,OCSP;URI:http://ocsp.example.se',
      '-addext', 'certificatePolicies=1.2.3.4,@policy',
      '-config', '{openssl.cnf}',
    ],
    {
      'openssl.cnf': '[req]\ndistinguished_name=dn\n[dn]\n[policy]\npolicyIdentifier=1.2.752.1.2\nCPS.1="https://cps.example.se/"\nuserNotice.1=@notice\n[notice]\nexplicitText="UTF8:Nivå 3"\n',
    },
  );
  if (!result.ok) throw new Error(result.output);
  return ParsedCertificate.fromPem(result.read('cert.pem').toString('utf8'));
}

describe('ParsedCertificate', () => {
  it('reads names, serial and extensions of a certificate openssl made', () => {
    const certificate = opensslCertificate();
    expect(certificate.subject).toBe('SN=Ek,givenName=Örjan,CN=Ek\\, Örjan+serialNumber=197001011234,O=Malmö stad,C=SE');
    expect(certificate.subjectAttributes.map((attribute) => attribute.type)).toEqual(['C', 'O', 'CN', 'serialNumber', 'givenName', 'SN']);
    expect(certificate.subjectAttribute('2.5.4.3')).toBe('Ek, Örjan');
    expect(certificate.isSelfIssued).toBe(true);
    expect(certificate.serialNumberHex).toBe('ff00aa');
    expect(certificate.version).toBe(3);
    expect(certificate.namedCurveOid).toBe('1.3.132.0.34');
    expect(certificate.signatureAlgorithmOid).toBe('1.2.840.10045.4.3.3');
    expect(certificate.keyUsage).toEqual(['digitalSignature', 'keyCertSign', 'cRLSign']);
    expect(certificate.extendedKeyUsage).toEqual({ oids: ['1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.4'], critical: false });
    expect(certificate.basicConstraints).toEqual({ ca: true, pathLength: 3, critical: true });
    expect(certificate.emailAddresses).toEqual(['orjan@example.se']);
    expect(certificate.crlDistributionPoints).toEqual(['http://crl.example.se/a.crl', 'http://crl.example.se/b.crl']);
    expect(certificate.caIssuers).toEqual(['http://ca.example.se/ca.crt']);
    expect(certificate.certificatePolicies).toEqual([
      { oid: '1.2.3.4', cpsUris: [], userNotices: [] },
      { oid: '1.2.752.1.2', cpsUris: ['https://cps.example.se/'], userNotices: ['Nivå 3'] },
    ]);
    expect(certificate.subjectKeyIdentifier).toHaveLength(20);
    expect(certificate.extensions.find((extension) => extension.oid === '2.5.29.15')).toEqual({ oid: '2.5.29.15', critical: true });
  });

  it('agrees with openssl on the keys-example certificates: subject, serial, validity', () => {
    const keys = exampleKeys();
    for (const item of [keys.root, keys.signingCa, keys.tsa, keys.seal]) {
      const text = openssl(['x509', '-inform', 'DER', '-in', '{c.der}', '-noout', '-subject', '-serial', '-startdate', '-enddate', '-nameopt', 'RFC2253,-esc_msb'], {
        'c.der': item.certificate,
      }).output;
      expect(text).toContain(`subject=${item.parsed.subject}\n`);
      expect(text.toLowerCase()).toContain(`serial=${item.parsed.serialNumberHex}\n`);
      expect(new Date(/notBefore=(.*)\n/.exec(text)![1]!)).toEqual(item.parsed.notBefore);
      expect(new Date(/notAfter=(.*)\n/.exec(text)![1]!)).toEqual(item.parsed.notAfter);
    }
  });

  it('exposes the signed TBS bytes, the issuer name bytes and the issuer key identifier', () => {
    const keys = exampleKeys();
    const tsa = keys.tsa.parsed;
    expect(Buffer.from(keys.tsa.certificate).indexOf(Buffer.from(tsa.tbs))).toBe(4);
    expect(tsa.issuerDer).toEqual(keys.root.parsed.subjectDer);
    expect(tsa.authorityKeyIdentifier).toEqual(keys.root.parsed.subjectKeyIdentifier);
    expect(tsa.isSelfIssued).toBe(false);
    expect(keys.root.parsed.isSelfIssued).toBe(true);
  });

  it('writes PEM that openssl reads and reads every block back', () => {
    const keys = exampleKeys();
    const pem = pemEncode('CERTIFICATE', keys.seal.certificate) + pemEncode('CERTIFICATE', keys.tsa.certificate);
    expect(pemDecodeAll(pem).map((block) => block.der)).toEqual([keys.seal.certificate, keys.tsa.certificate]);
    expect(openssl(['x509', '-in', '{c.pem}', '-noout'], { 'c.pem': pem }).ok).toBe(true);
    expect(ParsedCertificate.fromPem(pem).der).toEqual(keys.seal.certificate);
  });

  it('refuses bytes that are not a certificate with ERR_CERTIFICATE_MALFORMED', () => {
    expect(() => ParsedCertificate.fromDer(Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x01]))).toThrow(expect.objectContaining({ code: 'ERR_CERTIFICATE_MALFORMED' }));
    expect(() => ParsedCertificate.fromPem('hello')).toThrow(expect.objectContaining({ code: 'ERR_CERTIFICATE_MALFORMED' }));
    const truncated = exampleKeys().seal.certificate.subarray(0, 300);
    expect(() => ParsedCertificate.fromDer(truncated)).toThrow(expect.objectContaining({ code: 'ERR_CERTIFICATE_MALFORMED' }));
  });
});

describe('ParsedCertificate strictness', () => {
  const keys = exampleKeys();
  const spki = keys.seal.parsed.subjectPublicKeyInfo;
  const issue = (subjectName: Uint8Array, extensions: Uint8Array[]) =>
    issueCertificate({
      serialNumber: Uint8Array.of(5),
      issuerName: keys.root.parsed.subjectDer,
      issuerKey: keys.root.privateKey,
      subjectName,
      subjectPublicKeyInfo: spki,
      notBefore: new Date('2023-01-01T00:00:00Z'),
      notAfter: new Date('2051-01-01T00:00:00Z'),
      extensions,
    });

  it('reads BMPString and PrintableString names as openssl does, and GeneralizedTime after 2049', () => {
    const bmp = Buffer.from('Åsa Öberg', 'utf16le').swap16();
    const name = derSequence(
      tlv(0x31, derSequence(derOid('2.5.4.6'), tlv(0x13, Buffer.from('SE')))),
      tlv(0x31, derSequence(derOid('2.5.4.3'), tlv(0x1e, bmp))),
    );
    const der = issue(name, [keyUsageExtension(['digitalSignature'])]);
    const parsed = ParsedCertificate.fromDer(der);
    expect(parsed.subject).toBe('CN=Åsa Öberg,C=SE');
    expect(parsed.notAfter).toEqual(new Date('2051-01-01T00:00:00Z'));
    const text = openssl(['x509', '-inform', 'DER', '-in', '{c.der}', '-noout', '-subject', '-enddate', '-nameopt', 'RFC2253,-esc_msb'], { 'c.der': der }).output;
    expect(text).toContain(`subject=${parsed.subject}\n`);
    expect(text).toContain('notAfter=Jan  1 00:00:00 2051 GMT');
  });

  it('refuses trailing bytes, a repeated extension and a mismatched signature algorithm', () => {
    const good = issue(encodeName([{ oid: '2.5.4.3', value: 'X' }]), [keyUsageExtension(['digitalSignature'])]);
    expect(() => ParsedCertificate.fromDer(Buffer.concat([good, Buffer.of(0)]))).toThrow(expect.objectContaining({ message: expect.stringContaining('1 bytes after the certificate') }));
    const twice = issue(encodeName([{ oid: '2.5.4.3', value: 'X' }]), [keyUsageExtension(['digitalSignature']), keyUsageExtension(['keyCertSign'])]);
    expect(() => ParsedCertificate.fromDer(twice)).toThrow(expect.objectContaining({ code: 'ERR_CERTIFICATE_MALFORMED', message: expect.stringContaining('2.5.29.15 appears twice') }));
    const outerAlgorithm = Buffer.from(good);
    const sha256WithRsa = Buffer.from(derOid('1.2.840.113549.1.1.11'));
    const last = outerAlgorithm.lastIndexOf(sha256WithRsa);
    outerAlgorithm[last + sha256WithRsa.length - 1] = 0x0c; // sha384WithRSAEncryption in the outer AlgorithmIdentifier only
    expect(() => ParsedCertificate.fromDer(outerAlgorithm)).toThrow(expect.objectContaining({ message: expect.stringContaining('differs from the TBSCertificate') }));
  });

  it('refuses a length that is not in its shortest form', () => {
    const good = Buffer.from(issue(encodeName([{ oid: '2.5.4.3', value: 'X' }]), []));
    // Re-encode the outer length (two octets) with a leading zero octet: 30 83 00 xx xx.
    const longer = Buffer.concat([Buffer.of(0x30, 0x83, 0x00), good.subarray(2, 4), good.subarray(4)]);
    expect(good[1]).toBe(0x82);
    expect(() => ParsedCertificate.fromDer(longer)).toThrow(expect.objectContaining({ code: 'ERR_CERTIFICATE_MALFORMED', message: expect.stringContaining('leading zero') }));
  });
});

describe('ParsedCertificate.fromDer', () => {
  it('gives one shared certificate per DER, holding a copy of the bytes and not the buffer they came in', () => {
    const der = exampleKeys().tsa.parsed.der;
    const inFile = new Uint8Array(der.length + 20);
    inFile.set(der, 10);
    const parsed = ParsedCertificate.fromDer(inFile.subarray(10, 10 + der.length));
    expect(ParsedCertificate.fromDer(Uint8Array.from(der))).toBe(parsed);
    expect(parsed.der.buffer).not.toBe(inFile.buffer);
    expect(parsed.der).toEqual(der);
  });
});
