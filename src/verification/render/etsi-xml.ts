/**
 * `--etsi-xml <file>` and `POST /api/v1/verify?format=etsi`: the report in the vocabulary of ETSI TS 119 102-2
 * (validation report, namespace http://uri.etsi.org/19102/v1.2.1#), valid against its published schema (kept
 * in test/fixtures/etsi): per signature its identifier, the validation and best signature time (POE), the
 * signer's document, the signature attributes, the signer, the validation process and the main and sub
 * indication; then the validation objects used (certificates, CRLs, OCSP responses, timestamps), named by
 * their SHA-256 and referenced by id. Text from the PDF is XML-escaped with the characters terminal-safe.ts
 * considers unsafe shown escaped, and characters XML 1.0 cannot carry replaced likewise.
 * Pure string building: part of the verifier core that runs in a browser.
 */
import type { CertificateSummary, Indication, Reason, RevocationSummary, SignatureResult, VerificationReport } from '../model';
import { terminalSafe } from './terminal-safe';

const NS = 'http://uri.etsi.org/19102/v1.2.1#';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const MAIN: Record<Indication, string> = {
  TOTAL_PASSED: 'urn:etsi:019102:mainindication:total-passed',
  TOTAL_FAILED: 'urn:etsi:019102:mainindication:total-failed',
  INDETERMINATE: 'urn:etsi:019102:mainindication:indeterminate',
};
const SUB = 'urn:etsi:019102:subindication:';
const OBJECT_TYPE = { certificate: 'urn:etsi:019102:validationObject:certificate', CRL: 'urn:etsi:019102:validationObject:CRL', OCSP: 'urn:etsi:019102:validationObject:OCSPResponse', timestamp: 'urn:etsi:019102:validationObject:timestamp' };
const POE_VALIDATION = 'urn:etsi:019102:poetype:validation';
const PROCESS = { basic: 'urn:etsi:019102:validationprocess:Basic', ltvm: 'urn:etsi:019102:validationprocess:LTVM', lta: 'urn:etsi:019102:validationprocess:LTA' };
/** Our reason codes, with their technical detail, as AdditionalValidationReportData (TS 119 102-2 allows any URI as its type). */
const REASON = 'urn:justera:verification:reason:';

interface XmlElement {
  name: string;
  attributes?: Record<string, string | undefined>;
  text?: string;
  children?: (XmlElement | undefined)[];
}

// XML 1.0 (2.2) allows neither lone surrogates nor U+FFFE/U+FFFF; terminalSafe has already escaped the controls.
const NOT_XML = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g;

function escape(text: string): string {
  return terminalSafe(text)
    .replace(NOT_XML, (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
    .replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char]!);
}

function serialize(element: XmlElement, indent: string): string {
  const attributes = Object.entries(element.attributes ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escape(value)}"`)
    .join('');
  const children = (element.children ?? []).filter((child): child is XmlElement => child !== undefined);
  if (children.length > 0) return `${indent}<${element.name}${attributes}>\n${children.map((child) => serialize(child, `${indent}  `)).join('')}${indent}</${element.name}>\n`;
  if (element.text !== undefined) return `${indent}<${element.name}${attributes}>${escape(element.text)}</${element.name}>\n`;
  return `${indent}<${element.name}${attributes}/>\n`;
}

const el = (name: string, children: (XmlElement | undefined)[], attributes?: Record<string, string | undefined>): XmlElement => ({ name, children, attributes });
const text = (name: string, value: string, attributes?: Record<string, string | undefined>): XmlElement => ({ name, text: value, attributes });
const ref = (name: string, ids: readonly string[]): XmlElement | undefined => (ids.length > 0 ? { name, attributes: { VOReference: ids.join(' ') } } : undefined);

function base64OfHex(hex: string): string {
  let binary = '';
  for (let i = 0; i + 1 < hex.length; i += 2) binary += String.fromCharCode(Number.parseInt(hex.slice(i, i + 2), 16));
  return btoa(binary);
}

function digest(name: string, sha256Hex: string): XmlElement {
  return el(name, [{ name: 'ds:DigestMethod', attributes: { Algorithm: SHA256 } }, text('ds:DigestValue', base64OfHex(sha256Hex))]);
}

/** xs:dateTime is stricter than what a PDF's /M may decode to: a value that is no ISO 8601 time is left out. */
function dateTime(value: string | undefined): string | undefined {
  return value !== undefined && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value) ? value : undefined;
}

const HEX = /^[0-9a-fA-F]{64}$/;

/** The validation objects of one report, each once (by kind and SHA-256), in the order first used. */
class ValidationObjects {
  private readonly objects = new Map<string, XmlElement>();

