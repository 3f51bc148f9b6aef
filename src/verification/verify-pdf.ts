/**
 * The verification engine: reads a PDF strictly, gathers the facts of every signature (format, crypto,
 * timestamps, certificate paths, what changed after it), applies the policy and returns the report.
 * A signature that does not verify is a result; only unreadable input throws (PdfFormatError). Pure:
 * hashing and signature checks go through the CryptoProvider, so it can run in a browser too.
 *
 * The phases follow ETSI EN 319 102-1's order, facts first and judgement last (as EU DSS does): each lives
 * in phases/ and only adds facts to the signature records; policy.ts alone turns facts into indications.
 */
import { systemClock, type Clock } from '../clock';
import { toHex } from '../asn1/der';
import type { CryptoProvider } from '../crypto/crypto-provider';
import { roleLabel, roleOfField } from '../domain/roles';
import type { PdfLimits } from '../pdf/limits';
import { readDocumentMetadata } from './facts/metadata';
import { documentKind, justeringVerdict } from './justering';
import type { DocumentWarning, Indication, SignatureResult, VerificationReport } from './model';
import { createValidationContext, validateSignerPaths } from './phases/certificate-path';
import { analyseChanges } from './phases/changes';
import { checkIntegrity } from './phases/integrity';
import { openDocument, salvageUnreadableFile, type OpenedDocument } from './phases/open-document';
import { assignProvenTimes } from './phases/proven-time';
import { collectSignatures, salvagedRecord, type SignatureRecord } from './phases/signature-records';
import { judge, padesLevel, signatureProfile, type JudgeOptions } from './policy';
import { signatureSentence } from './sentences';
import { summarize } from './summary';

export { parsePdfDate } from './phases/signature-records';

export interface VerifyPdfOptions {
  /** DER of each trusted root (the keys folder's root and any --trust certificate). */
  trustAnchors: readonly Uint8Array[];
  crypto: CryptoProvider;
  clock?: Clock;
  limits?: Partial<PdfLimits>;
  fileName?: string;
  /** SHA-256 (hex) of roots whose signatures prove nothing (the keys-example root): the report says DEMO. */
  demonstrationRoots?: readonly string[];
}

const DEMONSTRATION_SENTENCE = {
  sv: 'DEMO: underskrifterna är gjorda med Justeras demonstrationsnycklar (keys-example), vars privata nycklar är offentliga. De bevisar ingenting.',
  en: 'DEMO: the signatures were made with Justera’s demonstration keys (keys-example), whose private keys are public. They prove nothing.',
};

/** Whether any signature's path ends at one of the demonstration roots. */
function madeWithDemonstrationKeys(signatures: readonly SignatureResult[], roots: readonly string[] | undefined): boolean {
  if (!roots || roots.length === 0) return false;
  return signatures.some((signature) => {
    const anchor = signature.chain?.certificates.at(-1);
    return anchor !== undefined && roots.includes(anchor.sha256);
  });
}

/**
 * @example
 *   const report = await verifyPdf(bytes, { trustAnchors: [rootDer], crypto: nodeCryptoProvider });
 *   reportPasses(report)
 */
