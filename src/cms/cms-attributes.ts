/**
 * DER encoders for the CMS attributes we sign or attach: content-type and message-digest (RFC 5652 §11),
 * ESS signing-certificate-v2 (RFC 5035 §3), commitment-type-indication (ETSI EN 319 122-1 §5.2.3) and
 * signature-time-stamp (RFC 3161 Appendix A). Pure.
 */
import type { DigestAlgorithm } from '../crypto/crypto-provider';
import { derExplicit, derOctetString, derOid, derSequence, derSetOf, TAG, tlv } from '../asn1/der';
import { DIGEST_OIDS, OID } from '../asn1/oids';

/** Attribute ::= SEQUENCE { attrType OID, attrValues SET OF AttributeValue }. */
export function encodeAttribute(oid: string, values: readonly Uint8Array[]): Uint8Array {
  return derSequence(derOid(oid), derSetOf(values));
}

export function contentTypeAttribute(contentTypeOid: string): Uint8Array {
  return encodeAttribute(OID.contentType, [derOid(contentTypeOid)]);
}

export function messageDigestAttribute(digest: Uint8Array): Uint8Array {
  return encodeAttribute(OID.messageDigest, [derOctetString(digest)]);
}

/** AlgorithmIdentifier of a digest, parameters absent (RFC 5754 §2). */
export function digestAlgorithmIdentifier(algorithm: DigestAlgorithm): Uint8Array {
  return derSequence(derOid(DIGEST_OIDS[algorithm]));
}

export interface EssCertId {
  /** Hash of the whole certificate DER with `hashAlgorithm`. */
  certHash: Uint8Array;
  hashAlgorithm: DigestAlgorithm;
  issuerDer: Uint8Array;
  serialNumberBytes: Uint8Array;
}

/**
 * SigningCertificateV2 with one ESSCertIDv2 including issuerSerial. hashAlgorithm is omitted for SHA-256,
 * its DEFAULT, as DER requires (RFC 5035 §4).
 */
export function signingCertificateV2Attribute(certId: EssCertId): Uint8Array {
  const issuerSerial = derSequence(derSequence(derExplicit(4, certId.issuerDer)), tlv(TAG.INTEGER, certId.serialNumberBytes));
  const essCertId = derSequence(
    ...(certId.hashAlgorithm === 'SHA-256' ? [] : [digestAlgorithmIdentifier(certId.hashAlgorithm)]),
    derOctetString(certId.certHash),
    issuerSerial,
  );
  return encodeAttribute(OID.signingCertificateV2, [derSequence(derSequence(essCertId))]);
}

/** CommitmentTypeIndication ::= SEQUENCE { commitmentTypeId OID, commitmentTypeQualifier … OPTIONAL }, no qualifier. */
export function commitmentTypeIndicationAttribute(commitmentTypeOid: string): Uint8Array {
  return encodeAttribute(OID.commitmentType, [derSequence(derOid(commitmentTypeOid))]);
}

/** Unsigned attribute carrying a TimeStampToken (a DER ContentInfo, copied byte for byte). */
export function signatureTimeStampAttribute(token: Uint8Array): Uint8Array {
  return encodeAttribute(OID.signatureTimeStampToken, [token]);
}
