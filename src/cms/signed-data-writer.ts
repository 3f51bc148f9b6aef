/**
 * Writes a CMS SignedData (RFC 5652 §5) with exactly one SignerInfo identified by issuerAndSerialNumber,
 * signed with a Node KeyObject. Assembled from DER pieces so embedded certificates and timestamp tokens
 * are copied byte for byte (a decode/re-encode round trip could alter a foreign certificate and break it).
 * Shared by buildSignedData (PAdES signatures) and the built-in TSA (timestamp tokens).
 */
import { createHash, type KeyObject } from 'node:crypto';
import type { DigestAlgorithm } from '../crypto/crypto-provider';
import { readIssuerAndSerial } from '../pki/certificate';
import { TAG, compareBytes, derExplicit, derOctetString, derOid, derSequence, derSetOf, derSmallInteger, tlv } from '../asn1/der';
import { nodeDigestName, signWithKey, signatureAlgorithmFor } from '../crypto/key-signing';
import { OID } from '../asn1/oids';
import { contentTypeAttribute, digestAlgorithmIdentifier, messageDigestAttribute, signingCertificateV2Attribute } from './cms-attributes';

export interface SignedDataInput {
  digestAlgorithm: DigestAlgorithm;
  /** eContentType; id-data for a detached PDF signature, id-ct-TSTInfo for a timestamp token. */
  contentType: string;
  /** Encapsulated content, or undefined for a detached signature. */
  content?: Uint8Array;
  /** Digest of the (detached or encapsulated) content with `digestAlgorithm`. */
  contentDigest: Uint8Array;
  certificate: Uint8Array;
  privateKey: KeyObject;
  /**
   * The signed attributes besides content-type and message-digest, which RFC 5652 §5.3 demands of every
   * SignerInfo with signed attributes and which are written here; the caller's profile chooses the rest
   * (e.g. `essSigningCertificateV2(certificate)`).
   */
  signedAttributes: readonly Uint8Array[];
  /** Certificates placed in SignedData.certificates (normally the signer's and its chain). */
  certificates: readonly Uint8Array[];
  /** Given the signature value, the DER Attributes to attach unsigned (e.g. a signature-time-stamp). */
  unsignedAttributes?: (signature: Uint8Array) => Promise<readonly Uint8Array[]>;
}

export function hash(algorithm: DigestAlgorithm, data: Uint8Array): Uint8Array {
  const digest = createHash(nodeDigestName(algorithm)).update(data).digest();
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
}

/** ESS signing-certificate-v2 (RFC 5035) naming `certificate` by its SHA-256 and issuerSerial. */
export function essSigningCertificateV2(certificate: Uint8Array): Uint8Array {
  const { issuerDer, serialNumberBytes } = readIssuerAndSerial(certificate);
  return signingCertificateV2Attribute({ certHash: hash('SHA-256', certificate), hashAlgorithm: 'SHA-256', issuerDer, serialNumberBytes });
}

export async function writeSignedData(input: SignedDataInput): Promise<Uint8Array> {
  const { issuerDer, serialNumberBytes } = readIssuerAndSerial(input.certificate);
  const digestAlgorithm = digestAlgorithmIdentifier(input.digestAlgorithm);
  const signatureAlgorithm = signatureAlgorithmFor(input.privateKey, input.digestAlgorithm);

  // SignedAttributes is a SET OF: the signature covers its DER with tag 0x31 (RFC 5652 §5.4); in the
  // SignerInfo the same content carries the [0] IMPLICIT tag.
  const signedAttributes = derSetOf([contentTypeAttribute(input.contentType), messageDigestAttribute(input.contentDigest), ...input.signedAttributes]);
  const signature = signWithKey(input.privateKey, input.digestAlgorithm, signedAttributes);
  const implicitSignedAttributes = new Uint8Array(signedAttributes);
  implicitSignedAttributes[0] = 0xa0;

  const unsigned = input.unsignedAttributes ? await input.unsignedAttributes(signature) : [];
  const unsignedField = unsigned.length ? [tlv(0xa1, ...[...unsigned].sort(compareBytes))] : [];

  const signerInfo = derSequence(
    derSmallInteger(1),
    derSequence(issuerDer, tlv(TAG.INTEGER, serialNumberBytes)),
    digestAlgorithm,
    implicitSignedAttributes,
    signatureAlgorithm.algorithmIdentifier,
    derOctetString(signature),
    ...unsignedField,
  );
  // RFC 5652 §5.1: version 1 for id-data content with issuerAndSerialNumber and X.509 certificates only, else 3.
  const version = input.contentType === OID.data ? 1 : 3;
  const encapsulated = derSequence(derOid(input.contentType), ...(input.content ? [derExplicit(0, derOctetString(input.content))] : []));
  const certificates = certificateSet(input.certificates);
  const signedData = derSequence(
    derSmallInteger(version),
    derSetOf([digestAlgorithm]),
    encapsulated,
    ...(certificates.length ? [tlv(0xa0, ...certificates)] : []),
    derSetOf([signerInfo]),
  );
  return derSequence(derOid(OID.signedData), derExplicit(0, signedData));
}

/** The certificates SET OF as written: DER order, duplicates dropped. */
export function certificateSet(certificates: readonly Uint8Array[]): Uint8Array[] {
  const sorted = [...certificates].sort(compareBytes);
  return sorted.filter((certificate, index) => index === 0 || compareBytes(certificate, sorted[index - 1]!) !== 0);
}
