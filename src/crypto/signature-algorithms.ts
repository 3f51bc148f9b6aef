/**
 * What a signature AlgorithmIdentifier and a SubjectPublicKeyInfo mean, decoded without any crypto
 * library, so every CryptoProvider (Node, WebCrypto) and the algorithm policy read them the same way.
 * Pure. An identifier this table does not know gives undefined: the caller reports it as unsupported.
 */
import { contentBytes, readChildren, readElement, readOid, type DerElement } from '../asn1/der';
import { OID, digestAlgorithmFromOid } from '../asn1/oids';
import type { DigestAlgorithm, KeyType, SignatureScheme } from './crypto-provider';

const RSA_PKCS1: Record<string, DigestAlgorithm> = {
  [OID.sha1WithRSAEncryption]: 'SHA-1',
  [OID.sha224WithRSAEncryption]: 'SHA-224',
  [OID.sha256WithRSAEncryption]: 'SHA-256',
  [OID.sha384WithRSAEncryption]: 'SHA-384',
  [OID.sha512WithRSAEncryption]: 'SHA-512',
};

const ECDSA: Record<string, DigestAlgorithm> = {
  [OID.ecdsaWithSha1]: 'SHA-1',
  [OID.ecdsaWithSha224]: 'SHA-224',
  [OID.ecdsaWithSha256]: 'SHA-256',
  [OID.ecdsaWithSha384]: 'SHA-384',
  [OID.ecdsaWithSha512]: 'SHA-512',
};

/** Curve names as Node/OpenSSL and the reports spell them. */
export const CURVES: Record<string, { name: string; bits: number }> = {
  [OID.secp256r1]: { name: 'P-256', bits: 256 },
  [OID.secp384r1]: { name: 'P-384', bits: 384 },
  [OID.secp521r1]: { name: 'P-521', bits: 521 },
  [OID.brainpoolP256r1]: { name: 'brainpoolP256r1', bits: 256 },
  [OID.brainpoolP384r1]: { name: 'brainpoolP384r1', bits: 384 },
  [OID.brainpoolP512r1]: { name: 'brainpoolP512r1', bits: 512 },
};

/**
 * The scheme of a signatureAlgorithm. CMS (RFC 5652 §5.3, RFC 5754 §3) also allows the bare key
 * algorithm (rsaEncryption, id-ecPublicKey); the digest then is the SignerInfo's digestAlgorithm.
 */
export function signatureSchemeOf(oid: string, parameters: Uint8Array | undefined, digestAlgorithm?: DigestAlgorithm): SignatureScheme | undefined {
  // An explicit NULL is the same as absent parameters here (RFC 4055 §2.1 vs. RFC 8410 §3 encoders).
  if (parameters && parameters.length === 2 && parameters[0] === 0x05 && parameters[1] === 0x00) parameters = undefined;
  if (RSA_PKCS1[oid]) return { name: 'RSASSA-PKCS1-v1_5', keyType: 'RSA', digest: RSA_PKCS1[oid] };
  if (ECDSA[oid]) return { name: 'ECDSA', keyType: 'EC', digest: ECDSA[oid] };
  if (oid === OID.rsaEncryption && digestAlgorithm && digestAlgorithm !== 'SHAKE256') return { name: 'RSASSA-PKCS1-v1_5', keyType: 'RSA', digest: digestAlgorithm };
  if (oid === OID.ecPublicKey && digestAlgorithm && digestAlgorithm !== 'SHAKE256') return { name: 'ECDSA', keyType: 'EC', digest: digestAlgorithm };
  if (oid === OID.rsassaPss) return pssScheme(parameters);
  // RFC 8410 §3: EdDSA identifiers have absent parameters.
  if (oid === OID.ed25519 && !parameters) return { name: 'Ed25519', keyType: 'Ed25519' };
  if (oid === OID.ed448 && !parameters) return { name: 'Ed448', keyType: 'Ed448' };
  return undefined;
}

