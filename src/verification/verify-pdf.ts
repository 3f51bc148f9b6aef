/**
 * The verification engine: reads a PDF strictly, gathers the facts of every signature (format, crypto,
 * timestamps, certificate paths, what changed after it), applies the policy and returns the report.
 * A signature that does not verify is a result; only unreadable input throws (PdfFormatError). Pure:
 * hashing and signature checks go through the CryptoProvider, so it can run in a browser too.
 */
import { systemClock, type Clock } from '../clock';
import { toHex } from '../cms/parse-der';
import { OID_DATA } from '../cms/parse-signed-data';
import type { CryptoProvider } from '../crypto/crypto-provider';
import { roleLabel, roleOfField, DOCUMENT_TIMESTAMP_FIELD, SEAL_FIELD } from '../domain/roles';
import { PdfFormatError } from '../errors';
import type { PdfLimits } from '../pdf/limits';
import { listFields } from '../pdf/acroform';
import { PdfDict, PdfRef, PdfStream, PdfString } from '../pdf/objects';
import { PdfFile } from '../pdf/parser';
import { ParsedCertificate } from '../pki/certificate';
import { OID } from '../pki/oids';
import { checkByteRange, type ByteRangeFacts } from './checks/byte-range';
import { checkCmsSignature } from './checks/cms-signature';
import { checkTimestamp, type CheckedTimestamp } from './checks/timestamp';
import { analyseRevision, DEFAULT_ANALYSIS_BUDGET, type DocMdpContext, type RevisionChanges } from './diff/difference-analysis';
import { indexPages, signatureFields, type SignatureField } from './facts/document-structure';
import { readDocumentMetadata } from './facts/metadata';
import type { Indication, Modification, Reason, SignatureFacts, SignatureKind, SignatureResult, VerificationReport } from './model';
import { parseCertificate, validatePath, ValidationContext } from './path/validate-path';
import { judge, padesLevel } from './policy';
import { justeringSentence, signatureSentence } from './sentences';

export interface VerifyPdfOptions {
  /** DER of each trusted root (the keys folder's root and any --trust certificate). */
  trustAnchors: readonly Uint8Array[];
  crypto: CryptoProvider;
  clock?: Clock;
  limits?: Partial<PdfLimits>;
  fileName?: string;
}

interface SignatureRecord {
  field: SignatureField;
  dict?: PdfDict;
  byteRange: ByteRangeFacts;
  facts: SignatureFacts;
  /** The signature-timestamp, or the document timestamp's own token. */
  timestamp?: CheckedTimestamp;
  signer?: ParsedCertificate;
}

const SUPPORTED_SUBFILTERS = new Set(['ETSI.CAdES.detached', 'adbe.pkcs7.detached', 'ETSI.RFC3161']);

/**
 * @example
 *   const report = await verifyPdf(bytes, { trustAnchors: [rootDer], crypto: nodeCryptoProvider });
 *   report.justering.complete && report.indication === 'TOTAL_PASSED'
 */