  private add(prefix: string, type: string, sha256: string, extra: XmlElement[] = []): string | undefined {
    if (!HEX.test(sha256)) return undefined;
    const id = `${prefix}-${sha256.toLowerCase()}`;
    if (!this.objects.has(id)) this.objects.set(id, el('ValidationObject', [text('ObjectType', type), el('ValidationObjectRepresentation', [digest('DigestAlgAndValue', sha256)]), ...extra], { id }));
    return id;
  }

  certificate(certificate: CertificateSummary): string | undefined {
    return this.add('C', OBJECT_TYPE.certificate, certificate.sha256);
  }

  revocation(data: RevocationSummary): string | undefined {
    return this.add('R', OBJECT_TYPE[data.type], data.sha256);
  }

  /** A timestamp with its genTime as proof of existence (of what it dates). */
  timestamp(sha256: string, genTime: string): string | undefined {
    const time = dateTime(genTime);
    return this.add('T', OBJECT_TYPE.timestamp, sha256, time ? [el('POE', [text('POETime', time), text('TypeOfProof', POE_VALIDATION)])] : []);
  }

  element(): XmlElement | undefined {
    return this.objects.size > 0 ? el('SignatureValidationObjects', [...this.objects.values()]) : undefined;
  }
}

function validationProcess(signature: SignatureResult): string {
  if (signature.level === 'B-LTA') return PROCESS.lta;
  if (signature.level === 'B-T' || signature.level === 'B-LT') return PROCESS.ltvm;
  if (signature.level === 'B-B') return PROCESS.basic;
  if (signature.provenTime?.source === 'document-timestamp') return PROCESS.lta;
  return signature.provenTime ? PROCESS.ltvm : PROCESS.basic;
}

function reasons(problems: readonly Reason[]): XmlElement | undefined {
  if (problems.length === 0) return undefined;
  return el('AdditionalValidationReportData', problems.map((problem) => el('ReportData', [text('Type', `${REASON}${problem.code}`), text('Value', problem.detail ?? '')])));
}

/** The signature's own token: the document timestamp's, or the signature-time-stamp of a CMS signature. */
function timestampId(objects: ValidationObjects, signature: SignatureResult): string | undefined {
  const token = signature.timestamp;
  return token?.sha256 ? objects.timestamp(token.sha256, token.genTime) : undefined;
}

