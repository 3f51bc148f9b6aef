/**
 * A read-only view of an X.509 certificate (RFC 5280) over its DER bytes: names, validity, key, extensions.
 * Pure (no Node API) so the verifier can run in a browser; it decodes, it does not judge validity.
 * Decoded on the DER walker rather than @peculiar/asn1-x509: the verifier reads a dozen certificates per
 * document within a few milliseconds, the generic decoder takes ~10× longer, and the exact bytes of names,
 * TBS and key must be kept anyway. Strict: non-minimal lengths, trailing bytes and duplicate extensions
 * are refused.
 */
import { JusteraError } from '../errors';
import { bytesEqual, contentBytes, elementBytes, readChildren, readElement, readOid, toHex, TAG, type DerElement } from '../asn1/der';
import { DerCache } from '../asn1/der-cache';
import { OID } from '../asn1/oids';
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

/** The KeyUsage BIT STRING's named bits, index = bit number (RFC 5280 §4.2.1.3); shared by reader and writer. */
export const KEY_USAGE_BITS: readonly KeyUsageName[] = [
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
    const malformed = (message: string) => new JusteraError('ERR_CERTIFICATE_MALFORMED', message);
    let fields: CertificateFields;
    try {
      fields = decodeCertificate(der);
    } catch (error) {
      if (error instanceof JusteraError) throw error;
      throw malformed(`not a DER X.509 certificate: ${(error as Error).message}`);
    }
    this.tbs = fields.tbs;
    this.version = fields.version;
    this.serialNumberBytes = fields.serial;
    this.serialNumberHex = serialHex(fields.serial);
    this.subjectDer = fields.subject;
    this.issuerDer = fields.issuer;
    this.subjectPublicKeyInfo = fields.spki;
    this.subjectAttributes = fields.subjectAttributes;
    this.issuerAttributes = fields.issuerAttributes;
    this.subject = formatName(this.subjectAttributes);
    this.issuer = formatName(this.issuerAttributes);
    this.notBefore = fields.notBefore;
    this.notAfter = fields.notAfter;
    this.publicKeyAlgorithmOid = fields.publicKeyAlgorithm.oid;
    this.namedCurveOid =
      fields.publicKeyAlgorithm.oid === OID.ecPublicKey && fields.publicKeyAlgorithm.parameters
        ? readOid(fields.publicKeyAlgorithm.parameters)
        : undefined;
    this.signatureAlgorithmOid = fields.signatureAlgorithm.oid;
    this.signatureAlgorithmParameters = fields.signatureAlgorithm.parameters;
    this.signature = fields.signature;

    const extensions = fields.extensions;
    this.extensions = extensions.map(({ oid, critical }) => ({ oid, critical }));
    const find = (oid: string) => extensions.find((extension) => extension.oid === oid);
    let current = '';
    const decode = <T>(oid: string, decoder: (value: Uint8Array) => T): T | undefined => {
      const extension = find(oid);
      current = oid;
      return extension ? decoder(extension.value) : undefined;
    };
    try {
      this.keyUsage = decode(OID.keyUsage, decodeKeyUsage);
      const eku = decode(OID.extKeyUsage, (value) => sequenceOf(value).map((element) => oidOf(value, element)));
      this.extendedKeyUsage = eku ? { oids: eku, critical: find(OID.extKeyUsage)!.critical } : undefined;
      const basic = decode(OID.basicConstraints, decodeBasicConstraints);
      this.basicConstraints = basic ? { ...basic, critical: find(OID.basicConstraints)!.critical } : undefined;
      this.subjectKeyIdentifier = decode(OID.subjectKeyIdentifier, (value) => contentBytes(value, expect(value, readElement(value), TAG.OCTET_STRING, 'SubjectKeyIdentifier')));
      this.authorityKeyIdentifier = decode(OID.authorityKeyIdentifier, decodeAuthorityKeyId);
      this.crlDistributionPoints = decode(OID.cRLDistributionPoints, decodeCrlDistributionPoints) ?? [];
      this.caIssuers = decode(OID.authorityInfoAccess, decodeCaIssuers) ?? [];
      this.certificatePolicies = decode(OID.certificatePolicies, decodePolicies) ?? [];
      this.emailAddresses = decode(OID.subjectAltName, (value) => generalNames(value, readElement(value), 0x81)) ?? [];
    } catch (error) {
      throw malformed(`certificate of "${this.subject}" has a malformed extension ${current}: ${(error as Error).message}`);
    }
  }

  /**
   * Shared by DER: the signing service reads the certificates it embeds and then verifies the document
   * that carries them, and a batch of documents carries the same CA and TSA certificates over and over.
   */
  static fromDer(der: Uint8Array): ParsedCertificate {
    return ParsedCertificate.parsed.get(der);
  }

  /** ParsedCertificate is immutable, so one object serves every holder of the same bytes. */
  private static readonly parsed = new DerCache<ParsedCertificate>(1024, (der) => new ParsedCertificate(der));


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

  /** RFC 3161 §2.3: a TSA certificate has exactly one extended key usage, id-kp-timeStamping, marked critical. */
  get isTimeStampingCertificate(): boolean {
    const eku = this.extendedKeyUsage;
    return !!eku && eku.critical && eku.oids.length === 1 && eku.oids[0] === OID.kpTimeStamping;
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
    const outer = readElement(der, 0);
    const tbs = readChildren(der, outer)[0];
    if (!tbs) throw new RangeError('empty Certificate');
    const fields = readChildren(der, tbs);
    const shift = fields[0]?.tag === 0xa0 ? 1 : 0;
    const serial = fields[shift];
    const issuer = fields[shift + 2];
    if (!serial || serial.tag !== TAG.INTEGER || !issuer || issuer.tag !== TAG.SEQUENCE) throw new RangeError('TBSCertificate without serial or issuer');
    return { issuerDer: elementBytes(der, issuer), serialNumberBytes: contentBytes(der, serial) };
  } catch (error) {
    throw new JusteraError('ERR_CERTIFICATE_MALFORMED', `not a DER X.509 certificate: ${(error as Error).message}`, { cause: error });
  }
}

