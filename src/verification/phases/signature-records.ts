/**
 * Phase "facts": one record per signature dictionary of the form, with the format facts of the dictionary
 * and its /ByteRange (ISO 32000-1 12.8.1), before any cryptography. An unreadable signature dictionary is
 * a failed signature, reported as such; signatures of an unreadable revision, or that an update removed
 * from the form, are reported as failed too.
 */
import { PdfFormatError } from '../../errors';
import { PdfDict, PdfRef, PdfString } from '../../pdf/objects';
import type { PdfFile } from '../../pdf/parser';
import type { ParsedCertificate } from '../../pki/certificate';
import { checkByteRange, type ByteRangeFacts } from '../checks/byte-range';
import type { CheckedTimestamp } from '../checks/timestamp';
import type { SignatureField } from '../facts/document-structure';
import type { SalvagedSignature } from '../facts/salvage';
import type { SignatureFacts, SignatureKind } from '../model';
import type { OpenedDocument } from './open-document';
import { findRemovedSignatures } from './removed-signatures';

export interface SignatureRecord {
  field: SignatureField;
  dict?: PdfDict;
  byteRange: ByteRangeFacts;
  facts: SignatureFacts;
  /** The signature-timestamp, or the document timestamp's own token. */
  timestamp?: CheckedTimestamp;
  signer?: ParsedCertificate;
}

const SUPPORTED_SUBFILTERS = new Set(['ETSI.CAdES.detached', 'adbe.pkcs7.detached', 'adbe.pkcs7.sha1', 'ETSI.RFC3161']);

/**
 * The records in the order of the revisions they sign (unknown revisions last): one per signature
 * dictionary, however many fields name it; those a later update removed from the form; and those found
 * only by scanning an unreadable tail.
 */
export function collectSignatures(document: OpenedDocument): SignatureRecord[] {
  const { file, fields, lostSignatures, salvaged, contentEnd } = document;
  const last = file.revisions.length - 1;
  const records: SignatureRecord[] = [];
  for (const field of fields) {
    if (field.value === undefined || field.value === null) continue;
    const signatureObject = field.value instanceof PdfRef ? field.value.num : undefined;
    // One signature dictionary in two fields is one signature (reported once, as EU DSS does); the
    // justering verdict does not let it count for the second field.
    const sharing = signatureObject === undefined ? undefined : records.find((record) => record.facts.signatureObject === signatureObject);
    if (sharing) {
      (sharing.facts.alsoFields ??= []).push(field.name);
      continue;
    }
    records.push(readRecord(file, field, last, contentEnd));
  }
  for (const removal of findRemovedSignatures(file, fields)) {
    const record = readRecord(file, removal.field, removal.lastRevision, contentEnd);
    record.facts.removed = removal.removed;
    record.facts.problems.unshift({ code: 'SIGNATURE_REMOVED', detail: removal.detail });
    records.push(record);
  }
  const named = (name: string): boolean => records.some((record) => record.field.name === name || record.facts.alsoFields?.includes(name));
  for (const signature of salvaged) {
    const name = signature.field ?? `(object ${signature.objectNumber})`;
    if (!named(name)) records.push(salvagedRecord(signature, name, file.revisions.length));
  }
  for (const lost of lostSignatures) {
    if (named(lost)) continue;
    const field: SignatureField = { name: lost, dict: new PdfDict(), widgetRefs: [], invisible: true };
    const byteRange: ByteRangeFacts = { coverage: 'UNCLEAR', problems: [{ code: 'UNREADABLE_REVISION', detail: 'the revision that holds this signature cannot be read' }] };
    records.push({ field, byteRange, facts: initialFacts(file, field, undefined, byteRange, undefined) });
  }
  return records.sort((a, b) => (a.byteRange.revision ?? Infinity) - (b.byteRange.revision ?? Infinity));
}

/**
 * The record of a field's signature as of `revision` (the latest, or for a removed signature the last
 * revision whose form still has it). An unreadable signature dictionary is a failed signature.
 */
function readRecord(file: PdfFile, field: SignatureField, revision: number, contentEnd: number): SignatureRecord {
  const signatureObject = field.value instanceof PdfRef ? field.value.num : undefined;
  try {
    const dict = file.resolveDict(field.value, revision);
    const byteRange: ByteRangeFacts = dict
      ? checkByteRange(file, dict, signatureObject, contentEnd, revision)
      : { coverage: 'UNCLEAR', problems: [{ code: 'SIGNATURE_DICTIONARY_MALFORMED', detail: '/V is not a signature dictionary' }] };
    return { field, dict, byteRange, facts: initialFacts(file, field, dict, byteRange, signatureObject, revision) };
  } catch (error) {
    if (!(error instanceof PdfFormatError)) throw error;
    const byteRange: ByteRangeFacts = { coverage: 'UNCLEAR', problems: [{ code: 'SIGNATURE_DICTIONARY_MALFORMED', detail: `the signature dictionary cannot be read: ${error.message}` }] };
    return { field, byteRange, facts: initialFacts(file, field, undefined, byteRange, signatureObject, revision) };
  }
}

/** A signature dictionary that only a scan of the bytes found (facts/salvage.ts): failed, with the reason. */
export function salvagedRecord(signature: SalvagedSignature, name: string, revisions: number): SignatureRecord {
  const field: SignatureField = { name, dict: new PdfDict(), widgetRefs: [], invisible: true };
  const byteRange: ByteRangeFacts = { coverage: 'UNCLEAR', problems: [signature.reason] };
  const facts: SignatureFacts = {
    field: name,
    kind: signature.kind === 'document-timestamp' ? 'document-timestamp' : 'approval',
    coverage: 'UNCLEAR',
    revisions,
    integrity: { intact: false, cryptoValid: false },
    hasValidationData: false,
    after: 'NOTHING',
    modifications: [],
    problems: [signature.reason],
    signatureObject: signature.objectNumber,
    salvaged: true,
  };
  if (signature.subFilter) facts.subFilter = signature.subFilter;
  if (signature.byteRange) facts.byteRange = signature.byteRange;
  return { field, byteRange, facts };
}

function initialFacts(
  file: PdfFile, field: SignatureField, dict: PdfDict | undefined, byteRange: ByteRangeFacts, signatureObject: number | undefined,
  revision = file.revisions.length - 1,
): SignatureFacts {
  const text = (key: string): string | undefined => {
    const value = dict ? file.resolve(dict.get(key), revision) : undefined;
    return value instanceof PdfString ? value.toText() : undefined;
  };
  const subFilter = dict?.getName('SubFilter');
  const permissions = docMdpOf(file, dict, revision);
  const kind: SignatureKind =
    dict?.getName('Type') === 'DocTimeStamp' || subFilter === 'ETSI.RFC3161' ? 'document-timestamp'
    : permissions !== undefined ? 'certification'
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
  if (permissions !== undefined) facts.docMdpPermissions = permissions;
  return facts;
}

/** /P of a DocMDP transform in the signature's /Reference (ISO 32000-1, 12.8.2.2; default 2). */
function docMdpOf(file: PdfFile, dict: PdfDict | undefined, revision: number): number | undefined {
  if (!dict) return undefined;
  for (const item of file.resolveArray(dict.get('Reference'), revision) ?? []) {
    const reference = file.resolveDict(item, revision);
    if (reference?.getName('TransformMethod') !== 'DocMDP') continue;
    const params = file.resolveDict(reference.get('TransformParams'), revision);
    const p = file.resolve(params?.get('P'), revision);
    return typeof p === 'number' && [1, 2, 3].includes(p) ? p : 2;
  }
  return undefined;
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
