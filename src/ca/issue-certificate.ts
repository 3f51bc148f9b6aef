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

/** A positive random 128-bit serial number (RFC 5280 §4.1.2.2: unique per CA, at most 20 octets). */
export function randomSerial(): Uint8Array {
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  return new Uint8Array(serial.buffer, serial.byteOffset, serial.byteLength);
}