interface AlgorithmFields {
  oid: string;
  /** Parameters DER unless absent (NULL is kept: RSA signature algorithms carry it). */
  parameters: Uint8Array | undefined;
}

interface ExtensionFields {
  oid: string;
  critical: boolean;
  value: Uint8Array;
}

interface CertificateFields {
  tbs: Uint8Array;
  version: number;
  serial: Uint8Array;
  issuer: Uint8Array;
  subject: Uint8Array;
  issuerAttributes: NameAttribute[];
  subjectAttributes: NameAttribute[];
  notBefore: Date;
  notAfter: Date;
  spki: Uint8Array;
  publicKeyAlgorithm: AlgorithmFields;
  signatureAlgorithm: AlgorithmFields;
  signature: Uint8Array;
  extensions: ExtensionFields[];
}

function expect(bytes: Uint8Array, element: DerElement | undefined, tag: number, what: string): DerElement {
  if (!element || element.tag !== tag) {
    throw new RangeError(`${what}: expected tag 0x${tag.toString(16)}, found ${element ? `0x${element.tag.toString(16)}` : 'nothing'}`);
  }
  if (element.end > bytes.length) throw new RangeError(`${what} runs past the end`);
  return element;
}

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue } (RFC 5280 §4.1). */
function decodeCertificate(der: Uint8Array): CertificateFields {
  const outer = expect(der, readElement(der, 0), TAG.SEQUENCE, 'Certificate');
  if (outer.end !== der.length) throw new RangeError(`${der.length - outer.end} bytes after the certificate`);
  const [tbsElement, signatureAlgorithmElement, signatureElement, extra] = readChildren(der, outer);
  if (extra) throw new RangeError('Certificate has more than three fields');
  expect(der, tbsElement, TAG.SEQUENCE, 'TBSCertificate');
  const signatureBits = contentBytes(der, expect(der, signatureElement, TAG.BIT_STRING, 'signatureValue'));
  if (signatureBits[0] !== 0) throw new RangeError('signatureValue has unused bits');

  const fields = readChildren(der, tbsElement!);
  let index = 0;
  let version = 1;
  if (fields[0]?.tag === 0xa0) {
    const versionElement = expect(der, readChildren(der, fields[0])[0], TAG.INTEGER, 'version');
    version = integer(der, versionElement) + 1;
    index++;
  }
  const serial = expect(der, fields[index++], TAG.INTEGER, 'serialNumber');
  const innerAlgorithm = algorithm(der, fields[index++], 'TBSCertificate.signature');
  const issuer = expect(der, fields[index++], TAG.SEQUENCE, 'issuer');
  const validity = expect(der, fields[index++], TAG.SEQUENCE, 'validity');
  const subject = expect(der, fields[index++], TAG.SEQUENCE, 'subject');
  const spki = expect(der, fields[index++], TAG.SEQUENCE, 'subjectPublicKeyInfo');
  const [notBefore, notAfter] = readChildren(der, validity).map((time) => decodeTime(der, time));
  if (!notBefore || !notAfter) throw new RangeError('validity needs notBefore and notAfter');
  const [keyAlgorithm] = readChildren(der, spki);
  const extensions: ExtensionFields[] = [];
  for (; index < fields.length; index++) {
    const field = fields[index]!;
    if (field.tag === 0x81 || field.tag === 0x82) continue; // issuerUniqueID, subjectUniqueID
    if (field.tag !== 0xa3 || index !== fields.length - 1) throw new RangeError(`unexpected field 0x${field.tag.toString(16)} in TBSCertificate`);
    const list = expect(der, readChildren(der, field)[0], TAG.SEQUENCE, 'extensions');
    for (const extension of readChildren(der, list)) {
      const parts = readChildren(der, expect(der, extension, TAG.SEQUENCE, 'Extension'));
      const oid = oidOf(der, expect(der, parts[0], TAG.OID, 'extnID'));
      const critical = parts.length === 3 ? contentBytes(der, expect(der, parts[1], TAG.BOOLEAN, 'critical'))[0] === 0xff : false;
      const value = expect(der, parts[parts.length - 1], TAG.OCTET_STRING, 'extnValue');
      if (parts.length < 2 || parts.length > 3) throw new RangeError(`extension ${oid} has ${parts.length} fields`);
      // RFC 5280 §4.2: a certificate MUST NOT include more than one instance of a particular extension.
      if (extensions.some((seen) => seen.oid === oid)) throw new RangeError(`extension ${oid} appears twice`);
      extensions.push({ oid, critical, value: contentBytes(der, value) });
    }
  }
  const signatureAlgorithm = algorithm(der, signatureAlgorithmElement, 'signatureAlgorithm');
  if (!bytesEqual(elementBytes(der, signatureAlgorithmElement!), elementBytes(der, fields[version === 1 ? 1 : 2]!))) {
    // RFC 5280 §4.1.1.2: the field MUST contain the same algorithm identifier as the signature field in the TBS.
    throw new RangeError(`signatureAlgorithm ${signatureAlgorithm.oid} differs from the TBSCertificate's ${innerAlgorithm.oid}`);
  }
  return {
    tbs: elementBytes(der, tbsElement!),
    version,
    serial: contentBytes(der, serial),
    issuer: elementBytes(der, issuer),
    subject: elementBytes(der, subject),
    issuerAttributes: decodeName(der, issuer),
    subjectAttributes: decodeName(der, subject),
    notBefore,
    notAfter,
    spki: elementBytes(der, spki),
    publicKeyAlgorithm: algorithm(der, keyAlgorithm, 'subjectPublicKeyInfo.algorithm'),
    signatureAlgorithm,
    signature: signatureBits.subarray(1),
    extensions,
  };
}

