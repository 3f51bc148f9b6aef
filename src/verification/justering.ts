/**
 * The justering verdict (KL 8 kap. 12 §, DOMAIN.md): applies to documents our metadata marks as justering
 * documents (a verification code or the list of required fields in the justera: XMP). Every required field
 * needs a person's approval signature that passes; a certification or a document timestamp in a required
 * field is no justering. Any other PDF gets no justering verdict: its answer is about its signatures.
 */
import { DOCUMENT_TIMESTAMP_FIELD, SEAL_FIELD } from '../domain/roles';
import type { SignatureField } from './facts/document-structure';
import type { DocumentKind, DocumentMetadata, JusteringVerdict, SignatureResult, VerificationReport } from './model';
import { joinList, quote, swedishTime, who } from './sentences';

export function documentKind(metadata: DocumentMetadata): DocumentKind {
  return metadata.requiredFields !== undefined || metadata.verificationCode !== undefined ? 'justering' : 'other';
}

export function justeringVerdict(metadata: DocumentMetadata, fields: readonly SignatureField[], signatures: readonly SignatureResult[]): JusteringVerdict {
  // Per field the signature that decides it: a failing one (a removed signature, say) is never hidden by
  // a passing one in the same field; a signature shared with another field fills this one too, so that
  // the field is "not accepted" rather than "not signed".
  const byField = new Map<string, SignatureResult>();
  const put = (name: string, result: SignatureResult): void => {
    const current = byField.get(name);
    if (!current || (current.indication === 'TOTAL_PASSED' && current.field === name)) byField.set(name, result);
  };
  for (const result of signatures) put(result.field, result);
  for (const result of signatures) for (const name of result.alsoFields ?? []) put(name, result);
  const timestampFields = new Set(signatures.filter((result) => result.kind === 'document-timestamp').map((result) => result.field));
  const required = metadata.requiredFields ??
    fields.map((field) => field.name).filter((name) => name !== SEAL_FIELD && name !== DOCUMENT_TIMESTAMP_FIELD && !timestampFields.has(name));
  const missing = required.filter((name) => !byField.has(name));
  // One signature counts for one field only: the second field of a shared signature dictionary fails.
  const accepted = (name: string, result: SignatureResult): boolean => result.indication === 'TOTAL_PASSED' && result.kind === 'approval' && result.field === name;
  const failed = required.filter((name) => byField.has(name) && !accepted(name, byField.get(name)!));
  const signed = required.filter((name) => byField.has(name));
  const verdict = { complete: required.length > 0 && missing.length === 0 && failed.length === 0, required, signed, missing, failed };
  return { ...verdict, sentence: justeringSentence(verdict, signatures) };
}

/** The justering verdict sentence: "Justerat av ordförande … och justerare …" or what is missing. */
export function justeringSentence(verdict: Omit<JusteringVerdict, 'sentence'>, results: readonly SignatureResult[]): { sv: string; en: string } {
  const byField = new Map(results.map((result) => [result.field, result]));
  if (verdict.complete) {
    const parts = verdict.required.map((field) => {
      const result = byField.get(field)!;
      const role = result.role ?? { sv: field, en: field };
      const time = result.provenTime?.time ?? result.claimedTime;
      const when = time ? ` ${swedishTime(time)}` : '';
      return { sv: `${role.sv.toLowerCase()} ${who(result)}${when}`, en: `${role.en.toLowerCase()} ${who(result)}${when}` };
    });
    return { sv: `Justerat av ${joinList(parts.map((p) => p.sv), 'och')}.`, en: `Approved (justerat) by ${joinList(parts.map((p) => p.en), 'and')}.` };
  }
  const sv: string[] = [];
  const en: string[] = [];
  if (verdict.failed.length > 0) {
    sv.push(`signaturen i ${joinList(verdict.failed.map(quote), 'och')} godtas inte`);
    en.push(`the signature in ${joinList(verdict.failed.map(quote), 'and')} is not accepted`);
  }
  if (verdict.missing.length > 0) {
    sv.push(`${joinList(verdict.missing.map(quote), 'och')} har inte signerats`);
    en.push(`${joinList(verdict.missing.map(quote), 'and')} not signed yet`);
  }
  if (verdict.required.length === 0) {
    sv.push('dokumentet har inga signaturfält som kräver signatur');
    en.push('the document has no signature fields that require a signature');
  }
  return { sv: `Inte justerat: ${sv.join('; ')}.`, en: `Not approved (justering incomplete): ${en.join('; ')}.` };
}

/** The document passes: every signature TOTAL_PASSED and, for a justering document, the justering complete. */
export function reportPasses(report: Pick<VerificationReport, 'indication' | 'justering'>): boolean {
  return report.indication === 'TOTAL_PASSED' && (report.justering?.complete ?? true);
}
