/**
 * CryptoProvider on Node's crypto (OpenSSL): digests, and signature checks for RSA PKCS#1 v1.5, RSASSA-PSS
 * (RFC 4055), ECDSA with DER signatures (RFC 5480/5758) on the curves OpenSSL knows (NIST and brainpool),
 * and EdDSA (RFC 8410/8419). Anything it cannot check returns false; it never throws for a bad signature,
 * key or parameter set. Which identifiers mean which scheme is decided in signature-algorithms.ts.
 */
import { createHash, createPublicKey, constants, verify as nodeVerify, type Hash, type JsonWebKey, type KeyObject } from 'node:crypto';
import { contentBytes, readChildren, readElement, readOid, type DerElement } from '../asn1/der';
import { DIGEST_LENGTHS, OID } from '../asn1/oids';
import type { CryptoProvider, DigestAlgorithm, IncrementalDigest, SignatureCheck, SignatureScheme } from './crypto-provider';
import { signatureSchemeOf } from './signature-algorithms';

const NODE_DIGESTS: Record<DigestAlgorithm, string> = {
  'SHA-1': 'sha1', 'SHA-224': 'sha224', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512', 'SHAKE256': 'shake256',
};

const NODE_KEY_TYPES: Record<SignatureScheme['keyType'], readonly string[]> = {
  RSA: ['rsa', 'rsa-pss'],
  EC: ['ec'],
  Ed25519: ['ed25519'],
  Ed448: ['ed448'],
};

const KEY_CACHE_LIMIT = 256;

/** The curves a JWK can name (RFC 7518, 6.2.1.1); others are imported from the DER. */
const JWK_CURVES: Record<string, { crv: string; size: number }> = {
  [OID.secp256r1]: { crv: 'P-256', size: 32 },
  [OID.secp384r1]: { crv: 'P-384', size: 48 },
  [OID.secp521r1]: { crv: 'P-521', size: 66 },
};

export class NodeCryptoProvider implements CryptoProvider {
  private readonly keys = new Map<string, KeyObject>();

  async digest(algorithm: DigestAlgorithm, parts: readonly Uint8Array[]): Promise<Uint8Array> {
    // SHAKE256 in CMS is the 512-bit output (RFC 8419 §2.3).
    const hash = algorithm === 'SHAKE256' ? createHash('shake256', { outputLength: DIGEST_LENGTHS.SHAKE256 }) : createHash(NODE_DIGESTS[algorithm]);
    for (const part of parts) hash.update(part);
    const digest = hash.digest();
    return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
  }

  startDigest(algorithm: DigestAlgorithm): IncrementalDigest | undefined {
    // SHAKE256's copy needs its output length again; it is rare enough to hash in one go.
    return algorithm === 'SHAKE256' ? undefined : incremental(createHash(NODE_DIGESTS[algorithm]));
  }

  supports(scheme: SignatureScheme): boolean {
    // Node's verify() takes one PSS hash: the MGF1 hash must be the message hash.
    return !scheme.pss || scheme.pss.mgf1Digest === scheme.digest;
  }

  async verify(check: SignatureCheck): Promise<boolean> {
    const scheme = signatureSchemeOf(check.algorithmOid, check.algorithmParameters, check.digestAlgorithm);
    if (!scheme || !this.supports(scheme)) return false;
    let key: KeyObject;
    try {
      key = this.publicKey(check.subjectPublicKeyInfo);
    } catch {
      return false;
    }
    if (!NODE_KEY_TYPES[scheme.keyType].includes(key.asymmetricKeyType ?? '')) return false;
    try {
      // EdDSA signs the data itself (PureEdDSA, RFC 8032): no digest name.
      if (!scheme.digest) return nodeVerify(null, check.data, key, check.signature);
      const digest = NODE_DIGESTS[scheme.digest];
      if (scheme.pss) return nodeVerify(digest, check.data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: scheme.pss.saltLength }, check.signature);
      if (scheme.keyType === 'EC') return nodeVerify(digest, check.data, { key, dsaEncoding: 'der' }, check.signature);
      return nodeVerify(digest, check.data, { key, padding: constants.RSA_PKCS1_PADDING }, check.signature);
    } catch {
      return false;
    }
  }

  /**
   * Least recently used keys leave the cache first: the TSA's and the CAs' keys recur in every document,
   * each signer's one-time key in one.
   */
  private publicKey(spki: Uint8Array): KeyObject {
    const id = Buffer.from(spki.buffer, spki.byteOffset, spki.byteLength).toString('base64');
    let key = this.keys.get(id);
    if (key) {
      this.keys.delete(id);
    } else {
      const jwk = spkiAsJwk(spki);
      key = jwk ? createPublicKey({ key: jwk, format: 'jwk' }) : createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
      if (this.keys.size >= KEY_CACHE_LIMIT) this.keys.delete(this.keys.keys().next().value!);
    }
    this.keys.set(id, key);
    return key;
  }
}

