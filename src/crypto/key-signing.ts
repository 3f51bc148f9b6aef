/**
 * Signing with a Node KeyObject for certificates, CRLs, CMS and timestamp tokens: picks the signature
 * AlgorithmIdentifier for the key type and digest and returns X.509/CMS-ready signature bytes.
 * RSA uses PKCS#1 v1.5 (deterministic); ECDSA signatures are DER Ecdsa-Sig-Value (RFC 5480 §2.2 / RFC 5753).
 */
import { type KeyObject, sign as nodeSign } from 'node:crypto';
import type { DigestAlgorithm } from './crypto-provider';
import { JusteraError } from '../errors';
import { derNull, derOid, derSequence } from '../asn1/der';
import { OID } from '../asn1/oids';

export interface SignatureAlgorithm {
  oid: string;
  /** DER AlgorithmIdentifier (RSA with NULL parameters per RFC 4055 §5, ECDSA without per RFC 5758 §3.2). */
  algorithmIdentifier: Uint8Array;
}

const RSA_OIDS: Partial<Record<DigestAlgorithm, string>> = {
  'SHA-256': OID.sha256WithRSAEncryption,
  'SHA-384': OID.sha384WithRSAEncryption,
  'SHA-512': OID.sha512WithRSAEncryption,
};

const ECDSA_OIDS: Partial<Record<DigestAlgorithm, string>> = {
  'SHA-256': OID.ecdsaWithSha256,
  'SHA-384': OID.ecdsaWithSha384,
  'SHA-512': OID.ecdsaWithSha512,
};

const NODE_DIGESTS: Record<DigestAlgorithm, string> = { 'SHA-1': 'sha1', 'SHA-224': 'sha224', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512', 'SHAKE256': 'shake256' };

const algorithmCache = new Map<string, SignatureAlgorithm>();

export function nodeDigestName(algorithm: DigestAlgorithm): string {
  return NODE_DIGESTS[algorithm];
}

export function signatureAlgorithmFor(key: KeyObject, digest: DigestAlgorithm): SignatureAlgorithm {
  const keyType = key.asymmetricKeyType;
  const cacheKey = `${keyType}:${digest}`;
  const cached = algorithmCache.get(cacheKey);
  if (cached) return cached;
  let algorithm: SignatureAlgorithm;
  if (keyType === 'rsa' && RSA_OIDS[digest]) {
    const oid = RSA_OIDS[digest]!;
    algorithm = { oid, algorithmIdentifier: derSequence(derOid(oid), derNull()) };
  } else if (keyType === 'ec' && ECDSA_OIDS[digest]) {
    const oid = ECDSA_OIDS[digest]!;
    algorithm = { oid, algorithmIdentifier: derSequence(derOid(oid)) };
  } else {
    throw new JusteraError('ERR_KEYS_INVALID', `cannot sign with a ${keyType ?? 'symmetric'} key and ${digest}: use an RSA or EC (P-256/P-384) key with SHA-256, SHA-384 or SHA-512`);
  }
  algorithmCache.set(cacheKey, algorithm);
  return algorithm;
}

/** Signs `data` (hashing it with `digest`); for EC keys the result is the DER Ecdsa-Sig-Value. */
export function signWithKey(key: KeyObject, digest: DigestAlgorithm, data: Uint8Array): Uint8Array {
  signatureAlgorithmFor(key, digest);
  const signature = key.asymmetricKeyType === 'ec'
    ? nodeSign(NODE_DIGESTS[digest], data, { key, dsaEncoding: 'der' })
    : nodeSign(NODE_DIGESTS[digest], data, key);
  return new Uint8Array(signature.buffer, signature.byteOffset, signature.byteLength);
}
