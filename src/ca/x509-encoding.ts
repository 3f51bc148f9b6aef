/**
 * DER encoders for the X.509 pieces we issue (RFC 5280 §4.1, §4.2, §5): names, extensions, TBSCertificate.
 * Written on the small DER writer rather than @peculiar/asn1-x509 because a per-signature certificate must
 * be issued in well under a millisecond (the library's generic serializer alone takes ~0.5 ms); parsing,
 * and the tests' cross-checks with openssl, go through the library and openssl. Pure: no Node API.
 */
import {
  TAG,
  derBitString,
  derBoolean,
  derCertificateTime,
  derExplicit,
  derNamedBits,
  derOctetString,
  derOid,
  derSequence,
  derSmallInteger,
  derUnsignedInteger,
  derUtf8String,
  tlv,
} from '../asn1/der';
import { KEY_USAGE_BITS, type KeyUsageName } from '../pki/certificate';
import { OID } from '../asn1/oids';

export interface NameEntry {
  oid: string;
  value: string;
}

const PRINTABLE_ONLY = new Set<string>([OID.countryName]);

/** A Name with one attribute per RDN, in the order given (most general first, e.g. C, O, CN). UTF8String
 * except countryName, which RFC 5280 Appendix A fixes as a two-letter PrintableString. */
export function encodeName(entries: readonly NameEntry[]): Uint8Array {
  return derSequence(
    ...entries.map((entry) => {
      const value = PRINTABLE_ONLY.has(entry.oid) ? tlv(0x13, new TextEncoder().encode(entry.value)) : derUtf8String(entry.value);
      return tlv(TAG.SET, derSequence(derOid(entry.oid), value));
    }),
  );
}

/** One Extension (RFC 5280 §4.1): critical is written only when true (DER omits DEFAULT FALSE). */
export function encodeExtension(oid: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical ? derSequence(derOid(oid), derBoolean(true), derOctetString(value)) : derSequence(derOid(oid), derOctetString(value));
}

/** keyUsage, critical (RFC 5280 §4.2.1.3). */
export function keyUsageExtension(usages: readonly KeyUsageName[]): Uint8Array {
  return encodeExtension(OID.keyUsage, true, derNamedBits(usages.map((usage) => KEY_USAGE_BITS.indexOf(usage))));
}

/** basicConstraints, critical (RFC 5280 §4.2.1.9). */
export function basicConstraintsExtension(ca: boolean, pathLength?: number): Uint8Array {
  const parts = ca ? [derBoolean(true), ...(pathLength === undefined ? [] : [derSmallInteger(pathLength)])] : [];
  return encodeExtension(OID.basicConstraints, true, derSequence(...parts));
}

export function subjectKeyIdentifierExtension(keyId: Uint8Array): Uint8Array {
  return encodeExtension(OID.subjectKeyIdentifier, false, derOctetString(keyId));
}

/** authorityKeyIdentifier with keyIdentifier [0] only (RFC 5280 §4.2.1.1). */
export function authorityKeyIdentifierExtension(keyId: Uint8Array): Uint8Array {
  return encodeExtension(OID.authorityKeyIdentifier, false, derSequence(tlv(0x80, keyId)));
}

export function extendedKeyUsageExtension(oids: readonly string[], critical: boolean): Uint8Array {
  return encodeExtension(OID.extKeyUsage, critical, derSequence(...oids.map(derOid)));
}

const uriName = (uri: string) => tlv(0x86, new TextEncoder().encode(uri));

/** cRLDistributionPoints with one fullName URI (RFC 5280 §4.2.1.13). */
export function crlDistributionPointsExtension(url: string): Uint8Array {
  return encodeExtension(OID.cRLDistributionPoints, false, derSequence(derSequence(derExplicit(0, derExplicit(0, uriName(url))))));
}

/** authorityInfoAccess with one caIssuers URI (RFC 5280 §4.2.2.1). */
export function caIssuersExtension(url: string): Uint8Array {
  return encodeExtension(OID.authorityInfoAccess, false, derSequence(derSequence(derOid(OID.caIssuers), uriName(url))));
}

/** certificatePolicies with one policy and, when given, a user notice whose explicitText is a UTF8String. */
export function certificatePolicyExtension(policyOid: string, userNotice?: string): Uint8Array {
  const qualifiers =
    userNotice === undefined ? [] : [derSequence(derSequence(derOid(OID.qtUserNotice), derSequence(derUtf8String(userNotice))))];
  return encodeExtension(OID.certificatePolicies, false, derSequence(derSequence(derOid(policyOid), ...qualifiers)));
}

export function emailSubjectAltNameExtension(email: string): Uint8Array {
  return encodeExtension(OID.subjectAltName, false, derSequence(tlv(0x81, new TextEncoder().encode(email))));
}

export interface TbsCertificateInput {
  serialNumber: Uint8Array;
  /** DER AlgorithmIdentifier of the issuer's signature (must equal the outer one). */
  signatureAlgorithm: Uint8Array;
  issuerName: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  subjectName: Uint8Array;
  subjectPublicKeyInfo: Uint8Array;
  extensions: readonly Uint8Array[];
}

/** TBSCertificate v3 (RFC 5280 §4.1.2). */
export function encodeTbsCertificate(input: TbsCertificateInput): Uint8Array {
  return derSequence(
    derExplicit(0, derSmallInteger(2)),
    derUnsignedInteger(input.serialNumber),
    input.signatureAlgorithm,
    input.issuerName,
    derSequence(derCertificateTime(input.notBefore), derCertificateTime(input.notAfter)),
    input.subjectName,
    input.subjectPublicKeyInfo,
    derExplicit(3, derSequence(...input.extensions)),
  );
}

/** Certificate / CertificateList: SEQUENCE { tbs, signatureAlgorithm, signatureValue BIT STRING }. */
export function encodeSignedStructure(tbs: Uint8Array, signatureAlgorithm: Uint8Array, signature: Uint8Array): Uint8Array {
  return derSequence(tbs, signatureAlgorithm, derBitString(signature));
}