export async function verifyPdf(bytes: Uint8Array, options: VerifyPdfOptions): Promise<VerificationReport> {
  const now = (options.clock ?? systemClock).now();
  const { crypto } = options;
  const documentProblems: Reason[] = [];
  const sha256 = toHex(await crypto.digest('SHA-256', [bytes]));
  const { structure, appendedFrom, lostSignatures } = openStrictly(bytes, options.limits, documentProblems);
  const { file, fields, validationData } = structure;
  const last = file.revisions.length - 1;
  const contentEnd = trimmedEnd(bytes);

  const anchors = options.trustAnchors.map(parseCertificate);
  const context = new ValidationContext(crypto, anchors);
  const hasDss = validationData !== undefined;
  for (const der of validationData?.certificates ?? []) context.addDer(der);
  if (validationData) context.addRevocationData(validationData);

  // 1. Format facts of every filled signature field.
  const records: SignatureRecord[] = [];
  for (const field of fields) {
    if (field.value === undefined || field.value === null) continue;
    const signatureObject = field.value instanceof PdfRef ? field.value.num : undefined;
    let dict: PdfDict | undefined;
    let byteRange: ByteRangeFacts;
    let facts: SignatureFacts;
    try {
      dict = file.resolveDict(field.value, last);
      byteRange = dict
        ? checkByteRange(file, dict, signatureObject, contentEnd)
        : { coverage: 'UNCLEAR', problems: [{ code: 'SIGNATURE_DICTIONARY_MALFORMED', detail: '/V is not a signature dictionary' }] };
      facts = initialFacts(file, field, dict, byteRange, signatureObject);
    } catch (error) {
      // An unreadable signature dictionary is a failed signature, reported as such.
      if (!(error instanceof PdfFormatError)) throw error;
      dict = undefined;
      byteRange = { coverage: 'UNCLEAR', problems: [{ code: 'SIGNATURE_DICTIONARY_MALFORMED', detail: `the signature dictionary cannot be read: ${error.message}` }] };
      facts = initialFacts(file, field, undefined, byteRange, signatureObject);
    }
    // One signature value must not count for two fields (two required signers satisfied by one signature).
    const sharing = records.find((record) => signatureObject !== undefined && record.facts.signatureObject === signatureObject);
    if (sharing) facts.problems.push({ code: 'SIGNATURE_DICTIONARY_MALFORMED', detail: `the signature dictionary (object ${signatureObject}) is also the value of field "${sharing.field.name}"` });
    records.push({ field, dict, byteRange, facts });
  }
  // Signatures whose revision could not be read are still reported, as failed, so none silently vanishes.
  for (const lost of lostSignatures) {
    if (records.some((record) => record.field.name === lost)) continue;
    const field: SignatureField = { name: lost, dict: new PdfDict(), widgetRefs: [], invisible: true };
    const byteRange: ByteRangeFacts = { coverage: 'UNCLEAR', problems: [{ code: 'UNREADABLE_REVISION', detail: 'the revision that holds this signature cannot be read' }] };
    records.push({ field, byteRange, facts: initialFacts(file, field, undefined, byteRange, undefined) });
  }
  records.sort((a, b) => (a.byteRange.revision ?? Infinity) - (b.byteRange.revision ?? Infinity));

  // 2. Cryptographic facts: the CMS (or the document timestamp's token) and the signature timestamp.
  for (const record of records) await checkCrypto(context, record);

  // 3. DocMDP: only the first signature may certify (ISO 32000-1 12.8.2.2.1; PADES-NOTES certification attacks).
  let docMdp: DocMdpContext | undefined;
  records.forEach((record, index) => {
    if (record.facts.kind !== 'certification') return;
    if (index > 0 || record.byteRange.revision === undefined) {
      record.facts.problems.push({ code: 'DOCMDP_NOT_FIRST', detail: 'a certification (DocMDP) signature must be the first signature of the document' });
    } else {
      docMdp = { permissions: record.facts.docMdpPermissions ?? 2, certifiedRevision: record.byteRange.revision };
    }
  });

  // 4. What came after each signed revision (each later revision analysed once).
  const analyses = new Map<number, RevisionChanges>();
  const budget = { remaining: DEFAULT_ANALYSIS_BUDGET };
  const analysis = (j: number): RevisionChanges => {
    let result = analyses.get(j);
    if (!result) {
      try {
        result = analyseRevision(file, j, docMdp, budget);
      } catch (error) {
        if (!(error instanceof PdfFormatError)) throw error;
        result = { revision: j, added: new Set(), illegal: [{ revision: j + 1, what: 'revision', detail: error.message }] };
      }
      analyses.set(j, result);
    }
    return result;
  };
  for (const record of records) {
    const k = record.byteRange.revision;
    if (k === undefined) continue;
    const modifications: Modification[] = [];
    let addedSomething = false;
    for (let j = k + 1; j <= last; j++) {
      const changes = analysis(j);
      modifications.push(...changes.illegal);
      if (changes.added.size > 0 || changes.illegal.length === 0) addedSomething = true;
    }
    if (appendedFrom !== undefined) {
      modifications.push({ revision: last + 2, what: 'appended bytes', detail: `bytes from offset ${appendedFrom} are not a readable revision (no valid xref section)` });
    }
    record.facts.modifications = modifications;
    record.facts.after = modifications.length > 0 ? 'ILLEGAL_CHANGES' : addedSomething ? 'SIGNATURES_AND_VALIDATION_DATA' : 'NOTHING';
    if (modifications.length > 0) {
      const detail = modifications.map(describeModification).join('; ');
      const code = appendedFrom !== undefined && modifications.length === 1 ? 'UNREADABLE_REVISION' : record.facts.kind === 'certification' ? 'DOCMDP_VIOLATION' : 'ILLEGAL_MODIFICATION';
      record.facts.problems.push({ code, detail });
    }
  }

  // What the document says it is, as of the last revision before any illegal change (never the attacker's words).
  let describedRevision = last;
  for (const [j, changes] of analyses) if (changes.illegal.length > 0) describedRevision = Math.min(describedRevision, j - 1);
  const metadata = readDocumentMetadata(file, describedRevision);

  // 5. Proven times: a signature's own timestamp, else the earliest valid document timestamp after it.
  const documentTimestamps = records.filter((record) => record.facts.kind === 'document-timestamp' && record.timestamp?.valid && record.facts.integrity.intact);
  for (const record of records) {
    const k = record.byteRange.revision;
    const own = record.timestamp?.valid ? record.timestamp : undefined;
    if (own?.token) {
      record.facts.provenTime = {
        time: own.token.genTime.toISOString(),
        source: record.facts.kind === 'document-timestamp' ? 'this-timestamp' : 'signature-timestamp',
        tsa: own.facts.tsa,
      };
      continue;
    }
    if (k === undefined) continue;
    const later = documentTimestamps
      .filter((ts) => ts !== record && (ts.byteRange.revision ?? -1) > k && ts.timestamp?.token)
      .sort((a, b) => a.timestamp!.token!.genTime.getTime() - b.timestamp!.token!.genTime.getTime())[0];
    if (later?.timestamp?.token) {
      record.facts.provenTime = { time: later.timestamp.token.genTime.toISOString(), source: 'document-timestamp', tsa: later.timestamp.facts.tsa };
    }
  }

  // 6. Certificate paths at the proven time (or now, when nothing proves an earlier time).
  for (const record of records) {
    if (record.facts.kind === 'document-timestamp') {
      record.facts.chain = record.timestamp?.facts.chain;
      record.facts.hasValidationData = (hasDss || context.hasRevocationData) && !!record.facts.chain?.revocationChecked;
      continue;
    }
    const signer = record.signer;
    if (!signer) continue;
    const proven = record.facts.provenTime;
    const chain = await validatePath(context, signer, { purpose: 'signing', time: proven ? new Date(proven.time) : now, timeIsProven: !!proven });
    record.facts.chain = chain;
    record.facts.problems.push(...chain.problems);
    if (chain.trusted && !chain.revocationChecked) record.facts.problems.push({ code: 'REVOCATION_UNKNOWN', detail: 'no CRL or OCSP answer for the signer chain in the document' });
    record.facts.hasValidationData = (hasDss || context.hasRevocationData) && chain.trusted && chain.revocationChecked;
  }

  // 7. Policy and sentences.
  const signatures: SignatureResult[] = records.map((record) => {
    const verdict = judge(record.facts);
    const k = record.byteRange.revision ?? -1;
    const laterDocumentTimestamp = documentTimestamps.some((ts) => (ts.byteRange.revision ?? -1) > k);
    const role = roleOfField(record.field.name);
    const result: SignatureResult = {
      ...record.facts,
      ...(role ? { role: { field: record.field.name, sv: roleLabel(role, 'sv'), en: roleLabel(role, 'en') } } : {}),
      level: padesLevel(record.facts, laterDocumentTimestamp),
      indication: verdict.indication,
      subIndication: verdict.subIndication,
      sentence: { sv: '', en: '' },
    };
    result.sentence = signatureSentence(result);
    return result;
  });

  const unsignedFields = fields.filter((field) => field.value === undefined || field.value === null).map((field) => field.name);
  const timestampFields = new Set(records.filter((record) => record.facts.kind === 'document-timestamp').map((record) => record.field.name));
  const required = metadata.requiredFields ??
    fields.map((field) => field.name).filter((name) => name !== SEAL_FIELD && name !== DOCUMENT_TIMESTAMP_FIELD && !timestampFields.has(name));
  const byField = new Map(signatures.map((result) => [result.field, result]));
  const missing = required.filter((name) => !byField.has(name));
  // A required field needs a person's approval signature: a document timestamp or a certification in it is no justering.
  const failed = required.filter((name) => byField.has(name) && (byField.get(name)!.indication !== 'TOTAL_PASSED' || byField.get(name)!.kind !== 'approval'));
  const signed = required.filter((name) => byField.has(name));
  const verdict = { complete: required.length > 0 && missing.length === 0 && failed.length === 0, required, signed, missing, failed };
  const justering = { ...verdict, sentence: justeringSentence(verdict, signatures) };

  const indication: Indication =
    signatures.length === 0 ? 'INDETERMINATE'
    : signatures.some((result) => result.indication === 'TOTAL_FAILED') ? 'TOTAL_FAILED'
    : signatures.some((result) => result.indication === 'INDETERMINATE') || documentProblems.length > 0 ? 'INDETERMINATE'
    : 'TOTAL_PASSED';

  return {
    ...(options.fileName !== undefined ? { file: options.fileName } : {}),
    sha256,
    size: bytes.length,
    revisions: file.revisions.length,
    metadata,
    signatures,
    unsignedFields,
    documentProblems,
    indication,
    justering,
    summary: summarize(indication, justering, signatures),
    verifiedAt: now.toISOString(),
  };
}

