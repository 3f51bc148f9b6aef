/**
 * The WebCrypto provider of the in-browser check, on Node's own WebCrypto (the same API): it accepts what
 * Node's OpenSSL provider accepts, refuses a changed byte, and says "cannot check" (supports false)
 * rather than "does not verify" for what WebCrypto lacks.
 */
import { constants, createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { NodeCryptoProvider } from '../../../src/crypto/node-crypto-provider';
import { signatureSchemeOf } from '../../../src/crypto/signature-algorithms';
import { derToP1363, DigestUnsupportedError, WebCryptoProvider } from '../../../src/crypto/webcrypto-provider';
import { derExplicit, derNull, derOid, derSequence, derSmallInteger } from '../../../src/asn1/der';
import { spkiOf } from '../../../src/ca/issue-certificate';
import { OID } from '../../../src/asn1/oids';

const node = new NodeCryptoProvider();
const data = Buffer.from('Justera och signera § 12');

function pssParameters(hash: string, mgfHash: string, saltLength: number): Uint8Array {
  return derSequence(
    derExplicit(0, derSequence(derOid(hash), derNull())),
    derExplicit(1, derSequence(derOid(OID.mgf1), derSequence(derOid(mgfHash), derNull()))),
    derExplicit(2, derSmallInteger(saltLength)),
  );
}

interface Case {
  name: string;
  key: KeyObject;
  spki: Uint8Array;
  algorithmOid: string;
  algorithmParameters?: Uint8Array;
  signature: Uint8Array;
}

function cases(): Case[] {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const p521 = generateKeyPairSync('ec', { namedCurve: 'P-521' });
  const ed = generateKeyPairSync('ed25519');
  return [
    { name: 'RSA PKCS#1 v1.5 SHA-256', key: rsa.publicKey, spki: spkiOf(rsa.publicKey), algorithmOid: OID.sha256WithRSAEncryption, signature: sign('sha256', data, rsa.privateKey) },
    {
      name: 'RSASSA-PSS SHA-384 salt 48', key: rsa.publicKey, spki: spkiOf(rsa.publicKey), algorithmOid: OID.rsassaPss, algorithmParameters: pssParameters(OID.sha384, OID.sha384, 48),
      signature: sign('sha384', data, { key: rsa.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 }),
    },
    { name: 'ECDSA P-256 SHA-256', key: p256.publicKey, spki: spkiOf(p256.publicKey), algorithmOid: OID.ecdsaWithSha256, signature: sign('sha256', data, p256.privateKey) },
    { name: 'ECDSA P-384 SHA-384', key: p384.publicKey, spki: spkiOf(p384.publicKey), algorithmOid: OID.ecdsaWithSha384, signature: sign('sha384', data, p384.privateKey) },
    { name: 'ECDSA P-521 SHA-256', key: p521.publicKey, spki: spkiOf(p521.publicKey), algorithmOid: OID.ecdsaWithSha256, signature: sign('sha256', data, p521.privateKey) },
    { name: 'Ed25519', key: ed.publicKey, spki: spkiOf(ed.publicKey), algorithmOid: OID.ed25519, signature: sign(null, data, ed.privateKey) },
  ];
}

describe('WebCryptoProvider', () => {
  let web: WebCryptoProvider;
  beforeAll(async () => {
    web = await WebCryptoProvider.create();
  });

  it.each(cases().map((c) => [c.name, c] as const))('%s: valid as Node says, and a changed byte fails', async (_name, c) => {
    const check = { subjectPublicKeyInfo: c.spki, algorithmOid: c.algorithmOid, algorithmParameters: c.algorithmParameters, data, signature: c.signature };
    await expect(node.verify(check)).resolves.toBe(true);
    await expect(web.verify(check)).resolves.toBe(true);
    const changed = Buffer.from(data);
    changed[0] ^= 1;
    await expect(web.verify({ ...check, data: changed })).resolves.toBe(false);
  });

  it('digests as Node does, the parts joined', async () => {
    const parts = [data.subarray(0, 5), data.subarray(5)];
    for (const algorithm of ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'] as const) {
      expect(Buffer.from(await web.digest(algorithm, parts))).toEqual(Buffer.from(await node.digest(algorithm, parts)));
    }
    expect(Buffer.from(await web.digest('SHA-256', [data]))).toEqual(createHash('sha256').update(data).digest());
    await expect(web.digest('SHA-224', [data])).rejects.toBeInstanceOf(DigestUnsupportedError);
  });

  it('says it cannot check what WebCrypto lacks: SHA-224, a PSS MGF1 hash of its own, brainpool, Ed448', () => {
    const brainpool = spkiOf(generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1' }).publicKey);
    expect(web.supports(signatureSchemeOf(OID.ecdsaWithSha256, undefined)!, brainpool)).toBe(false);
    expect(web.supports(signatureSchemeOf(OID.ecPublicKey, undefined, 'SHA-224')!)).toBe(false);
    expect(web.supports(signatureSchemeOf(OID.rsassaPss, pssParameters(OID.sha256, OID.sha384, 32))!)).toBe(false);
    expect(web.supports(signatureSchemeOf(OID.ed448, undefined)!)).toBe(false);
    expect(new WebCryptoProvider(globalThis.crypto.subtle, false).supports(signatureSchemeOf(OID.ed25519, undefined)!)).toBe(false);
    expect(web.supports(signatureSchemeOf(OID.sha256WithRSAEncryption, undefined)!)).toBe(true);
  });

  it('turns a DER ECDSA-Sig-Value into r || s of the curve size, and refuses what is not one', () => {
    const der = Uint8Array.of(0x30, 0x08, 0x02, 0x02, 0x00, 0x81, 0x02, 0x02, 0x01, 0x02);
    expect(derToP1363(der, 4)).toEqual(Uint8Array.of(0, 0, 0, 0x81, 0, 0, 1, 2));
    expect(derToP1363(der, 1)).toBeUndefined();
    expect(derToP1363(Uint8Array.of(...der, 0), 4)).toBeUndefined();
    expect(derToP1363(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01), 4)).toBeUndefined();
  });
});
