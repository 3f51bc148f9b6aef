/** Decoding signature AlgorithmIdentifiers and public keys without a crypto library (signature-algorithms.ts). */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { NodeCryptoProvider } from '../../../src/crypto/node-crypto-provider';
import { publicKeyFacts, schemeName, signatureSchemeOf } from '../../../src/crypto/signature-algorithms';
import { derExplicit, derNull, derOid, derSequence, derSmallInteger } from '../../../src/asn1/der';
import { spkiOf } from '../../../src/ca/issue-certificate';
import { OID } from '../../../src/asn1/oids';

const provider = new NodeCryptoProvider();

function pss(hash: string, mgfHash: string, saltLength: number): Uint8Array {
  return derSequence(
    derExplicit(0, derSequence(derOid(hash), derNull())),
    derExplicit(1, derSequence(derOid(OID.mgf1), derSequence(derOid(mgfHash), derNull()))),
    derExplicit(2, derSmallInteger(saltLength)),
  );
}

describe('publicKeyFacts', () => {
  it.each([
    ['rsa 3072', () => generateKeyPairSync('rsa', { modulusLength: 3072 }), { type: 'RSA', bits: 3072 }],
    ['rsa 1023', () => generateKeyPairSync('rsa', { modulusLength: 1023 }), { type: 'RSA', bits: 1023 }],
    ['P-521', () => generateKeyPairSync('ec', { namedCurve: 'P-521' }), { type: 'EC', bits: 521, curve: 'P-521' }],
    ['brainpoolP384r1', () => generateKeyPairSync('ec', { namedCurve: 'brainpoolP384r1' }), { type: 'EC', bits: 384, curve: 'brainpoolP384r1' }],
    ['Ed25519', () => generateKeyPairSync('ed25519'), { type: 'Ed25519', bits: 256 }],
    ['Ed448', () => generateKeyPairSync('ed448'), { type: 'Ed448', bits: 456 }],
  ] as const)('%s', (_name, generate, expected) => {
    expect(publicKeyFacts(spkiOf(generate().publicKey))).toEqual(expected);
  });

  it('says unknown for bytes that are no SubjectPublicKeyInfo', () => {
    expect(publicKeyFacts(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00))).toEqual({ type: 'unknown' });
  });
});

describe('signatureSchemeOf', () => {
  it('reads RSASSA-PSS parameters (RFC 4055 §3.1), with the defaults when absent', () => {
    expect(schemeName(signatureSchemeOf(OID.rsassaPss, pss(OID.sha384, OID.sha384, 48))!)).toBe('RSASSA-PSS with SHA-384 (MGF1 SHA-384, salt 48)');
    expect(schemeName(signatureSchemeOf(OID.rsassaPss, undefined)!)).toBe('RSASSA-PSS with SHA-1 (MGF1 SHA-1, salt 20)');
  });

  it('takes the digest of a bare key algorithm from the SignerInfo, and knows EdDSA only without parameters', () => {
    expect(signatureSchemeOf(OID.ecPublicKey, undefined, 'SHA-224')).toEqual({ name: 'ECDSA', keyType: 'EC', digest: 'SHA-224' });
    expect(signatureSchemeOf(OID.ed448, undefined)).toEqual({ name: 'Ed448', keyType: 'Ed448' });
    expect(signatureSchemeOf(OID.ed448, derNull())).toEqual({ name: 'Ed448', keyType: 'Ed448' });
    expect(signatureSchemeOf(OID.ed25519, derSequence())).toBeUndefined();
    expect(signatureSchemeOf('1.3.101.127', undefined)).toBeUndefined();
  });

  it('a PSS MGF1 hash other than the message hash is described, but Node cannot check it', () => {
    const scheme = signatureSchemeOf(OID.rsassaPss, pss(OID.sha256, OID.sha512, 32))!;
    expect(scheme.pss).toEqual({ mgf1Digest: 'SHA-512', saltLength: 32 });
    expect(provider.supports(scheme)).toBe(false);
  });
});

describe('NodeCryptoProvider with EdDSA and SHAKE256', () => {
  const data = Buffer.from('Justera och signera § 12');

  it.each(['ed25519', 'ed448'] as const)('verifies %s over the data itself', async (type) => {
    const pair = type === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ed448');
    const signature = sign(null, data, pair.privateKey);
    const check = { subjectPublicKeyInfo: spkiOf(pair.publicKey), algorithmOid: type === 'ed25519' ? OID.ed25519 : OID.ed448, data, signature };
    expect(await provider.verify(check)).toBe(true);
    expect(await provider.verify({ ...check, data: Buffer.from('Justera och signera § 13') })).toBe(false);
  });

  it('SHAKE256 is the 512-bit output (RFC 8419 §2.3)', async () => {
    expect(Buffer.from(await provider.digest('SHAKE256', [data])).toString('hex')).toBe(createHash('shake256', { outputLength: 64 }).update(data).digest('hex'));
  });
});