function algorithm(bytes: Uint8Array, element: DerElement | undefined, what: string): AlgorithmFields {
  const parts = readChildren(bytes, expect(bytes, element, TAG.SEQUENCE, what));
  const oid = oidOf(bytes, expect(bytes, parts[0], TAG.OID, `${what}.algorithm`));
  if (parts.length > 2) throw new RangeError(`${what} has ${parts.length} fields`);
  return { oid, parameters: parts[1] ? elementBytes(bytes, parts[1]) : undefined };
}

function oidOf(bytes: Uint8Array, element: DerElement): string {
  const oid = readOid(bytes, element.start);
  if (oid === undefined) throw new RangeError('expected an OBJECT IDENTIFIER');
  return oid;
}

function integer(bytes: Uint8Array, element: DerElement): number {
  let value = 0;
  for (const byte of contentBytes(bytes, element)) value = value * 256 + byte;
  return value;
}

/** UTCTime (YYMMDDHHMMSSZ, 1950–2049) or GeneralizedTime (YYYYMMDDHHMMSS[.fff]Z), as DER requires (X.690 §11.7–11.8). */
function decodeTime(bytes: Uint8Array, element: DerElement): Date {
  const text = latin1(contentBytes(bytes, element));
  let match: RegExpExecArray | null;
  let year: number;
  if (element.tag === TAG.UTC_TIME && (match = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text))) {
    year = Number(match[1]) < 50 ? 2000 + Number(match[1]) : 1900 + Number(match[1]);
  } else if (element.tag === TAG.GENERALIZED_TIME && (match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d*[1-9])?Z$/.exec(text))) {
    year = Number(match[1]);
  } else {
    throw new RangeError(`"${text}" is not a DER UTCTime or GeneralizedTime`);
  }
  const [, , month, day, hour, minute, second] = match.map(Number);
  const fraction = /\.(\d+)Z$/.exec(text);
  const time = Date.UTC(year, month! - 1, day, hour, minute, second, fraction ? Math.floor(Number(`0.${fraction[1]}`) * 1000) : 0);
  return new Date(time);
}

