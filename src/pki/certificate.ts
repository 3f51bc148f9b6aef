/**
 * A read-only view of an X.509 certificate (RFC 5280) over its DER bytes: names, validity, key, extensions.
 * Pure (no Node API) so the verifier can run in a browser; it decodes, it does not judge validity.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AuthorityInfoAccessSyntax,
  AuthorityKeyIdentifier,
  BasicConstraints,
  CRLDistributionPoints,
  Certificate,
  CertificatePolicies,
  ExtendedKeyUsage,
  type GeneralName,
  Name,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  UserNotice,
} from '@peculiar/asn1-x509';
import { JusteraError } from '../errors';
import { bytesEqual, contentBytes, elementBytes, readChildren, readElement, readOid, toHex, TAG } from './der';
import { OID } from './oids';
import { pemDecode, pemEncode } from './pem';

export interface NameAttribute {
  oid: string;
  /** Short name (CN, SN, givenName, serialNumber, O, OU, C, L, ST, emailAddress, …) or the OID when unknown. */
  type: string;
  value: string;
  /** Index of the RelativeDistinguishedName it belongs to (several attributes share one in a multi-valued RDN). */
  rdn: number;
}

export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';

const KEY_USAGE_BITS: readonly KeyUsageName[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

export interface CertificatePolicy {
  oid: string;
  cpsUris: string[];
  /** explicitText of every user notice qualifier. */
  userNotices: string[];
}

export interface ExtensionSummary {
  oid: string;
  critical: boolean;
}

const ATTRIBUTE_NAMES: Record<string, string> = {
  [OID.commonName]: 'CN',
  [OID.surname]: 'SN',
  [OID.givenName]: 'givenName',
  [OID.serialNumber]: 'serialNumber',
  [OID.countryName]: 'C',
  [OID.localityName]: 'L',
  '2.5.4.8': 'ST',
  [OID.organizationName]: 'O',
  [OID.organizationalUnitName]: 'OU',
  [OID.organizationIdentifier]: 'organizationIdentifier',
  [OID.emailAddress]: 'emailAddress',
};

/** Decoded certificate; construct with `ParsedCertificate.fromDer` or `fromPem`. */
export class ParsedCertificate {
  readonly der: Uint8Array;
  /** DER of TBSCertificate exactly as signed. */
  readonly tbs: Uint8Array;
  readonly version: number;
  /** Serial number as lowercase hex of its magnitude (no leading zero bytes). */
  readonly serialNumberHex: string;
  /** Content bytes of the serial INTEGER exactly as encoded (for issuerAndSerialNumber comparisons). */
  readonly serialNumberBytes: Uint8Array;
  readonly subject: string;
  readonly issuer: string;
  readonly subjectAttributes: readonly NameAttribute[];
  readonly issuerAttributes: readonly NameAttribute[];
  /** DER of the subject and issuer Name exactly as encoded in the certificate. */
  readonly subjectDer: Uint8Array;
  readonly issuerDer: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly subjectPublicKeyInfo: Uint8Array;
  readonly publicKeyAlgorithmOid: string;
  /** Named curve of an EC key (e.g. 1.2.840.10045.3.1.7 for P-256). */
  readonly namedCurveOid: string | undefined;
  /** Signature algorithm of the outer Certificate (the one that must be checked). */
  readonly signatureAlgorithmOid: string;
  readonly signatureAlgorithmParameters: Uint8Array | undefined;
  readonly signature: Uint8Array;
  readonly extensions: readonly ExtensionSummary[];
  readonly keyUsage: readonly KeyUsageName[] | undefined;
  readonly extendedKeyUsage: { oids: readonly string[]; critical: boolean } | undefined;
  readonly basicConstraints: { ca: boolean; pathLength: number | undefined; critical: boolean } | undefined;
  readonly subjectKeyIdentifier: Uint8Array | undefined;
  readonly authorityKeyIdentifier: Uint8Array | undefined;
  readonly crlDistributionPoints: readonly string[];
  readonly caIssuers: readonly string[];
  readonly certificatePolicies: readonly CertificatePolicy[];
  readonly emailAddresses: readonly string[];

  private constructor(der: Uint8Array) {
    this.der = der;
    let certificate: Certificate;
    try {
      certificate = AsnConvert.parse(der, Certificate);
    } catch (error) {
      throw new JusteraError('ERR_CERTIFICATE_MALFORMED', `not a DER X.509 certificate: ${(error as Error).message}`, { cause: error });
    }
    const tbsFields = certificate.tbsCertificate;
    const slices = sliceTbs(der);
    this.tbs = slices.tbs;
    this.version = tbsFields.version + 1;
    this.serialNumberBytes = slices.serial;
    this.serialNumberHex = serialHex(slices.serial);
    this.subjectDer = slices.subject;
    this.issuerDer = slices.issuer;
    this.subjectPublicKeyInfo = slices.spki;
    this.subjectAttributes = nameAttributes(tbsFields.subject);
    this.issuerAttributes = nameAttributes(tbsFields.issuer);
    this.subject = formatName(this.subjectAttributes);
    this.issuer = formatName(this.issuerAttributes);
    this.notBefore = tbsFields.validity.notBefore.getTime();
    this.notAfter = tbsFields.validity.notAfter.getTime();
    this.publicKeyAlgorithmOid = tbsFields.subjectPublicKeyInfo.algorithm.algorithm;
    const keyParameters = tbsFields.subjectPublicKeyInfo.algorithm.parameters;
    this.namedCurveOid =
      this.publicKeyAlgorithmOid === OID.ecPublicKey && keyParameters ? readOid(new Uint8Array(keyParameters)) : undefined;
    this.signatureAlgorithmOid = certificate.signatureAlgorithm.algorithm;
    const signatureParameters = certificate.signatureAlgorithm.parameters;
    this.signatureAlgorithmParameters = signatureParameters ? new Uint8Array(signatureParameters) : undefined;
    this.signature = new Uint8Array(certificate.signatureValue);

    const extensions = tbsFields.extensions ?? [];
    this.extensions = extensions.map((extension) => ({ oid: extension.extnID, critical: extension.critical }));
    const find = (oid: string) => extensions.find((extension) => extension.extnID === oid);
    const value = (oid: string): Uint8Array | undefined => {
      const extension = find(oid);
      return extension ? new Uint8Array(extension.extnValue.buffer) : undefined;
    };
    try {
      const keyUsage = value(OID.keyUsage);
      this.keyUsage = keyUsage ? decodeKeyUsage(keyUsage) : undefined;
      const eku = find(OID.extKeyUsage);
      this.extendedKeyUsage = eku
        ? { oids: [...AsnConvert.parse(eku.extnValue.buffer, ExtendedKeyUsage)], critical: eku.critical }
        : undefined;
      const basic = find(OID.basicConstraints);
      if (basic) {
        const parsed = AsnConvert.parse(basic.extnValue.buffer, BasicConstraints);
        this.basicConstraints = { ca: parsed.cA, pathLength: parsed.pathLenConstraint, critical: basic.critical };
      } else {
        this.basicConstraints = undefined;
      }
      const ski = value(OID.subjectKeyIdentifier);
      this.subjectKeyIdentifier = ski ? new Uint8Array(AsnConvert.parse(ski, SubjectKeyIdentifier).buffer) : undefined;
      const aki = value(OID.authorityKeyIdentifier);
      const akiKeyId = aki ? AsnConvert.parse(aki, AuthorityKeyIdentifier).keyIdentifier : undefined;
      this.authorityKeyIdentifier = akiKeyId ? new Uint8Array(akiKeyId.buffer) : undefined;
      const crlDp = value(OID.cRLDistributionPoints);
      this.crlDistributionPoints = crlDp
        ? AsnConvert.parse(crlDp, CRLDistributionPoints).flatMap((point) => uris(point.distributionPoint?.fullName ?? []))
        : [];
      const aia = value(OID.authorityInfoAccess);
      this.caIssuers = aia
        ? AsnConvert.parse(aia, AuthorityInfoAccessSyntax)
            .filter((access) => access.accessMethod === OID.caIssuers)
            .flatMap((access) => uris([access.accessLocation]))
        : [];
      const policies = value(OID.certificatePolicies);
      this.certificatePolicies = policies ? decodePolicies(policies) : [];
      const san = value(OID.subjectAltName);
      this.emailAddresses = san
        ? AsnConvert.parse(san, SubjectAlternativeName).flatMap((name) => (name.rfc822Name ? [name.rfc822Name] : []))
        : [];
    } catch (error) {
      if (error instanceof JusteraError) throw error;
      throw new JusteraError('ERR_CERTIFICATE_MALFORMED', `certificate of "${this.subject}" has a malformed extension: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  static fromDer(der: Uint8Array): ParsedCertificate {
    return new ParsedCertificate(der);
  }

  /** The first CERTIFICATE block of a PEM text. */
  static fromPem(pem: string): ParsedCertificate {
    try {
      return new ParsedCertificate(pemDecode(pem, 'CERTIFICATE'));
    } catch (error) {
      if (error instanceof JusteraError) throw error;
      throw new JusteraError('ERR_CERTIFICATE_MALFORMED', (error as Error).message, { cause: error });
    }
  }

  toPem(): string {
    return pemEncode('CERTIFICATE', this.der);
  }

  /** Subject and issuer names are the same (RFC 5280 §6.1): a root, or a self-issued key rollover certificate. */
  get isSelfIssued(): boolean {
    return bytesEqual(this.subjectDer, this.issuerDer);
  }

  /** The value of the first subject attribute with this OID (see `OID` in oids.ts). */
  subjectAttribute(oid: string): string | undefined {
    return this.subjectAttributes.find((attribute) => attribute.oid === oid)?.value;
  }

  /** True at `time` when notBefore <= time <= notAfter (RFC 5280 §4.1.2.5: both bounds inclusive). */
  isValidAt(time: Date): boolean {
    return time.getTime() >= this.notBefore.getTime() && time.getTime() <= this.notAfter.getTime();
  }
}

/**
 * Issuer Name DER and serial INTEGER content of a certificate by slicing its DER, without decoding the
 * rest (for CMS IssuerAndSerialNumber and ESS IssuerSerial, which must copy them exactly).
 */
export function readIssuerAndSerial(der: Uint8Array): { issuerDer: Uint8Array; serialNumberBytes: Uint8Array } {
  try {
    const slices = sliceTbs(der);
    return { issuerDer: slices.issuer, serialNumberBytes: slices.serial };
  } catch (error) {
    if (error instanceof JusteraError) throw error;
    throw new JusteraError('ERR_CERTIFICATE_MALFORMED', `not a DER X.509 certificate: ${(error as Error).message}`, { cause: error });
  }
}

interface TbsSlices {
  tbs: Uint8Array;
  serial: Uint8Array;
  issuer: Uint8Array;
  subject: Uint8Array;
  spki: Uint8Array;
}

/** Byte-exact slices of the TBSCertificate fields that are compared or hashed later. */
function sliceTbs(der: Uint8Array): TbsSlices {
  const outer = readElement(der, 0);
  const tbsElement = readChildren(der, outer)[0]!;
  const fields = readChildren(der, tbsElement);
  const shift = fields[0]!.tag === 0xa0 ? 1 : 0;
  const at = (index: number) => {
    const element = fields[index + shift];
    if (!element) throw new JusteraError('ERR_CERTIFICATE_MALFORMED', 'TBSCertificate has too few fields');
    return element;
  };
  return {
    tbs: elementBytes(der, tbsElement),
    serial: contentBytes(der, at(0)),
    issuer: elementBytes(der, at(2)),
    subject: elementBytes(der, at(4)),
    spki: elementBytes(der, at(5)),
  };
}

function serialHex(content: Uint8Array): string {
  let start = 0;
  while (start < content.length - 1 && content[start] === 0) start++;
  return toHex(content.subarray(start));
}

function nameAttributes(name: Name): NameAttribute[] {
  return name.flatMap((rdn, index) =>
    rdn.map((attribute) => ({
      oid: attribute.type,
      type: ATTRIBUTE_NAMES[attribute.type] ?? attribute.type,
      value: attribute.value.toString(),
      rdn: index,
    })),
  );
}

/** RFC 4514 string: most specific RDN first, multi-valued RDNs joined by "+", special characters escaped. */
export function formatName(attributes: readonly NameAttribute[]): string {
  const rdns: string[][] = [];
  for (const attribute of attributes) (rdns[attribute.rdn] ??= []).push(`${attribute.type}=${escapeNameValue(attribute.value)}`);
  return rdns
    .filter((rdn) => rdn !== undefined)
    .reverse()
    .map((rdn) => rdn.join('+'))
    .join(',');
}

function escapeNameValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (char) => `\\${char}`)
    .replace(/^[ #]/, (char) => `\\${char}`)
    .replace(/ $/, '\\ ');
}

function decodeKeyUsage(value: Uint8Array): KeyUsageName[] {
  const element = readElement(value, 0);
  if (element.tag !== TAG.BIT_STRING || element.end - element.contentStart < 1) {
    throw new JusteraError('ERR_CERTIFICATE_MALFORMED', 'keyUsage is not a BIT STRING');
  }
  const bits = value.subarray(element.contentStart + 1, element.end);
  return KEY_USAGE_BITS.filter((_, index) => {
    const byte = bits[index >> 3];
    return byte !== undefined && (byte & (0x80 >> (index & 7))) !== 0;
  });
}

function decodePolicies(value: Uint8Array): CertificatePolicy[] {
  return AsnConvert.parse(value, CertificatePolicies).map((policy) => {
    const cpsUris: string[] = [];
    const userNotices: string[] = [];
    for (const qualifier of policy.policyQualifiers ?? []) {
      if (qualifier.policyQualifierId === OID.qtCps) {
        cpsUris.push(new TextDecoder().decode(contentBytes(new Uint8Array(qualifier.qualifier), readElement(new Uint8Array(qualifier.qualifier)))));
      } else if (qualifier.policyQualifierId === OID.qtUserNotice) {
        const notice = AsnConvert.parse(qualifier.qualifier, UserNotice);
        if (notice.explicitText) userNotices.push(notice.explicitText.toString());
      }
    }
    return { oid: policy.policyIdentifier, cpsUris, userNotices };
  });
}

function uris(names: readonly GeneralName[]): string[] {
  return names.flatMap((name) => (name.uniformResourceIdentifier ? [name.uniformResourceIdentifier] : []));
}