function signatureReport(report: VerificationReport, signature: SignatureResult, index: number, objects: ValidationObjects): XmlElement {
  const isDocumentTimestamp = signature.kind === 'document-timestamp';
  const ownToken = timestampId(objects, signature);
  // Later document timestamps cover this signature; the one whose time is the proven time is its POE.
  const laterDocumentTimestamps = report.signatures.filter((other) => other.kind === 'document-timestamp' && other !== signature && (other.revision ?? 0) > (signature.revision ?? Number.MAX_SAFE_INTEGER));
  const docTimestampIds = laterDocumentTimestamps.map((other) => ({ other, id: timestampId(objects, other) }));
  const proven = signature.provenTime;
  const poeObject = !proven ? undefined
    : proven.source === 'document-timestamp' ? docTimestampIds.find((entry) => entry.other.timestamp?.genTime === proven.time)?.id
    : ownToken;
  const signatureDigest = isDocumentTimestamp ? signature.timestamp?.sha256 : signature.signatureValueSha256;

  const signer = isDocumentTimestamp ? signature.timestamp?.chain?.certificates[0] : signature.signer;
  const signerId = signer ? objects.certificate(signer) : undefined;
  const chain = isDocumentTimestamp ? signature.timestamp?.chain : signature.chain;
  const chainIds = (chain?.certificates ?? []).map((certificate) => objects.certificate(certificate)).filter((id): id is string => id !== undefined);
  // Also used: the TSA's certificates and revocation data behind the signature-time-stamp.
  const tokenChain = isDocumentTimestamp ? undefined : signature.timestamp?.chain;
  const relatedIds = [...new Set([
    ...(chain?.revocationData ?? []).map((data) => objects.revocation(data)),
    ...(tokenChain?.certificates ?? []).map((certificate) => objects.certificate(certificate)),
    ...(tokenChain?.revocationData ?? []).map((data) => objects.revocation(data)),
  ].filter((id): id is string => id !== undefined && !chainIds.includes(id)))];
  const anchorId = chain?.trusted && chainIds.length > 0 ? chainIds[chainIds.length - 1] : undefined;
  const intermediates = chainIds.slice(1, anchorId ? -1 : undefined);

  const signingTime = dateTime(signature.cms?.signingTime ?? signature.claimedTime);
  const byteRange = signature.byteRange && signature.byteRange.every((value) => Number.isSafeInteger(value)) ? signature.byteRange : undefined;
  const attributes = [
    signingTime ? el('SigningTime', [text('Time', signingTime)], { Signed: 'true' }) : undefined,
    signer && signerId && signature.cms && signature.cms.essSigningCertificate !== 'none' && !isDocumentTimestamp
      ? el('SigningCertificate', [ref('AttributeObject', [signerId]), el('CertID', [{ name: 'ds:DigestMethod', attributes: { Algorithm: SHA256 } }, text('ds:DigestValue', base64OfHex(signer.sha256))])], { Signed: 'true' })
      : undefined,
    signature.location ? el('SignatureProductionPlace', [text('AddressString', signature.location)], { Signed: 'true' }) : undefined,
    signature.role ? el('SignerRole', [el('RoleDetails', [text('Role', signature.role.sv), text('EndorsementType', 'claimed')])]) : undefined,
    !isDocumentTimestamp && ownToken && signature.timestamp && dateTime(signature.timestamp.genTime)
      ? el('SignatureTimeStamp', [ref('AttributeObject', [ownToken]), text('TimeStampValue', signature.timestamp.genTime)], { Signed: 'false' })
      : undefined,
    ...docTimestampIds.map(({ other, id }) => (id && other.timestamp && dateTime(other.timestamp.genTime) ? el('DocTimeStamp', [ref('AttributeObject', [id]), text('TimeStampValue', other.timestamp.genTime)], { Signed: 'false' }) : undefined)),
    signature.reason !== undefined ? el('Reason', [text('ReasonElement', signature.reason)], { Signed: 'true' }) : undefined,
    signature.name !== undefined ? el('Name', [text('NameElement', signature.name)], { Signed: 'true' }) : undefined,
    signature.subFilter !== undefined ? el('SubFilter', [text('SubFilterElement', signature.subFilter)], { Signed: 'true' }) : undefined,
    // A list of integers (a simple type): no Signed attribute.
    byteRange ? text('ByteRange', byteRange.join(' ')) : undefined,
  ].filter((element): element is XmlElement => element !== undefined);

  const signerName = isDocumentTimestamp ? signature.timestamp?.tsa : signature.signerNames?.commonName ?? signer?.subject;
  return el('SignatureValidationReport', [
    el('SignatureIdentifier', [
      signatureDigest ? digest('DigestAlgAndValue', signatureDigest) : undefined,
      text('HashOnly', 'false'),
      text('DocHashOnly', 'false'),
      text('DAIdentifier', signature.field),
    ], { id: `S-${index + 1}` }),
    el('ValidationTimeInfo', [
      text('ValidationTime', report.verifiedAt),
      el('BestSignatureTime', [text('POETime', dateTime(proven?.time) ?? report.verifiedAt), text('TypeOfProof', POE_VALIDATION), ref('POEObject', poeObject ? [poeObject] : [])]),
    ]),
    signature.signedBytesSha256 ? el('SignersDocument', [digest('DigestAlgAndValue', signature.signedBytesSha256)]) : undefined,
    attributes.length > 0 ? el('SignatureAttributes', attributes) : undefined,
    signerId ? el('SignerInformation', [ref('SignerCertificate', [signerId]), signerName !== undefined ? text('Signer', signerName) : undefined], { Pseudonym: signature.signerNames?.pseudonym ? 'true' : undefined }) : undefined,
    el('SignatureValidationProcess', [text('SignatureValidationProcessID', validationProcess(signature))]),
    el('SignatureValidationStatus', [
      text('MainIndication', MAIN[signature.indication]),
      signature.subIndication ? text('SubIndication', `${SUB}${signature.subIndication}`) : undefined,
      chainIds.length > 0 || relatedIds.length > 0 || signature.problems.length > 0
        ? el('AssociatedValidationReportData', [
          ref('TrustAnchor', anchorId ? [anchorId] : []),
          chainIds.length > 0 ? el('CertificateChain', [ref('SigningCertificate', [chainIds[0]!]), ...intermediates.map((id) => ref('IntermediateCertificate', [id])), ref('TrustAnchor', anchorId ? [anchorId] : [])]) : undefined,
          ...relatedIds.map((id) => ref('RelatedValidationObject', [id])),
          reasons(signature.problems),
        ])
        : undefined,
    ]),
  ]);
}

/** A document without signatures still gets one report (the schema needs one): its verdict and why. */
function documentOnlyReport(report: VerificationReport): XmlElement {
  return el('SignatureValidationReport', [
    el('SignatureValidationStatus', [
      text('MainIndication', MAIN[report.indication]),
      report.documentProblems.length > 0 ? el('AssociatedValidationReportData', [reasons(report.documentProblems)]) : undefined,
    ]),
  ]);
}

export function renderEtsiXml(report: VerificationReport): string {
  const objects = new ValidationObjects();
  const signatures = report.signatures.map((signature, index) => signatureReport(report, signature, index, objects));
  const root = el('ValidationReport', [...(signatures.length > 0 ? signatures : [documentOnlyReport(report)]), objects.element()], { xmlns: NS, 'xmlns:ds': DS });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root, '')}`;
}
