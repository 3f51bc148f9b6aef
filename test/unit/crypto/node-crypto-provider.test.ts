import { constants, createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { NodeCryptoProvider } from '../../../src/crypto/node-crypto-provider';
import { derExplicit, derNull, derOid, derSequence, derSmallInteger } from '../../../src/asn1/der';
import { spkiOf } from '../../../src/ca/issue-certificate';
import { OID } from '../../../src/asn1/oids';
import { exampleKeys, openssl } from '../pki/openssl-tools';

const provider = new NodeCryptoProvider();
const data = Buffer.from('Justera och signera § 12');
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });

function check(pair: { publicKey: KeyObject }, algorithmOid: string, signature: Uint8Array, extra: { digestAlgorithm?: 'SHA-256'; algorithmParameters?: Uint8Array } = {}) {
  return provider.verify({ subjectPublicKeyInfo: spkiOf(pair.publicKey), algorithmOid, data, signature, ...extra });
}

/** RSASSA-PSS-params (RFC 4055) for SHA-256 / MGF1-SHA-256 / the given salt length. */
function pssParameters(saltLength: number, mgfHash: string = OID.sha256): Uint8Array {
  return derSequence(
    derExplicit(0, derSequence(derOid(OID.sha256), derNull())),
    derExplicit(1, derSequence(derOid('1.2.840.113549.1.1.8'), derSequence(derOid(mgfHash), derNull()))),
    derExplicit(2, derSmallInteger(saltLength)),
  );
}

describe('NodeCryptoProvider.digest', () => {
  it('hashes the parts as one message, as openssl does', async () => {
    const digest = await provider.digest('SHA-384', [data.subarray(0, 7), data.subarray(7)]);
    const reference = openssl(['dgst', '-sha384', '-r', '{data.bin}'], { 'data.bin': data }).output.split(' ')[0];
    expect(Buffer.from(digest).toString('hex')).toBe(reference);
    expect(await provider.digest('SHA-1', [])).toEqual(new Uint8Array(createHash('sha1').digest()));
  });
});

describe('NodeCryptoProvider.verify', () => {
  it('checks RSA PKCS#1 v1.5 under the signature OID and under bare rsaEncryption with a digest', async () => {
    const signature = sign('sha256', data, rsa.privateKey);
    expect(await check(rsa, OID.sha256WithRSAEncryption, signature)).toBe(true);
    expect(await check(rsa, OID.rsaEncryption, signature, { digestAlgorithm: 'SHA-256' })).toBe(true);
    expect(await check(rsa, OID.rsaEncryption, signature)).toBe(false);
    expect(await check(rsa, OID.sha384WithRSAEncryption, signature)).toBe(false);
  });

  it('checks a signature openssl made with RSASSA-PSS, and refuses an MGF1 hash other than the message hash', async () => {
    const made = openssl(
      ['dgst', '-sha256', '-sign', '{key.pem}', '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32', '-out', '{sig.bin}', '{data.bin}'],
      { 'key.pem': rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }), 'data.bin': data },
    );
    const signature = made.read('sig.bin');
    expect(await check(rsa, OID.rsassaPss, signature, { algorithmParameters: pssParameters(32) })).toBe(true);
    expect(await check(rsa, OID.rsassaPss, signature, { algorithmParameters: pssParameters(20) })).toBe(false);
    expect(await check(rsa, OID.rsassaPss, signature, { algorithmParameters: pssParameters(32, OID.sha1) })).toBe(false);
    const defaults = sign('sha1', data, { key: rsa.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 20 });
    expect(await check(rsa, OID.rsassaPss, defaults, { algorithmParameters: derSequence() })).toBe(true);
  });

  it.each([
    ['P-256', p256, OID.ecdsaWithSha256, 'sha256'],
    ['P-384', p384, OID.ecdsaWithSha384, 'sha384'],
  ] as const)('checks ECDSA %s signatures in DER form', async (_, pair, oid, hash) => {
    const signature = sign(hash, data, { key: pair.privateKey, dsaEncoding: 'der' });
    expect(await check(pair, oid, signature)).toBe(true);
    const flipped = Buffer.from(signature);
    flipped[flipped.length - 1] ^= 1;
    expect(await check(pair, oid, flipped)).toBe(false);
    expect(await check(pair, oid, sign(hash, data, { key: pair.privateKey, dsaEncoding: 'ieee-p1363' }))).toBe(false);
  });

  it('answers false, never throws, for a key of the wrong type, garbage keys and unknown algorithms', async () => {
    const ecdsa = sign('sha256', data, { key: p256.privateKey, dsaEncoding: 'der' });
    expect(await check(rsa, OID.ecdsaWithSha256, ecdsa)).toBe(false);
    expect(await check(p256, OID.sha256WithRSAEncryption, sign('sha256', data, rsa.privateKey))).toBe(false);
    expect(await provider.verify({ subjectPublicKeyInfo: Uint8Array.of(0x30, 0), algorithmOid: OID.ecdsaWithSha256, data, signature: ecdsa })).toBe(false);
    expect(await check(p256, '1.3.101.112', ecdsa)).toBe(false);
    expect(await check(rsa, OID.rsassaPss, Uint8Array.of(1), { algorithmParameters: Uint8Array.of(0x30, 0x05, 0xa0) })).toBe(false);
  });

  it('checks P-521 and RSA (e = 3) keys, which it imports as JWKs, and refuses them tampered', async () => {
    const p521 = generateKeyPairSync('ec', { namedCurve: 'P-521' });
    const rsa3 = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 3 });
    for (const [pair, oid, hash] of [[p521, OID.ecdsaWithSha512, 'sha512'], [rsa3, OID.sha256WithRSAEncryption, 'sha256']] as const) {
      const signature = sign(hash, data, { key: pair.privateKey, dsaEncoding: 'der' });
      expect(await check(pair, oid, signature)).toBe(true);
      const spki = spkiOf(pair.publicKey);
      // A point off the curve, another exponent: refused.
      const tampered = Uint8Array.from(spki);
      tampered[tampered.length - 1] ^= 1;
      expect(await provider.verify({ subjectPublicKeyInfo: tampered, algorithmOid: oid, data, signature })).toBe(false);
    }
  });

  it('verifies the keys-example certificates with their issuer keys, from ParsedCertificate fields alone', async () => {
    const keys = exampleKeys();
    for (const item of [keys.signingCa, keys.tsa, keys.seal, keys.root]) {
      const valid = await provider.verify({
        subjectPublicKeyInfo: keys.root.parsed.subjectPublicKeyInfo,
        algorithmOid: item.parsed.signatureAlgorithmOid,
        data: item.parsed.tbs,
        signature: item.parsed.signature,
      });
      expect(valid).toBe(true);
    }
  });
});