export async function verifyPdf(bytes: Uint8Array, options: VerifyPdfOptions): Promise<VerificationReport> {
  const now = (options.clock ?? systemClock).now();
  let document: OpenedDocument;
  try {
    document = openDocument(bytes, options.limits);
  } catch (error) {
    const salvaged = salvageUnreadableFile(bytes, options.limits, error);
    if (salvaged.length === 0) throw error;
    const sha256 = toHex(await options.crypto.digest('SHA-256', [bytes]));
    return unreadableFileReport(bytes, sha256, now, error as Error, salvaged.map((found) => salvagedRecord(found, found.field ?? `(object ${found.objectNumber})`, 0)), options.fileName);
  }
  const { file } = document;

  const records = collectSignatures(document);
  const context = createValidationContext(options.crypto, options.trustAnchors, document.validationData, bytes);
  await checkIntegrity(context, records);
  // After the signatures' byte ranges: the file's own hash goes on from where theirs left off.
  const sha256 = toHex(await context.digestContent('SHA-256', [bytes]));
  // What the document is: as its first signed revision says (an update cannot make a foreign PDF ours).
  const kindRevision = records[0]?.byteRange.revision ?? file.revisions.length - 1;
  const kindMetadata = readDocumentMetadata(file, kindRevision);
  const kind = documentKind(kindMetadata);
  const { describedRevision } = analyseChanges(file, records, document.appendedFrom, kind === 'justering' ? 'justera' : 'general');
  const documentTimestamps = assignProvenTimes(records);
  await validateSignerPaths(context, records, now, document.validationData !== undefined);
  const metadata = kind === 'justering' && describedRevision !== kindRevision ? readDocumentMetadata(file, describedRevision) : kindMetadata;

  const signatures = records.map((record) => judgedResult(record, documentTimestamps, { strictProfile: kind === 'justering', validationTime: now }));
  const justering = kind === 'justering' ? justeringVerdict(metadata, document.fields, signatures) : undefined;
  const indication = documentIndication(signatures, document.problems.length > 0);
  const documentWarnings = file.warnings.map((warning): DocumentWarning => ({
    code: warning.code, detail: warning.message, objectNumber: warning.objectNumber, revision: warning.revision + 1,
    offsetGiven: warning.offsetGiven, offsetFound: warning.offsetFound,
  }));

  return {
    ...(options.fileName !== undefined ? { file: options.fileName } : {}),
    sha256,
    size: bytes.length,
    revisions: file.revisions.length,
    metadata,
    signatures,
    unsignedFields: document.fields.filter((field) => field.value === undefined || field.value === null).map((field) => field.name),
    documentProblems: document.problems,
    ...(documentWarnings.length > 0 ? { documentWarnings } : {}),
    indication,
    documentKind: kind,
    ...(justering ? { justering } : {}),
    summary: summarize(indication, justering, signatures),
    ...(madeWithDemonstrationKeys(signatures, options.demonstrationRoots) ? { demonstration: { keys: true, ...DEMONSTRATION_SENTENCE } } : {}),
    verifiedAt: now.toISOString(),
  };
}

function documentIndication(signatures: readonly SignatureResult[], documentProblems: boolean): Indication {
  return signatures.length === 0 ? 'INDETERMINATE'
    : signatures.some((result) => result.indication === 'TOTAL_FAILED') ? 'TOTAL_FAILED'
    : signatures.some((result) => result.indication === 'INDETERMINATE') || documentProblems ? 'INDETERMINATE'
    : 'TOTAL_PASSED';
}

/**
 * The report of a file no prefix of which reads (corrupted or truncated) but whose bytes hold signature
 * dictionaries: each is listed as failed with its reason, rather than the file having "no signatures".
 */
function unreadableFileReport(bytes: Uint8Array, sha256: string, now: Date, error: Error, records: readonly SignatureRecord[], fileName: string | undefined): VerificationReport {
  const signatures = records.map((record) => judgedResult(record, [], { validationTime: now }));
  const indication = documentIndication(signatures, true);
  return {
    ...(fileName !== undefined ? { file: fileName } : {}),
    sha256,
    size: bytes.length,
    revisions: 0,
    metadata: {},
    signatures,
    unsignedFields: [],
    documentProblems: [{ code: 'UNREADABLE_REVISION', detail: `the file's structure cannot be read: ${error.message}` }],
    indication,
    documentKind: 'other',
    summary: summarize(indication, undefined, signatures),
    verifiedAt: now.toISOString(),
  };
}

/** Phase "policy": the indication, level and role of one signature, and its sentence. */
function judgedResult(record: SignatureRecord, documentTimestamps: readonly SignatureRecord[], policy: JudgeOptions): SignatureResult {
  const verdict = judge(record.facts, policy);
  const k = record.byteRange.revision ?? -1;
  const laterDocumentTimestamp = documentTimestamps.some((ts) => (ts.byteRange.revision ?? -1) > k);
  const role = roleOfField(record.field.name);
  const result: SignatureResult = {
    ...record.facts,
    problems: [...record.facts.problems, ...verdict.problems],
    ...(role ? { role: { field: record.field.name, sv: roleLabel(role, 'sv'), en: roleLabel(role, 'en') } } : {}),
    level: padesLevel(record.facts, laterDocumentTimestamp),
    profile: signatureProfile(record.facts, laterDocumentTimestamp),
    indication: verdict.indication,
    subIndication: verdict.subIndication,
    sentence: { sv: '', en: '' },
  };
  result.sentence = signatureSentence(result);
  return result;
}