function summarize(indication: Indication, justering: VerificationReport['justering'], signatures: readonly SignatureResult[]): { sv: string; en: string } {
  if (signatures.length === 0) {
    return { sv: 'Dokumentet har inga signaturer.', en: 'The document has no signatures.' };
  }
  const bad = signatures.filter((result) => result.indication !== 'TOTAL_PASSED');
  const details = { sv: bad.map((result) => result.sentence.sv).join(' '), en: bad.map((result) => result.sentence.en).join(' ') };
  if (indication === 'TOTAL_PASSED') {
    return justering.complete
      ? { sv: `Äkta. ${justering.sentence.sv}`, en: `Authentic. ${justering.sentence.en}` }
      : { sv: `Äkta signaturer. ${justering.sentence.sv}`, en: `Authentic signatures. ${justering.sentence.en}` };
  }
  if (indication === 'TOTAL_FAILED') {
    return { sv: `Inte äkta. ${details.sv} ${justering.sentence.sv}`, en: `Not authentic. ${details.en} ${justering.sentence.en}` };
  }
  return { sv: `Kan inte bekräftas. ${details.sv} ${justering.sentence.sv}`, en: `Cannot be confirmed. ${details.en} ${justering.sentence.en}` };
}

function describeModification(modification: Modification): string {
  const where = [
    modification.objectNumber !== undefined ? `object ${modification.objectNumber}` : undefined,
    modification.page !== undefined ? `page ${modification.page}` : undefined,
    `revision ${modification.revision}`,
  ].filter(Boolean).join(', ');
  return `${modification.what} (${where}): ${modification.detail}`;
}