/**
 * The JWK of an RSA or NIST-curve EC SubjectPublicKeyInfo in its plainest DER form, else undefined (the
 * DER decoder then judges it). OpenSSL 3 imports a JWK several times faster than SPKI DER; the JWK holds
 * the same numbers, and anything unusual about the encoding still goes through the DER decoder.
 */
function spkiAsJwk(spki: Uint8Array): JsonWebKey | undefined {
  try {
    const outer = readElement(spki, 0);
    if (outer.tag !== 0x30 || outer.end !== spki.length) return undefined;
    const [algorithm, key, ...extra] = readChildren(spki, outer);
    if (algorithm?.tag !== 0x30 || key?.tag !== 0x03 || extra.length > 0) return undefined;
    const [oidElement, parameters, ...more] = readChildren(spki, algorithm);
    if (!oidElement || !parameters || more.length > 0) return undefined;
    const oid = readOid(spki, oidElement.start);
    const bits = contentBytes(spki, key);
    if (bits[0] !== 0) return undefined;
    const point = bits.subarray(1);
    if (oid === OID.ecPublicKey) {
      const curve = parameters.tag === 0x06 ? JWK_CURVES[readOid(spki, parameters.start) ?? ''] : undefined;
      // Uncompressed points only (SEC 1, 2.3.3: 0x04 || X || Y).
      if (!curve || point.length !== 1 + 2 * curve.size || point[0] !== 0x04) return undefined;
      return { kty: 'EC', crv: curve.crv, x: base64url(point.subarray(1, 1 + curve.size)), y: base64url(point.subarray(1 + curve.size)) };
    }
    // rsaEncryption with NULL parameters (RFC 3279, 2.3.1); RSASSA-PSS keys carry parameters a JWK cannot.
    if (oid !== OID.rsaEncryption || parameters.tag !== 0x05 || parameters.end - parameters.contentStart !== 0) return undefined;
    const sequence = readElement(point, 0);
    if (sequence.tag !== 0x30 || sequence.end !== point.length) return undefined;
    const [modulus, exponent, ...rest] = readChildren(point, sequence);
    const n = modulus && positiveInteger(point, modulus);
    const e = exponent && positiveInteger(point, exponent);
    return n && e && rest.length === 0 ? { kty: 'RSA', n: base64url(n), e: base64url(e) } : undefined;
  } catch {
    return undefined;
  }
}

/** The magnitude of a minimally encoded positive INTEGER, without its sign octet; else undefined. */
function positiveInteger(bytes: Uint8Array, element: DerElement): Uint8Array | undefined {
  const body = contentBytes(bytes, element);
  if (element.tag !== 0x02 || body.length === 0 || (body[0]! & 0x80) !== 0) return undefined;
  if (body[0] !== 0) return body;
  // A leading zero only in front of a high bit (X.690, 8.3.2).
  return body.length > 1 && (body[1]! & 0x80) !== 0 ? body.subarray(1) : undefined;
}

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

function incremental(hash: Hash): IncrementalDigest {
  return {
    update: (data) => void hash.update(data),
    copy: () => incremental(hash.copy()),
    digest: () => {
      const digest = hash.digest();
      return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
    },
  };
}
