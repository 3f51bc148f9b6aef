/**
 * CryptoProvider on Node's crypto (OpenSSL): digests, and signature checks for RSA PKCS#1 v1.5, RSASSA-PSS
 * (RFC 4055), ECDSA with DER signatures (RFC 5480/5758) on the curves OpenSSL knows (NIST and brainpool),
 * and EdDSA (RFC 8410/8419). Anything it cannot check returns false; it never throws for a bad signature,
 * key or parameter set. Which identifiers mean which scheme is decided in signature-algorithms.ts.
 */
import { createHash, createPublicKey, constants, verify as nodeVerify, type Hash, type KeyObject } from 'node:crypto';
import { DIGEST_LENGTHS } from '../asn1/oids';
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

  private publicKey(spki: Uint8Array): KeyObject {
    const id = Buffer.from(spki).toString('base64');
    let key = this.keys.get(id);
    if (!key) {
      key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
      if (this.keys.size >= KEY_CACHE_LIMIT) this.keys.delete(this.keys.keys().next().value!);
      this.keys.set(id, key);
    }
    return key;
  }
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
