import { createHash, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { buildSignedData, estimateSignedDataSize, type CmsDigestAlgorithm } from '../../../src/pades/build-signed-data';
import { PADES_BASELINE_B } from '../../../src/pades/signed-attributes-policy';
import { parseSignedData } from '../../../src/cms/parse-signed-data';
import { NodeCryptoProvider } from '../../../src/crypto/node-crypto-provider';
import { ParsedCertificate } from '../../../src/pki/certificate';
import { issueCertificate, keyIdentifier, randomSerial, spkiOf } from '../../../src/ca/issue-certificate';
import { issueSignerCertificate } from '../../../src/ca/issue-signer-certificate';
import type { SignerCredentials } from '../../../src/pades/signer';
import { OID } from '../../../src/asn1/oids';
import { pemEncode } from '../../../src/pki/pem';
import { encodeName, keyUsageExtension, subjectKeyIdentifierExtension } from '../../../src/ca/x509-encoding';
import { parseTimeStampToken } from '../../../src/tsa/parse-timestamp-token';
import { BuiltinTsa } from '../../../src/tsa/builtin-tsa';
import { TEST_TIME, attime, exampleKeys, openssl, testClock } from '../pki/openssl-tools';

const keys = exampleKeys();
const rootPem = pemEncode('CERTIFICATE', keys.root.certificate);
const nodeHash = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const;

/** A signer whose key pair the test chooses, certified by the example signing CA. */
function signerWithKey(pair: { publicKey: KeyObject; privateKey: KeyObject }, name: string): SignerCredentials {
  const spki = spkiOf(pair.publicKey);
  const certificate = issueCertificate({
    serialNumber: randomSerial(),
    issuerName: keys.signingCa.parsed.subjectDer,
    issuerKey: keys.signingCa.privateKey,
    subjectName: encodeName([{ oid: OID.commonName, value: name }]),
    subjectPublicKeyInfo: spki,
    notBefore: new Date('2023-01-01T00:00:00Z'),
    notAfter: new Date('2024-01-01T00:00:00Z'),
    extensions: [keyUsageExtension(['digitalSignature', 'nonRepudiation']), subjectKeyIdentifierExtension(keyIdentifier(spki))],
  });
  return { certificate, privateKey: pair.privateKey, chain: keys.signerChain };
}

const signers: Array<[string, () => SignerCredentials]> = [
  ['per-signature ECDSA P-256', () => issueSignerCertificate(keys, { name: 'Åsa Öberg' }, { clock: testClock })],
  ['ECDSA P-384', () => signerWithKey(generateKeyPairSync('ec', { namedCurve: 'P-384' }), 'P-384 signer')],
  ['RSA-2048', () => signerWithKey(generateKeyPairSync('rsa', { modulusLength: 2048 }), 'RSA-2048 signer')],
  ['RSA-3072', () => signerWithKey(generateKeyPairSync('rsa', { modulusLength: 3072 }), 'RSA-3072 signer')],
  ['the RSA-2048 organisation seal', () => ({ certificate: keys.seal.certificate, privateKey: keys.seal.privateKey, chain: keys.sealChain })],
];

function cmsVerify(cms: Uint8Array, content: Uint8Array) {
  return openssl(
    ['cms', '-verify', '-binary', '-inform', 'DER', '-in', '{sig.der}', '-content', '{content.bin}', '-CAfile', '{root.pem}', '-purpose', 'any', '-attime', attime(), '-out', '/dev/null'],
    { 'sig.der': cms, 'content.bin': content, 'root.pem': rootPem },
  );
}

describe('buildSignedData', () => {
  describe.each(signers)('with %s', (_, makeSigner) => {
    const signer = makeSigner();
    it.each<CmsDigestAlgorithm>(['SHA-256', 'SHA-384', 'SHA-512'])('makes a detached CMS over a %s digest that openssl cms -verify accepts', async (digestAlgorithm) => {
      const content = randomBytes(5000);
      const contentDigest = createHash(nodeHash[digestAlgorithm]).update(content).digest();
      const cms = await buildSignedData({ signedAttributes: PADES_BASELINE_B, digestAlgorithm, contentDigest, signer });
      const result = cmsVerify(cms, content);
      expect(result.output).toContain('CMS Verification successful');
      const tampered = Buffer.from(content);
      tampered[100] ^= 1;
      expect(cmsVerify(cms, tampered).output).toContain('content verify error');
      expect(cms.length).toBeLessThanOrEqual(estimateSignedDataSize(signer));
    });
  });

  it('has one SignerInfo with content-type, message-digest and signing-certificate-v2, and no signingTime', async () => {
    const signer = issueSignerCertificate(keys, { name: 'Åsa Öberg' }, { clock: testClock });
    const contentDigest = createHash('sha256').update('signed bytes').digest();
    const cms = await buildSignedData({ signedAttributes: PADES_BASELINE_B, digestAlgorithm: 'SHA-256', contentDigest, signer });

    const printed = openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', '{sig.der}'], { 'sig.der': cms }).output;
    expect(printed).toContain('id-smime-aa-signingCertificateV2');
    expect(printed).toContain('contentType (1.2.840.113549.1.9.3)');
    expect(printed).toContain('messageDigest (1.2.840.113549.1.9.4)');
    expect(printed).not.toContain('signingTime');
    expect(printed).toContain('eContent: <ABSENT>');
    expect(printed.match(/signerInfos:/g)).toHaveLength(1);
    expect(printed.match(/signatureAlgorithm:/g)).toHaveLength(1);

    const asBuffer = Buffer.from(cms);
    const facts = parseSignedData(asBuffer);
    expect(asBuffer.equals(Buffer.from(cms))).toBe(true); // the parser must not write into a Buffer it was given
    expect(facts.version).toBe(1);
    expect(facts.encapsulatedContentType).toBe(OID.data);
    expect(facts.encapsulatedContent).toBeUndefined();
    expect(facts.certificates).toHaveLength(3);
    expect(facts.signerInfos).toHaveLength(1);
    const info = facts.signerInfos[0]!;
    const parsed = ParsedCertificate.fromDer(signer.certificate);
    expect(info.sid.issuerAndSerial).toEqual({ issuerDer: parsed.issuerDer, serialHex: expect.stringMatching(new RegExp(`${parsed.serialNumberHex}$`)) });
    expect(info.signedAttributes?.types.sort()).toEqual([OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort());
    expect(info.signedAttributes?.messageDigest).toEqual(new Uint8Array(contentDigest));
    const essCertId = info.signedAttributes?.signingCertificateV2?.[0];
    expect(essCertId?.hashAlgorithm).toBe('SHA-256');
    expect(essCertId?.certHash).toEqual(new Uint8Array(createHash('sha256').update(signer.certificate).digest()));
    expect(essCertId?.issuerSerial?.issuerNames[0]).toEqual(parsed.issuerDer);
    expect(info.signatureAlgorithm.oid).toBe(OID.ecdsaWithSha256);
    expect(info.unsignedAttributeTypes).toEqual([]);
    const valid = await new NodeCryptoProvider().verify({
      subjectPublicKeyInfo: parsed.subjectPublicKeyInfo,
      algorithmOid: info.signatureAlgorithm.oid,
      data: info.signedAttributes!.der,
      signature: info.signature,
    });
    expect(valid).toBe(true);
  });

  it('adds a signature-time-stamp whose imprint is the hash of the signature value, which openssl ts -verify accepts', async () => {
    const signer = issueSignerCertificate(keys, { name: 'Åsa Öberg' }, { clock: testClock });
    const tsa = BuiltinTsa.fromKeys(keys, testClock);
    const content = randomBytes(1000);
    const cms = await buildSignedData({ signedAttributes: PADES_BASELINE_B, digestAlgorithm: 'SHA-384', contentDigest: createHash('sha384').update(content).digest(), signer, timestamper: tsa });
    expect(cmsVerify(cms, content).output).toContain('CMS Verification successful');
    expect(cms.length).toBeLessThanOrEqual(estimateSignedDataSize(signer, tsa));

    const info = parseSignedData(cms).signerInfos[0]!;
    expect(info.unsignedAttributeTypes).toEqual([OID.signatureTimeStampToken]);
    const token = info.signatureTimeStampTokens[0]!;
    const imprint = createHash('sha384').update(info.signature).digest();
    expect(parseTimeStampToken(token).imprint).toEqual(new Uint8Array(imprint));
    expect(parseTimeStampToken(token).genTime).toEqual(TEST_TIME);
    const verified = openssl(['ts', '-verify', '-digest', imprint.toString('hex'), '-in', '{token.der}', '-token_in', '-CAfile', '{root.pem}'], {
      'token.der': token,
      'root.pem': rootPem,
    });
    expect(verified.output).toContain('Verification: OK');
  });

  it('is byte-identical for the RSA seal with the built-in TSA at a pinned clock (reproducible assembly)', async () => {
    const seal = { certificate: keys.seal.certificate, privateKey: keys.seal.privateKey, chain: keys.sealChain };
    const contentDigest = createHash('sha256').update('the assembled extract').digest();
    const tsa = BuiltinTsa.fromKeys(keys, testClock);
    const first = await buildSignedData({ signedAttributes: PADES_BASELINE_B, digestAlgorithm: 'SHA-256', contentDigest, signer: seal, timestamper: tsa });
    const again = await buildSignedData({ signedAttributes: PADES_BASELINE_B, digestAlgorithm: 'SHA-256', contentDigest, signer: seal, timestamper: tsa });
    const otherProcess = await buildSignedData({ signedAttributes: PADES_BASELINE_B, digestAlgorithm: 'SHA-256', contentDigest, signer: seal, timestamper: BuiltinTsa.fromKeys(keys, testClock) });
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(otherProcess).equals(Buffer.from(first))).toBe(true);
  });

  it('writes with PADES_BASELINE_B the very bytes it wrote before the policy had a name', async () => {
    // SHA-256 of this CMS as the engine made it before signed-attributes policies (commit 6c37ad7).
    const seal = { certificate: keys.seal.certificate, privateKey: keys.seal.privateKey, chain: keys.sealChain };
    const contentDigest = createHash('sha256').update('the assembled extract').digest();
    const cms = await buildSignedData({ signedAttributes: PADES_BASELINE_B, digestAlgorithm: 'SHA-256', contentDigest, signer: seal, timestamper: BuiltinTsa.fromKeys(keys, testClock) });
    expect(createHash('sha256').update(cms).digest('hex')).toBe('0a6096d04386058dea65e89f1c816b7a9fbed19e73387445dfe928e790612383');
  });

  it('adds the commitment-type-indication a policy names, inside the size estimate, and openssl cms -verify accepts it', async () => {
    const signer = issueSignerCertificate(keys, { name: 'Åsa Öberg' }, { clock: testClock });
    const content = randomBytes(1000);
    const tsa = BuiltinTsa.fromKeys(keys, testClock);
    const cms = await buildSignedData({ signedAttributes: { ...PADES_BASELINE_B, commitmentType: 'proofOfOrigin' }, digestAlgorithm: 'SHA-256', contentDigest: createHash('sha256').update(content).digest(), signer, timestamper: tsa });
    expect(cmsVerify(cms, content).output).toContain('CMS Verification successful');
    expect(cms.length).toBeLessThanOrEqual(estimateSignedDataSize(signer, tsa));
    expect(parseSignedData(cms).signerInfos[0]!.signedAttributes?.types.sort()).toEqual([OID.contentType, OID.messageDigest, OID.signingCertificateV2, OID.commitmentType].sort());
    expect(openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', '{sig.der}'], { 'sig.der': cms }).output).toContain('OBJECT            :id-smime-cti-ets-proofOfOrigin');
  });

  it('refuses a digest of the wrong length or algorithm, naming the field', async () => {
    const signer = issueSignerCertificate(keys, { name: 'Bo Ek' }, { clock: testClock });
    await expect(buildSignedData({ signedAttributes: PADES_BASELINE_B, digestAlgorithm: 'SHA-256', contentDigest: new Uint8Array(48), signer })).rejects.toMatchObject({
      code: 'ERR_INPUT_INVALID',
      field: 'contentDigest',
    });
    await expect(buildSignedData({ signedAttributes: PADES_BASELINE_B, digestAlgorithm: 'SHA-1' as CmsDigestAlgorithm, contentDigest: new Uint8Array(20), signer })).rejects.toMatchObject({
      field: 'digestAlgorithm',
    });
  });
});
