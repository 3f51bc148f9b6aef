/**
 * Parses a CMS SignedData ContentInfo (RFC 5652) into plain facts for the verifier: signer infos with
 * their signed attributes decoded and the exact DER SET the signature covers, embedded certificates and
 * CRLs as the bytes they were signed as, the encapsulated content. Pure: it neither hashes nor verifies.
 */
import { BER, DerFormatError, bytesEqual, contentBytes, decodeOid, elementBytes, expectTag, readChildren, readElement, toHex, type DerElement } from '../asn1/der';
import { OID, digestAlgorithmFromOid, type DigestAlgorithm } from '../asn1/oids';
import { JusteraError } from '../errors';

/** Any CMS or RFC 3161 structure that is not what it claims to be: the verifier reports it, never throws it on. */
export class CmsFormatError extends JusteraError {
  constructor(message: string) {
    super('ERR_CMS_MALFORMED', message);
  }
}

/** Runs a CMS reader so that the DER walker's complaints come out as CmsFormatError. */
export function readingCms<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof DerFormatError) throw new CmsFormatError(error.message);
    throw error;
  }
}

/** CMS children as real signers write them (BER indefinite lengths allowed). */
const children = (bytes: Uint8Array, parent: DerElement): DerElement[] => readChildren(bytes, parent, BER);

export { digestAlgorithmFromOid };

export interface AlgorithmIdentifierFacts {
  oid: string;
  /** DER of the parameters unless absent or NULL. */
  parameters?: Uint8Array;
}

/** ESSCertIDv2 (RFC 5035) or ESSCertID (RFC 2634, SHA-1) from a signing-certificate attribute. */
export interface EssCertId {
  hashAlgorithm: DigestAlgorithm | undefined;
  hashAlgorithmOid: string;
  certHash: Uint8Array;
  /** IssuerSerial when present: the issuer Name DER (first directoryName) and the serial as hex. */
  issuerSerial?: { issuerNames: Uint8Array[]; serialHex: string };
}

export interface SignerIdentifierFacts {
  issuerAndSerial?: { issuerDer: Uint8Array; serialHex: string };
  subjectKeyIdentifierHex?: string;
}

export interface SignedAttributesFacts {
  /** The attributes as a DER SET OF (tag 0x31), which is what the signature covers (RFC 5652, 5.4). */
  der: Uint8Array;
  types: string[];
  /** Attribute types present more than once, or with other than exactly one value where RFC 5652 demands one. */
  malformed: string[];
  contentType?: string;
  messageDigest?: Uint8Array;
  signingCertificateV2?: EssCertId[];
  signingCertificateV1?: EssCertId[];
  /** CMS signingTime as found (PAdES baseline forbids it; foreign adbe.pkcs7 signatures carry it). */
  signingTime?: Date;
  /** Adobe's adbe-revocationInfoArchival (ISO 32000-1, 12.8.3.3.2): CRLs and OCSP responses, DER each. */
  revocationInfoArchival?: RevocationData;
}

/** Revocation data as the signer embedded it: DER CertificateLists and DER OCSPResponses. */
export interface RevocationData {
  crls: Uint8Array[];
  ocsps: Uint8Array[];
}

export interface SignerInfoFacts {
  version: number;
  sid: SignerIdentifierFacts;
  digestAlgorithm: AlgorithmIdentifierFacts;
  signedAttributes?: SignedAttributesFacts;
  signatureAlgorithm: AlgorithmIdentifierFacts;
  signature: Uint8Array;
  /** RFC 3161 tokens of the signature-time-stamp unsigned attribute (DER ContentInfo each). */
  signatureTimeStampTokens: Uint8Array[];
  unsignedAttributeTypes: string[];
}

export interface SignedDataFacts {
  /** The ContentInfo exactly, without any padding that followed it. */
  der: Uint8Array;
  version: number;
  digestAlgorithmOids: string[];
  encapsulatedContentType: string;
  /** The eContent octets when the content is attached (RFC 3161 tokens), else undefined (detached). */
  encapsulatedContent?: Uint8Array;
  certificates: Uint8Array[];
  crls: Uint8Array[];
  /** OCSPResponses of RevocationInfoChoices' OtherRevocationInfoFormat id-ri-ocsp-response (RFC 5940, 4.2). */
  ocsps: Uint8Array[];
  signerInfos: SignerInfoFacts[];
}

export interface ParseSignedDataOptions {
  /** /Contents is zero-padded to its reserved size: accept zero bytes after the DER, and nothing else. */
  allowZeroPadding?: boolean;
}