function decodeName(bytes: Uint8Array, name: DerElement): NameAttribute[] {
  const attributes: NameAttribute[] = [];
  readChildren(bytes, name).forEach((rdn, index) => {
    for (const pair of readChildren(bytes, expect(bytes, rdn, TAG.SET, 'RelativeDistinguishedName'))) {
      const [type, value] = readChildren(bytes, expect(bytes, pair, TAG.SEQUENCE, 'AttributeTypeAndValue'));
      const oid = oidOf(bytes, expect(bytes, type, TAG.OID, 'AttributeType'));
      if (!value) throw new RangeError(`attribute ${oid} has no value`);
      attributes.push({ oid, type: ATTRIBUTE_NAMES[oid] ?? oid, value: directoryString(bytes, value), rdn: index });
    }
  });
  return attributes;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const UTF16BE = new TextDecoder('utf-16be', { fatal: true });

/** The text of a DirectoryString / DisplayText; any other type as "#" + hex of its DER (RFC 4514 §2.4). */
function directoryString(bytes: Uint8Array, element: DerElement): string {
  const content = contentBytes(bytes, element);
  switch (element.tag) {
    case TAG.UTF8_STRING:
      return UTF8.decode(content);
    case 0x12: // NumericString
    case 0x13: // PrintableString
    case 0x14: // TeletexString (T.61; read as Latin-1, which covers what is used in practice)
    case 0x16: // IA5String
    case 0x1a: // VisibleString
      return latin1(content);
    case 0x1e: // BMPString: UTF-16BE
      return UTF16BE.decode(content);
    case 0x1c: {
      // UniversalString: UTF-32BE
      let text = '';
      for (let i = 0; i + 3 < content.length; i += 4) {
        text += String.fromCodePoint(((content[i]! << 24) | (content[i + 1]! << 16) | (content[i + 2]! << 8) | content[i + 3]!) >>> 0);
      }
      return text;
    }
    default:
      return `#${toHex(elementBytes(bytes, element))}`;
  }
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

function serialHex(content: Uint8Array): string {
  let start = 0;
  while (start < content.length - 1 && content[start] === 0) start++;
  return toHex(content.subarray(start));
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
  if (value.startsWith('#') && /^#[0-9a-f]+$/.test(value)) return value;
  return value
    .replace(/[\\,+"<>;=]/g, (char) => `\\${char}`)
    .replace(/^[ #]/, (char) => `\\${char}`)
    .replace(/ $/, '\\ ');
}

/** The elements of a value that is a SEQUENCE OF. */
function sequenceOf(value: Uint8Array): DerElement[] {
  const outer = expect(value, readElement(value), TAG.SEQUENCE, 'SEQUENCE OF');
  if (outer.end !== value.length) throw new RangeError('bytes after the extension value');
  return readChildren(value, outer);
}

function decodeKeyUsage(value: Uint8Array): KeyUsageName[] {
  const bits = contentBytes(value, expect(value, readElement(value), TAG.BIT_STRING, 'KeyUsage'));
  if (bits.length < 1 || bits[0]! > 7) throw new RangeError('KeyUsage BIT STRING has a bad unused-bits count');
  const flags = bits.subarray(1);
  return KEY_USAGE_BITS.filter((_, index) => ((flags[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0);
}

/** BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL } (RFC 5280 §4.2.1.9). */
function decodeBasicConstraints(value: Uint8Array): { ca: boolean; pathLength: number | undefined } {
  let ca = false;
  let pathLength: number | undefined;
  for (const element of sequenceOf(value)) {
    if (element.tag === TAG.BOOLEAN) ca = contentBytes(value, element)[0] === 0xff;
    else if (element.tag === TAG.INTEGER) pathLength = integer(value, element);
    else throw new RangeError(`unexpected tag 0x${element.tag.toString(16)} in BasicConstraints`);
  }
  return { ca, pathLength };
}

/** keyIdentifier [0] of AuthorityKeyIdentifier (RFC 5280 §4.2.1.1). */
function decodeAuthorityKeyId(value: Uint8Array): Uint8Array | undefined {
  const keyId = sequenceOf(value).find((element) => element.tag === 0x80);
  return keyId ? contentBytes(value, keyId) : undefined;
}

/** The GeneralNames of one context tag (0x81 rfc822Name, 0x86 uniformResourceIdentifier) as text. */
function generalNames(value: Uint8Array, names: DerElement, tag: number): string[] {
  return readChildren(value, names)
    .filter((name) => name.tag === tag)
    .map((name) => latin1(contentBytes(value, name)));
}

/** fullName URIs of every DistributionPoint (RFC 5280 §4.2.1.13). */
function decodeCrlDistributionPoints(value: Uint8Array): string[] {
  return sequenceOf(value).flatMap((point) => {
    const name = readChildren(value, expect(value, point, TAG.SEQUENCE, 'DistributionPoint')).find((element) => element.tag === 0xa0);
    const fullName = name ? readChildren(value, name).find((element) => element.tag === 0xa0) : undefined;
    return fullName ? generalNames(value, fullName, 0x86) : [];
  });
}

/** caIssuers URIs of AuthorityInfoAccess (RFC 5280 §4.2.2.1). */
function decodeCaIssuers(value: Uint8Array): string[] {
  return sequenceOf(value).flatMap((access) => {
    const [method, location] = readChildren(value, expect(value, access, TAG.SEQUENCE, 'AccessDescription'));
    if (oidOf(value, expect(value, method, TAG.OID, 'accessMethod')) !== OID.caIssuers || location?.tag !== 0x86) return [];
    return [latin1(contentBytes(value, location))];
  });
}

/** PolicyInformation with CPS URIs and user notice explicit texts (RFC 5280 §4.2.1.4). */
function decodePolicies(value: Uint8Array): CertificatePolicy[] {
  return sequenceOf(value).map((information) => {
    const [identifier, qualifiers] = readChildren(value, expect(value, information, TAG.SEQUENCE, 'PolicyInformation'));
    const policy: CertificatePolicy = { oid: oidOf(value, expect(value, identifier, TAG.OID, 'policyIdentifier')), cpsUris: [], userNotices: [] };
    for (const qualifier of qualifiers ? readChildren(value, expect(value, qualifiers, TAG.SEQUENCE, 'policyQualifiers')) : []) {
      const [qualifierId, content] = readChildren(value, expect(value, qualifier, TAG.SEQUENCE, 'PolicyQualifierInfo'));
      const id = oidOf(value, expect(value, qualifierId, TAG.OID, 'policyQualifierId'));
      if (!content) continue;
      if (id === OID.qtCps) policy.cpsUris.push(directoryString(value, content));
      else if (id === OID.qtUserNotice) {
        const explicitText = readChildren(value, expect(value, content, TAG.SEQUENCE, 'UserNotice')).find((element) => element.tag !== TAG.SEQUENCE);
        if (explicitText) policy.userNotices.push(directoryString(value, explicitText));
      }
    }
    return policy;
  });
}
