/**
 * Phase "facts": one record per filled signature field, with the format facts of its signature dictionary
 * and /ByteRange (ISO 32000-1 12.8.1), before any cryptography. An unreadable signature dictionary is a
 * failed signature, reported as such; signatures of an unreadable revision are reported as failed too.
 */
import { PdfFormatError } from '../../errors';
import { PdfDict, PdfRef, PdfString } from '../../pdf/objects';
import type { PdfFile } from '../../pdf/parser';
import type { ParsedCertificate } from '../../pki/certificate';
import { checkByteRange, type ByteRangeFacts } from '../checks/byte-range';
import type { CheckedTimestamp } from '../checks/timestamp';
import type { SignatureField } from '../facts/document-structure';
import type { SignatureFacts, SignatureKind } from '../model';
import type { OpenedDocument } from './open-document';

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

/** The records in the order of the revisions they sign (unknown revisions last). */
export function collectSignatures(document: OpenedDocument): SignatureRecord[] {
  const { file, fields, lostSignatures, contentEnd } = document;
  const last = file.revisions.length - 1;
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
  for (const lost of lostSignatures) {
    if (records.some((record) => record.field.name === lost)) continue;
    const field: SignatureField = { name: lost, dict: new PdfDict(), widgetRefs: [], invisible: true };
    const byteRange: ByteRangeFacts = { coverage: 'UNCLEAR', problems: [{ code: 'UNREADABLE_REVISION', detail: 'the revision that holds this signature cannot be read' }] };
    records.push({ field, byteRange, facts: initialFacts(file, field, undefined, byteRange, undefined) });
  }
  return records.sort((a, b) => (a.byteRange.revision ?? Infinity) - (b.byteRange.revision ?? Infinity));
}

function initialFacts(file: PdfFile, field: SignatureField, dict: PdfDict | undefined, byteRange: ByteRangeFacts, signatureObject: number | undefined): SignatureFacts {
  const text = (key: string): string | undefined => {
    const value = dict ? file.resolve(dict.get(key)) : undefined;
    return value instanceof PdfString ? value.toText() : undefined;
  };
  const subFilter = dict?.getName('SubFilter');
  const permissions = docMdpOf(file, dict);
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