/**
 * @example
 *   const facts = parseSignedData(contentsBytes, { allowZeroPadding: true });
 *   facts.signerInfos.length === 1 && facts.signerInfos[0].signedAttributes?.messageDigest
 */
export function parseSignedData(input: Uint8Array, options: ParseSignedDataOptions = {}): SignedDataFacts {
  return readingCms(() => readSignedData(input, options));
}

function readSignedData(input: Uint8Array, options: ParseSignedDataOptions): SignedDataFacts {
  const outer = expectTag(readElement(input, 0, BER), 0x30, 'ContentInfo');
  for (let i = outer.end; i < input.length; i++) {
    if (!options.allowZeroPadding || input[i] !== 0) throw new CmsFormatError(`bytes after the CMS ContentInfo at offset ${i}`);
  }
  const bytes = input.subarray(0, outer.end);
  const [typeTlv, explicit, ...extra] = children(bytes, outer);
  if (extra.length > 0) throw new CmsFormatError('ContentInfo has extra elements');
  const contentType = decodeOid(bytes, expectTag(typeTlv, 0x06, 'ContentInfo.contentType'));
  if (contentType !== OID.signedData) throw new CmsFormatError(`ContentInfo is ${contentType}, not SignedData`);
  const [signedDataTlv, ...rest] = children(bytes, expectTag(explicit, 0xa0, 'ContentInfo.content'));
  if (rest.length > 0) throw new CmsFormatError('ContentInfo.content has extra elements');
  const parts = children(bytes, expectTag(signedDataTlv, 0x30, 'SignedData'));

  let index = 0;
  const version = readSmallInteger(bytes, parts[index++], 'SignedData.version');
  const digestAlgorithmOids = children(bytes, expectTag(parts[index++], 0x31, 'SignedData.digestAlgorithms')).map(
    (algorithm) => readAlgorithm(bytes, algorithm, 'SignedData.digestAlgorithms').oid,
  );
  const encap = children(bytes, expectTag(parts[index++], 0x30, 'SignedData.encapContentInfo'));
  const encapsulatedContentType = decodeOid(bytes, expectTag(encap[0], 0x06, 'eContentType'));
  let encapsulatedContent: Uint8Array | undefined;
  if (encap.length > 1) {
    const [octets] = children(bytes, expectTag(encap[1], 0xa0, 'eContent'));
    encapsulatedContent = octetString(bytes, octets, 'eContent');
  }
  const certificates: Uint8Array[] = [];
  const crls: Uint8Array[] = [];
  const ocsps: Uint8Array[] = [];
  if (parts[index]?.tag === 0xa0) {
    // Only plain certificates (tag SEQUENCE) are kept; attribute certificates play no part in PAdES.
    for (const choice of children(bytes, parts[index++])) if (choice.tag === 0x30) certificates.push(elementBytes(bytes, choice));
  }
  if (parts[index]?.tag === 0xa1) {
    for (const choice of children(bytes, parts[index++])) {
      if (choice.tag === 0x30) crls.push(elementBytes(bytes, choice));
      else if (choice.tag === 0xa1) ocsps.push(...otherRevocationOcsps(bytes, choice));
    }
  }
  const signerInfos = children(bytes, expectTag(parts[index++], 0x31, 'SignedData.signerInfos')).map((info) => parseSignerInfo(bytes, info));
  if (index !== parts.length) throw new CmsFormatError('SignedData has extra elements');
  return { der: bytes, version, digestAlgorithmOids, encapsulatedContentType, encapsulatedContent, certificates, crls, ocsps, signerInfos };
}

/** OtherRevocationInfoFormat ::= SEQUENCE { otherRevInfoFormat OID, otherRevInfo ANY } ([1] IMPLICIT, RFC 5652 10.2.1). */
function otherRevocationOcsps(bytes: Uint8Array, choice: DerElement): Uint8Array[] {
  const [format, info] = children(bytes, choice);
  return decodeOid(bytes, expectTag(format, 0x06, 'otherRevInfoFormat')) === OID.riOcspResponse && info ? [elementBytes(bytes, info)] : [];
}

/**
 * RevocationInfoArchival ::= SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CRLs OPTIONAL,
 * ocsp [1] EXPLICIT SEQUENCE OF OCSPResponse OPTIONAL, otherRevInfo [2] EXPLICIT ... OPTIONAL } (Adobe).
 */
function readRevocationInfoArchival(bytes: Uint8Array, value: DerElement): RevocationData {
  const data: RevocationData = { crls: [], ocsps: [] };
  for (const part of children(bytes, expectTag(value, 0x30, 'RevocationInfoArchival'))) {
    const target = part.tag === 0xa0 ? data.crls : part.tag === 0xa1 ? data.ocsps : undefined;
    if (!target) continue;
    for (const item of children(bytes, expectTag(children(bytes, part)[0], 0x30, 'RevocationInfoArchival list'))) target.push(elementBytes(bytes, item));
  }
  return data;
}