interface DocumentStructure {
  file: PdfFile;
  fields: SignatureField[];
  validationData?: { certificates: Uint8Array[]; crls: Uint8Array[]; ocsps: Uint8Array[] };
}

/** What every verification reads from the latest revision; any PdfFormatError here means it is not readable. */
function readStructure(file: PdfFile): DocumentStructure {
  const last = file.revisions.length - 1;
  const fields = signatureFields(file, last, indexPages(file, last));
  return { file, fields, validationData: readValidationData(file, last) };
}

/**
 * Parses the file and reads its structure; when the tail is not a readable revision (appended bytes without
 * an xref, an inconsistent xref), falls back to the longest prefix that ends at a revision and reads
 * completely. This is not a repair: the tail is reported as an illegal change of every signature before it.
 * Objects the structure does not need are read lazily; one that cannot be read fails where it is used.
 */
function openStrictly(
  bytes: Uint8Array,
  limits: Partial<PdfLimits> | undefined,
  problems: Reason[],
): { structure: DocumentStructure; appendedFrom?: number; lostSignatures: string[] } {
  let firstError: unknown;
  try {
    const structure = readStructure(PdfFile.parse(bytes, limits));
    const end = structure.file.latest.endOffset;
    if (trimmedEnd(bytes) > end) {
      problems.push({ code: 'UNREADABLE_REVISION', detail: `${bytes.length - end} bytes after the last %%EOF are not a revision` });
      return { structure, appendedFrom: end, lostSignatures: [] };
    }
    return { structure, lostSignatures: [] };
  } catch (error) {
    if (!(error instanceof PdfFormatError) || error.code !== 'ERR_PDF_MALFORMED') throw error;
    firstError = error;
  }
  const lostSignatures = signedFieldNames(bytes, limits);
  let tries = 0;
  for (let at = lastIndexOf(bytes, '%%EOF', bytes.length - 1); at > 0 && tries < 8; at = lastIndexOf(bytes, '%%EOF', at - 1), tries++) {
    let end = at + 5;
    if (bytes[end] === 0x0d) end++;
    if (bytes[end] === 0x0a) end++;
    if (end >= bytes.length) continue;
    try {
      const file = PdfFile.parse(bytes.subarray(0, end), limits);
      // Something in this file is broken: the prefix we fall back to must read completely.
      file.readAllObjects();
      const structure = readStructure(file);
      problems.push({ code: 'UNREADABLE_REVISION', detail: `bytes from offset ${end} do not form a readable revision: ${(firstError as Error).message}` });
      return { structure, appendedFrom: end, lostSignatures };
    } catch {
      // try the revision before
    }
  }
  throw firstError;
}