/** A readable name of a scheme for reports: "RSASSA-PSS with SHA-256 (MGF1 SHA-256, salt 32)". */
export function schemeName(scheme: SignatureScheme): string {
  if (scheme.pss) return `RSASSA-PSS with ${scheme.digest} (MGF1 ${scheme.pss.mgf1Digest}, salt ${scheme.pss.saltLength})`;
  return scheme.digest ? `${scheme.name} with ${scheme.digest}` : scheme.name;
}

export interface PublicKeyFacts {
  type: KeyType | 'unknown';
  /** RSA modulus length or curve size in bits. */
  bits?: number;
  /** Named curve of an EC key ("P-256", "brainpoolP256r1", or the OID when unknown). */
  curve?: string;
}

/** SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) decoded to the facts a crypto policy weighs. */
export function publicKeyFacts(spki: Uint8Array): PublicKeyFacts {
  try {
    const [algorithm, key] = readChildren(spki, readElement(spki, 0));
    const [oidElement, parameters] = readChildren(spki, algorithm!);
    const oid = readOid(spki, oidElement!.start);
    if (oid === OID.ed25519) return { type: 'Ed25519', bits: 256 };
    if (oid === OID.ed448) return { type: 'Ed448', bits: 456 };
    if (oid === OID.ecPublicKey) {
      const curveOid = parameters?.tag === 0x06 ? readOid(spki, parameters.start) : undefined;
      const curve = curveOid ? CURVES[curveOid] : undefined;
      return { type: 'EC', ...(curve ? { bits: curve.bits, curve: curve.name } : curveOid ? { curve: curveOid } : {}) };
    }
    if (oid === OID.rsaEncryption || oid === OID.rsassaPss) {
      // subjectPublicKey BIT STRING (one unused-bits byte) holds RSAPublicKey ::= SEQUENCE { modulus, exponent }.
      const bits = contentBytes(spki, key!).subarray(1);
      const [modulus] = readChildren(bits, readElement(bits, 0));
      const magnitude = contentBytes(bits, modulus!);
      let start = 0;
      while (start < magnitude.length && magnitude[start] === 0) start++;
      const leading = magnitude[start] ?? 0;
      return { type: 'RSA', bits: (magnitude.length - start - 1) * 8 + (leading ? Math.floor(Math.log2(leading)) + 1 : 0) };
    }
    return { type: 'unknown' };
  } catch {
    return { type: 'unknown' };
  }
}

/**
 * RSASSA-PSS-params (RFC 4055 §3.1): hash [0] (default SHA-1), maskGen [1] (default MGF1 with SHA-1),
 * saltLength [2] (default 20), trailerField [3] (must be 1).
 */
function pssScheme(parameters: Uint8Array | undefined): SignatureScheme | undefined {
  try {
    let digest: DigestAlgorithm | undefined = 'SHA-1';
    let mgf1Digest: DigestAlgorithm | undefined = 'SHA-1';
    let saltLength = 20;
    if (parameters && parameters.length > 0) {
      const sequence = readElement(parameters, 0);
      for (const field of readChildren(parameters, sequence)) {
        const inner = readChildren(parameters, field)[0];
        if (!inner) return undefined;
        if (field.tag === 0xa0) digest = algorithmDigest(parameters, inner);
        else if (field.tag === 0xa1) {
          const [mgfOid, mgfParameters] = readChildren(parameters, inner);
          if (!mgfOid || readOid(parameters, mgfOid.start) !== OID.mgf1 || !mgfParameters) return undefined;
          mgf1Digest = algorithmDigest(parameters, mgfParameters);
        } else if (field.tag === 0xa2) saltLength = integerValue(parameters, inner);
        else if (field.tag === 0xa3) {
          if (integerValue(parameters, inner) !== 1) return undefined;
        } else return undefined;
      }
    }
    if (!digest || !mgf1Digest || digest === 'SHAKE256' || mgf1Digest === 'SHAKE256') return undefined;
    return { name: 'RSASSA-PSS', keyType: 'RSA', digest, pss: { mgf1Digest, saltLength } };
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