/** An OCTET STRING, primitive or (BER, X.690 8.7.3) constructed of primitive segments. */
function octetString(bytes: Uint8Array, element: DerElement | undefined, what: string): Uint8Array {
  if (element?.tag === 0x04) return contentBytes(bytes, element);
  const segments = children(bytes, expectTag(element, 0x24, what)).map((segment) => contentBytes(bytes, expectTag(segment, 0x04, `${what} segment`)));
  const out = new Uint8Array(segments.reduce((sum, segment) => sum + segment.length, 0));
  let offset = 0;
  for (const segment of segments) {
    out.set(segment, offset);
    offset += segment.length;
  }
  return out;
}

function parseSignerInfo(bytes: Uint8Array, info: DerElement): SignerInfoFacts {
  const parts = children(bytes, expectTag(info, 0x30, 'SignerInfo'));
  let index = 0;
  const version = readSmallInteger(bytes, parts[index++], 'SignerInfo.version');
  const sidTlv = parts[index++];
  const sid: SignerIdentifierFacts = {};
  if (sidTlv?.tag === 0x30) {
    const [issuer, serial] = children(bytes, sidTlv);
    sid.issuerAndSerial = {
      issuerDer: elementBytes(bytes, expectTag(issuer, 0x30, 'SignerInfo.sid.issuer')),
      serialHex: toHex(contentBytes(bytes, expectTag(serial, 0x02, 'SignerInfo.sid.serialNumber'))),
    };
  } else if (sidTlv?.tag === 0x80) {
    sid.subjectKeyIdentifierHex = toHex(contentBytes(bytes, sidTlv));
  } else {
    throw new CmsFormatError('SignerInfo.sid is neither issuerAndSerialNumber nor subjectKeyIdentifier');
  }
  const digestAlgorithm = readAlgorithm(bytes, parts[index++], 'SignerInfo.digestAlgorithm');
  let signedAttributes: SignedAttributesFacts | undefined;
  if (parts[index]?.tag === 0xa0) signedAttributes = parseSignedAttributes(bytes, parts[index++]);
  const signatureAlgorithm = readAlgorithm(bytes, parts[index++], 'SignerInfo.signatureAlgorithm');
  const signature = contentBytes(bytes, expectTag(parts[index++], 0x04, 'SignerInfo.signature'));
  const signatureTimeStampTokens: Uint8Array[] = [];
  const unsignedAttributeTypes: string[] = [];
  if (parts[index]?.tag === 0xa1) {
    for (const attribute of children(bytes, parts[index++])) {
      const [type, values] = readAttribute(bytes, attribute);
      unsignedAttributeTypes.push(type);
      if (type === OID.signatureTimeStampToken) for (const value of values) signatureTimeStampTokens.push(elementBytes(bytes, value));
    }
  }
  if (index !== parts.length) throw new CmsFormatError('SignerInfo has extra elements');
  return { version, sid, digestAlgorithm, signedAttributes, signatureAlgorithm, signature, signatureTimeStampTokens, unsignedAttributeTypes };
}

function parseSignedAttributes(bytes: Uint8Array, implicitSet: DerElement): SignedAttributesFacts {
  // RFC 5652, 5.4: the signature covers the DER of the SET OF, i.e. the [0] IMPLICIT bytes with tag 0x31.
  // A copy even when `bytes` is a Buffer (Buffer#slice is a view, and the caller's bytes must stay intact).
  if (implicitSet.indefinite) throw new CmsFormatError('signed attributes must be DER (definite length)');
  const der = new Uint8Array(elementBytes(bytes, implicitSet));
  der[0] = 0x31;
  const facts: SignedAttributesFacts = { der, types: [], malformed: [] };
  for (const attribute of children(bytes, implicitSet)) {
    const [type, values] = readAttribute(bytes, attribute);
    if (facts.types.includes(type)) facts.malformed.push(type);
    facts.types.push(type);
    if (type === OID.contentType || type === OID.messageDigest || type === OID.signingTime ||
        type === OID.signingCertificateV2 || type === OID.signingCertificate) {
      if (values.length !== 1) {
        facts.malformed.push(type);
        continue;
      }
    }
    const [value] = values;
    if (type === OID.contentType) facts.contentType = decodeOid(bytes, value);
    else if (type === OID.messageDigest) facts.messageDigest = contentBytes(bytes, expectTag(value, 0x04, 'message-digest'));
    else if (type === OID.signingTime) facts.signingTime = readTime(bytes, value);
    else if (type === OID.signingCertificateV2) facts.signingCertificateV2 = readSigningCertificate(bytes, value, true);
    else if (type === OID.signingCertificate) facts.signingCertificateV1 = readSigningCertificate(bytes, value, false);
    else if (type === OID.adbeRevocationInfoArchival && value) facts.revocationInfoArchival = readRevocationInfoArchival(bytes, value);
  }
  return facts;
}