/** Names of the signed fields the unreadable file's last revision lists, if it lists any. */
function signedFieldNames(bytes: Uint8Array, limits: Partial<PdfLimits> | undefined): string[] {
  try {
    const file = PdfFile.parse(bytes, limits);
    return listFields(file)
      .filter((field) => field.type === 'Sig' && field.dict.get('V') !== undefined && field.dict.get('V') !== null)
      .map((field) => field.name);
  } catch {
    return [];
  }
}

function lastIndexOf(bytes: Uint8Array, text: string, from: number): number {
  outer: for (let i = Math.min(from, bytes.length - text.length); i >= 0; i--) {
    for (let j = 0; j < text.length; j++) if (bytes[i + j] !== text.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

/** The file length without trailing white-space and NUL bytes, which carry nothing. */
function trimmedEnd(bytes: Uint8Array): number {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d || bytes[end - 1] === 0x20 || bytes[end - 1] === 0x00)) end--;
  // keep the end-of-line that belongs to %%EOF
  if (bytes[end] === 0x0d) end++;
  if (bytes[end] === 0x0a) end++;
  return end;
}

/**
 * Certificates, CRLs and OCSP responses of the /DSS and of its /VRI entries (ETSI EN 319 142-1, 5.4.2),
 * or undefined when the document has no DSS.
 */
function readValidationData(file: PdfFile, revision: number): DocumentStructure['validationData'] {
  const dss = file.resolveDict(file.catalog(revision).get('DSS'), revision);
  if (!dss) return undefined;
  const vris: PdfDict[] = [];
  const vri = file.resolveDict(dss.get('VRI'), revision);
  for (const key of vri?.keys() ?? []) {
    const entry = file.resolveDict(vri!.get(key), revision);
    if (entry) vris.push(entry);
  }
  const streams = (key: string, vriKey: string): Uint8Array[] => {
    const out: Uint8Array[] = [];
    const items = [dss, ...vris].flatMap((holder) => file.resolveArray(holder.get(holder === dss ? key : vriKey), revision) ?? []);
    for (const item of items) {
      const stream = file.resolve(item, revision);
      if (!(stream instanceof PdfStream)) continue;
      try {
        out.push(file.decodeStream(stream, revision));
      } catch {
        // an undecodable entry is simply not validation data
      }
    }
    return out;
  };
  return { certificates: streams('Certs', 'Cert'), crls: streams('CRLs', 'CRL'), ocsps: streams('OCSPs', 'OCSP') };
}

function initialFacts(file: PdfFile, field: SignatureField, dict: PdfDict | undefined, byteRange: ByteRangeFacts, signatureObject: number | undefined): SignatureFacts {
  const text = (key: string): string | undefined => {
    const value = dict ? file.resolve(dict.get(key)) : undefined;
    return value instanceof PdfString ? value.toText() : undefined;
  };
  const subFilter = dict?.getName('SubFilter');
  const kind: SignatureKind =
    dict?.getName('Type') === 'DocTimeStamp' || subFilter === 'ETSI.RFC3161' ? 'document-timestamp'
    : docMdpOf(file, dict) !== undefined ? 'certification'
    : 'approval';
  const problems = [...byteRange.problems];
  if (dict && !SUPPORTED_SUBFILTERS.has(subFilter ?? '')) {
    problems.push({ code: 'SUBFILTER_UNSUPPORTED', detail: `/SubFilter ${subFilter ? `/${subFilter}` : 'missing'}` });
  }
  const facts: SignatureFacts = {
    field: field.name,
    kind,
    coverage: byteRange.coverage,
    revisions: file.revisions.length,
    integrity: { intact: false, cryptoValid: false },
    hasValidationData: false,
    after: 'NOTHING',
    modifications: [],
    problems,
  };
  if (field.ref) facts.fieldObject = field.ref.num;
  if (signatureObject !== undefined) facts.signatureObject = signatureObject;
  if (field.page !== undefined) facts.page = field.page;
  if (subFilter) facts.subFilter = subFilter;
  const claimed = parsePdfDate(text('M'));
  if (claimed) facts.claimedTime = claimed;
  for (const key of ['Name', 'Reason', 'Location'] as const) {
    const value = text(key);
    if (value !== undefined) facts[key.toLowerCase() as 'name' | 'reason' | 'location'] = value;
  }
  if (byteRange.byteRange) facts.byteRange = byteRange.byteRange;
  if (byteRange.revision !== undefined) facts.revision = byteRange.revision + 1;
  const permissions = docMdpOf(file, dict);
  if (permissions !== undefined) facts.docMdpPermissions = permissions;
  return facts;
}

/** /P of a DocMDP transform in the signature's /Reference (ISO 32000-1, 12.8.2.2; default 2). */
function docMdpOf(file: PdfFile, dict: PdfDict | undefined): number | undefined {
  if (!dict) return undefined;
  for (const item of file.resolveArray(dict.get('Reference')) ?? []) {
    const reference = file.resolveDict(item);
    if (reference?.getName('TransformMethod') !== 'DocMDP') continue;
    const params = file.resolveDict(reference.get('TransformParams'));
    const p = file.resolve(params?.get('P'));
    return typeof p === 'number' && [1, 2, 3].includes(p) ? p : 2;
  }
  return undefined;
}

async function checkCrypto(context: ValidationContext, record: SignatureRecord): Promise<void> {
  const { byteRange, facts } = record;
  if (!byteRange.parts || !byteRange.contents || facts.problems.some((problem) => problem.code === 'SUBFILTER_UNSUPPORTED')) return;
  if (facts.kind === 'document-timestamp') {
    // A document timestamp's imprint is the digest of its /ByteRange bytes (ETSI EN 319 142-1, 5.4.3).
    const checked = await checkTimestamp(context, byteRange.contents, byteRange.parts, true);
    record.timestamp = checked;
    facts.timestamp = checked.facts;
    facts.integrity = { intact: checked.facts.imprintMatches, cryptoValid: checked.facts.signatureValid };
    facts.problems.push(...checked.facts.problems.filter((problem) => problem.code !== 'TIMESTAMP_IMPRINT_MISMATCH'));
    if (!checked.facts.imprintMatches && checked.token) facts.problems.push({ code: 'MESSAGE_DIGEST_MISMATCH', detail: 'the document timestamp\'s imprint is not the digest of its signed bytes' });
    return;
  }
  const pades = facts.subFilter === 'ETSI.CAdES.detached';
  const cms = await checkCmsSignature(context, byteRange.contents, byteRange.parts, { contentType: OID_DATA, pades, padded: true, detached: true });
  facts.integrity = { intact: cms.intact, cryptoValid: cms.cryptoValid };
  facts.problems.push(...cms.problems);
  if (cms.signer) {
    record.signer = cms.signer;
    facts.signer = await context.summary(cms.signer);
    const attribute = (oid: string): string | undefined => cms.signer!.subjectAttribute(oid);
    const names = {
      commonName: attribute(OID.commonName),
      givenName: attribute(OID.givenName),
      surname: attribute(OID.surname),
      serialNumber: attribute(OID.serialNumber),
      organization: attribute(OID.organizationName),
    };
    facts.signerNames = Object.fromEntries(Object.entries(names).filter(([, value]) => value !== undefined));
  }
  const token = cms.signerInfo?.signatureTimeStampTokens[0];
  if (token && cms.signerInfo) {
    // EN 319 122-1 5.3: the signature-time-stamp's imprint is the hash of this SignerInfo's signature value.
    const checked = await checkTimestamp(context, token, [cms.signerInfo.signature]);
    record.timestamp = checked;
    facts.timestamp = checked.facts;
    facts.problems.push(...checked.facts.problems);
  }
}

/** ISO 32000-1 7.9.4: D:YYYYMMDDHHmmSSOHH'mm' with every part after the year optional. */
export function parsePdfDate(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const match = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(?:(\d{2})'?(\d{2})?'?)?)?$/.exec(text.trim());
  if (!match) return undefined;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', zone, zoneHours = '00', zoneMinutes = '00'] = match;
  let time = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  if (zone === '+' || zone === '-') {
    const offset = (Number(zoneHours) * 60 + Number(zoneMinutes)) * 60_000;
    time += zone === '+' ? -offset : offset;
  }
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

