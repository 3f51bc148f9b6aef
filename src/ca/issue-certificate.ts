/**
 * Issues an X.509 v3 certificate signed with a Node KeyObject, from pre-encoded names and extensions.
 * The policy of what goes into a root, CA, TSA, seal or signer certificate lives with the callers.
 */
import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import type { DigestAlgorithm } from '../crypto/crypto-provider';
import { contentBytes, readChildren, readElement } from '../asn1/der';
import { signWithKey, signatureAlgorithmFor } from '../crypto/key-signing';
import { encodeSignedStructure, encodeTbsCertificate } from './x509-encoding';

export interface CertificateRequest {
  serialNumber: Uint8Array;
  issuerName: Uint8Array;
  issuerKey: KeyObject;
  subjectName: Uint8Array;
  subjectPublicKeyInfo: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  extensions: readonly Uint8Array[];
  digestAlgorithm?: DigestAlgorithm;
}

export function issueCertificate(request: CertificateRequest): Uint8Array {
  const algorithm = signatureAlgorithmFor(request.issuerKey, request.digestAlgorithm ?? 'SHA-256');
  const tbs = encodeTbsCertificate({
    serialNumber: request.serialNumber,
    signatureAlgorithm: algorithm.algorithmIdentifier,
    issuerName: request.issuerName,
    notBefore: request.notBefore,
    notAfter: request.notAfter,
    subjectName: request.subjectName,
    subjectPublicKeyInfo: request.subjectPublicKeyInfo,
    extensions: request.extensions,
  });
  const signature = signWithKey(request.issuerKey, request.digestAlgorithm ?? 'SHA-256', tbs);
  return encodeSignedStructure(tbs, algorithm.algorithmIdentifier, signature);
}

/** Key identifier per RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value. */
export function keyIdentifier(subjectPublicKeyInfo: Uint8Array): Uint8Array {
  const spki = readElement(subjectPublicKeyInfo, 0);
  const bitString = readChildren(subjectPublicKeyInfo, spki)[1];
  if (!bitString) throw new RangeError('SubjectPublicKeyInfo without a public key');
  const keyBits = contentBytes(subjectPublicKeyInfo, bitString).subarray(1);
  return new Uint8Array(createHash('sha1').update(keyBits).digest());
}

export function spkiOf(publicKey: KeyObject): Uint8Array {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return new Uint8Array(der.buffer, der.byteOffset, der.byteLength);
}

/** SubjectPublicKeyInfo of an id-ecPublicKey on prime256v1 (RFC 5480), up to the uncompressed point's 0x04. */
const P256_SPKI_PREFIX = Uint8Array.from([
  0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03,
  0x42, 0x00, 0x04,
]);

/**
 * spkiOf for a P-256 key, the same bytes: built from the JWK coordinates, as OpenSSL's DER encoder costs
 * twenty times more, and a signature issues one such key each.
 */
export function p256SpkiOf(publicKey: KeyObject): Uint8Array {
  const { crv, x, y } = publicKey.export({ format: 'jwk' });
  if (crv !== 'P-256' || x === undefined || y === undefined) throw new TypeError(`not a P-256 public key (${String(crv)})`);
  const spki = new Uint8Array(P256_SPKI_PREFIX.length + 64);
  spki.set(P256_SPKI_PREFIX);
  spki.set(Buffer.from(x, 'base64url'), P256_SPKI_PREFIX.length);
  spki.set(Buffer.from(y, 'base64url'), P256_SPKI_PREFIX.length + 32);
  return spki;
}

/** A positive random 128-bit serial number (RFC 5280 §4.1.2.2: unique per CA, at most 20 octets). */
export function randomSerial(): Uint8Array {
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  return new Uint8Array(serial.buffer, serial.byteOffset, serial.byteLength);
}
