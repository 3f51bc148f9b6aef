/**
 * CryptoProvider on Node's crypto (OpenSSL): digests, and signature checks for RSA PKCS#1 v1.5, RSASSA-PSS
 * (RFC 4055) and ECDSA with DER signatures (RFC 5480/5758). Anything it cannot check returns false; it never
 * throws for a bad signature, key or parameter set.
 */
import { createHash, createPublicKey, constants, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { contentBytes, readChildren, readElement, readOid, type DerElement } from '../pki/der';
import { OID, digestAlgorithmFromOid } from '../pki/oids';
import type { CryptoProvider, DigestAlgorithm, SignatureCheck } from './crypto-provider';

const NODE_DIGESTS: Record<DigestAlgorithm, string> = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

const RSA_PKCS1: Record<string, DigestAlgorithm> = {
  [OID.sha1WithRSAEncryption]: 'SHA-1',
  [OID.sha256WithRSAEncryption]: 'SHA-256',
  [OID.sha384WithRSAEncryption]: 'SHA-384',
  [OID.sha512WithRSAEncryption]: 'SHA-512',
};

const ECDSA: Record<string, DigestAlgorithm> = {
  '1.2.840.10045.4.1': 'SHA-1',
  [OID.ecdsaWithSha256]: 'SHA-256',
  [OID.ecdsaWithSha384]: 'SHA-384',
  [OID.ecdsaWithSha512]: 'SHA-512',
};

const MGF1 = '1.2.840.113549.1.1.8';
const KEY_CACHE_LIMIT = 256;

interface Scheme {
  keyType: 'rsa' | 'ec';
  digest: DigestAlgorithm;
  pss?: { saltLength: number };
}

export class NodeCryptoProvider implements CryptoProvider {
  private readonly keys = new Map<string, KeyObject>();

  async digest(algorithm: DigestAlgorithm, parts: readonly Uint8Array[]): Promise<Uint8Array> {
    const hash = createHash(NODE_DIGESTS[algorithm]);
    for (const part of parts) hash.update(part);
    const digest = hash.digest();
    return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
  }

  async verify(check: SignatureCheck): Promise<boolean> {
    const scheme = schemeOf(check);
    if (!scheme) return false;
    let key: KeyObject;
    try {
      key = this.publicKey(check.subjectPublicKeyInfo);
    } catch {
      return false;
    }
    const keyType = key.asymmetricKeyType;
    if (scheme.keyType === 'rsa' ? keyType !== 'rsa' && keyType !== 'rsa-pss' : keyType !== 'ec') return false;
    try {
      if (scheme.pss) {
        return nodeVerify(NODE_DIGESTS[scheme.digest], check.data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: scheme.pss.saltLength }, check.signature);
      }
      if (scheme.keyType === 'ec') return nodeVerify(NODE_DIGESTS[scheme.digest], check.data, { key, dsaEncoding: 'der' }, check.signature);
      return nodeVerify(NODE_DIGESTS[scheme.digest], check.data, { key, padding: constants.RSA_PKCS1_PADDING }, check.signature);
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

function schemeOf(check: SignatureCheck): Scheme | undefined {
  const oid = check.algorithmOid;
  if (RSA_PKCS1[oid]) return { keyType: 'rsa', digest: RSA_PKCS1[oid]! };
  if (ECDSA[oid]) return { keyType: 'ec', digest: ECDSA[oid]! };
  // CMS allows the bare key algorithm as signatureAlgorithm; the digest then comes from the SignerInfo.
  if (oid === OID.rsaEncryption && check.digestAlgorithm) return { keyType: 'rsa', digest: check.digestAlgorithm };
  if (oid === OID.ecPublicKey && check.digestAlgorithm) return { keyType: 'ec', digest: check.digestAlgorithm };
  if (oid === OID.rsassaPss) return pssScheme(check.algorithmParameters);
  return undefined;
}

/**
 * RSASSA-PSS-params (RFC 4055 §3.1): hash [0] (default SHA-1), maskGen [1] (default MGF1 with SHA-1),
 * saltLength [2] (default 20), trailerField [3] (must be 1). Node's MGF1 uses the message hash, so a
 * different MGF1 hash is unsupported.
 */
function pssScheme(parameters: Uint8Array | undefined): Scheme | undefined {
  try {
    let digest: DigestAlgorithm | undefined = 'SHA-1';
    let mgfDigest: DigestAlgorithm | undefined = 'SHA-1';
    let saltLength = 20;
    if (parameters && parameters.length > 0 && !(parameters.length === 2 && parameters[0] === 0x05)) {
      const sequence = readElement(parameters, 0);
      for (const field of readChildren(parameters, sequence)) {
        const inner = readChildren(parameters, field)[0];
        if (!inner) return undefined;
        if (field.tag === 0xa0) digest = algorithmDigest(parameters, inner);
        else if (field.tag === 0xa1) {
          const [mgfOid, mgfParameters] = readChildren(parameters, inner);
          if (!mgfOid || readOid(parameters, mgfOid.start) !== MGF1 || !mgfParameters) return undefined;
          mgfDigest = algorithmDigest(parameters, mgfParameters);
        } else if (field.tag === 0xa2) saltLength = integerValue(parameters, inner);
        else if (field.tag === 0xa3) {
          if (integerValue(parameters, inner) !== 1) return undefined;
        } else return undefined;
      }
    }
    if (!digest || digest !== mgfDigest) return undefined;
    return { keyType: 'rsa', digest, pss: { saltLength } };
  } catch {
    return undefined;
  }
}

function algorithmDigest(bytes: Uint8Array, algorithm: DerElement): DigestAlgorithm | undefined {
  const oidElement = readChildren(bytes, algorithm)[0];
  const oid = oidElement ? readOid(bytes, oidElement.start) : undefined;
  return oid ? digestAlgorithmFromOid(oid) : undefined;
}

function integerValue(bytes: Uint8Array, element: DerElement): number {
  let value = 0;
  for (const byte of contentBytes(bytes, element)) value = value * 256 + byte;
  return value;
}