function readAttribute(bytes: Uint8Array, attribute: DerElement): [string, DerElement[]] {
  const [type, values, ...extra] = children(bytes, expectTag(attribute, 0x30, 'Attribute'));
  if (extra.length > 0) throw new CmsFormatError('Attribute has extra elements');
  return [decodeOid(bytes, type), children(bytes, expectTag(values, 0x31, 'Attribute.attrValues'))];
}

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies ... OPTIONAL } (RFC 5035, 3). */
function readSigningCertificate(bytes: Uint8Array, value: DerElement, v2: boolean): EssCertId[] {
  const [certs] = children(bytes, expectTag(value, 0x30, 'SigningCertificate'));
  return children(bytes, expectTag(certs, 0x30, 'SigningCertificate.certs')).map((certId) => {
    const parts = children(bytes, expectTag(certId, 0x30, 'ESSCertID'));
    let index = 0;
    // ESSCertIDv2.hashAlgorithm DEFAULT id-sha256; ESSCertID is always SHA-1.
    let hashAlgorithmOid: string = v2 ? OID.sha256 : OID.sha1;
    if (v2 && parts[index]?.tag === 0x30) hashAlgorithmOid = readAlgorithm(bytes, parts[index++], 'ESSCertIDv2.hashAlgorithm').oid;
    const certHash = contentBytes(bytes, expectTag(parts[index++], 0x04, 'ESSCertID.certHash'));
    let issuerSerial: EssCertId['issuerSerial'];
    if (parts[index]?.tag === 0x30) {
      const [names, serial] = children(bytes, parts[index++]);
      const issuerNames = children(bytes, expectTag(names, 0x30, 'IssuerSerial.issuer'))
        .filter((general) => general.tag === 0xa4)
        .map((general) => elementBytes(bytes, expectTag(children(bytes, general)[0], 0x30, 'directoryName')));
      issuerSerial = { issuerNames, serialHex: toHex(contentBytes(bytes, expectTag(serial, 0x02, 'IssuerSerial.serialNumber'))) };
    }
    return { hashAlgorithm: digestAlgorithmFromOid(hashAlgorithmOid), hashAlgorithmOid, certHash, issuerSerial };
  });
}

export function readAlgorithm(bytes: Uint8Array, element: DerElement | undefined, what: string): AlgorithmIdentifierFacts {
  const [oid, parameters] = children(bytes, expectTag(element, 0x30, what));
  const facts: AlgorithmIdentifierFacts = { oid: decodeOid(bytes, expectTag(oid, 0x06, `${what}.algorithm`)) };
  if (parameters && parameters.tag !== 0x05) facts.parameters = elementBytes(bytes, parameters);
  return facts;
}

function readSmallInteger(bytes: Uint8Array, element: DerElement | undefined, what: string): number {
  const body = contentBytes(bytes, expectTag(element, 0x02, what));
  if (body.length === 0 || body.length > 4) throw new CmsFormatError(`${what} is not a small integer`);
  let value = 0;
  for (const byte of body) value = value * 256 + byte;
  return value;
}

/** UTCTime (RFC 5280 4.1.2.5.1 window) or GeneralizedTime, Zulu only. */
export function readTime(bytes: Uint8Array, element: DerElement): Date {
  const text = String.fromCharCode(...contentBytes(bytes, element));
  const match =
    element.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
    : element.tag === 0x18 ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,9}))?Z$/.exec(text)
    : null;
  if (!match) throw new CmsFormatError(`not a UTC/GeneralizedTime: ${JSON.stringify(text.slice(0, 40))}`);
  let year = Number(match[1]);
  if (element.tag === 0x17) year += year >= 50 ? 1900 : 2000;
  const millis = element.tag === 0x18 && match[7] ? Number(`0.${match[7]}`) * 1000 : 0;
  return new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6]), millis));
}

/** Whether `certificateIssuerDer`/`serialHex` is the certificate an IssuerSerial or sid names. */
export function sameIssuerSerial(a: { issuerDer: Uint8Array; serialHex: string }, b: { issuerDer: Uint8Array; serialHex: string }): boolean {
  return a.serialHex === b.serialHex && bytesEqual(a.issuerDer, b.issuerDer);
}
