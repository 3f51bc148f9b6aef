/**
 * What the public may see of a verification report, and the plain-language answer built from it.
 * Names and roles only: the personnummer a signer certificate may carry (serialNumber, 2.5.4.5) is
 * removed from every field, and any other string that holds a valid personnummer is redacted as well.
 */
import { readPersonnummer } from '../../domain/personnummer';
import type { Locale } from '../../domain/roles';
import { roleLabel } from '../../domain/roles';
import { messages } from '../../texts/public-pages';
import { reportPasses } from '../../verification/justering';
import type { CertificateSummary, SignatureResult, VerificationReport } from '../../verification/model';
import { formatStockholmMinute } from '../pages/shared/dates';

const SERIAL_NUMBER_RDN = /(^|[,/+]\s*)(?:serialNumber|SERIALNUMBER|2\.5\.4\.5|OID\.2\.5\.4\.5)\s*=\s*(?:"[^"]*"|#[0-9a-fA-F]+|(?:\\.|[^,/+])*)/g;
// 10 or 12 digits with an optional - or + before the last four, not inside a longer run of digits or hex.
const PERSONNUMMER_CANDIDATE = /(?<![0-9A-Za-z])(\d{6}|\d{8})([-+]?)(\d{4})(?![0-9A-Za-z])/g;
export const REDACTED = '[personnummer borttaget]';

function isPersonnummer(first: string, last: string): boolean {
  if (first.length === 8) return 'digits' in readPersonnummer(`${first}${last}`);
  // Ten digits: try both centuries; a valid check digit with a real date is enough to hide it.
  return ['19', '20'].some((century) => 'digits' in readPersonnummer(`${century}${first}${last}`));
}

/** Removes personnummer from one text. */
export function redactPersonnummer(text: string): string {
  const cleaned = text.replace(SERIAL_NUMBER_RDN, '').replace(/^\s*[,+]\s*/, '');
  return cleaned.replace(PERSONNUMMER_CANDIDATE, (match, first: string, _sep: string, last: string) => (isPersonnummer(first, last) ? REDACTED : match));
}

function scrub<T>(value: T): T {
  if (typeof value === 'string') return redactPersonnummer(value) as T;
  if (Array.isArray(value)) return value.map(scrub) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'serialNumber') continue;
      out[key] = scrub(inner);
    }
    return out as T;
  }
  return value;
}

/**
 * The report as the public sees it: no personnummer anywhere and no uploaded file name. `serialNumber` keys
 * hold the person's identity number (X.520 serialNumber); certificate serials are `serialHex` and stay.
 */
export function publicReport(report: VerificationReport): VerificationReport {
  const { file: _file, ...rest } = report;
  return scrub(rest);
}

export type PlainStatus = 'ok' | 'bad' | 'unknown';

export interface PlainSigner {
  name: string;
  role: string;
  /** Stockholm time, minutes. */
  time?: string;
  /** Who proves the time (the TSA's name), when a timestamp does. */
  provenBy?: string;
  passed: boolean;
}

export interface PlainAnswer {
  status: PlainStatus;
  label: string;
  /** The one-paragraph answer, as in "Äkta. Justerat av ordförande … och justerare …". */
  sentence: string;
  signers: PlainSigner[];
  /** What is wrong, one sentence each; empty when everything is right. */
  problems: string[];
}

function commonNameOf(subject: string | undefined): string | undefined {
  const match = /(?:^|[,/]\s*)CN\s*=\s*((?:\\.|[^,/+])*)/.exec(subject ?? '');
  return match ? match[1].trim() : undefined;
}

function signerName(signature: SignatureResult): string {
  return signature.signerNames?.commonName ?? signature.name ?? commonNameOf(signature.signer?.subject) ?? '?';
}

function isPersonSignature(signature: SignatureResult): boolean {
  return signature.kind === 'approval' || signature.field === 'ordforande' || signature.field.startsWith('justerare');
}

/** The plain answer for the public, in the chosen language, from a (public) report. */
export function plainAnswer(report: VerificationReport, lang: Locale): PlainAnswer {
  const t = messages(lang);
  const people = report.signatures.filter(isPersonSignature);
  const signers: PlainSigner[] = people.map((signature) => {
    const roleKey = signature.field === 'ordforande' ? 'chair' : signature.field.startsWith('justerare') ? 'adjuster' : undefined;
    const time = signature.provenTime?.time ?? signature.claimedTime;
    return {
      name: redactPersonnummer(signerName(signature)),
      role: roleKey ? roleLabel(roleKey, lang) : (signature.role?.[lang] ?? t.signerFallback),
      time: time ? formatStockholmMinute(time) : undefined,
      provenBy: signature.provenTime ? commonNameOf(signature.provenTime.tsa) ?? signature.provenTime.tsa : undefined,
      passed: signature.indication === 'TOTAL_PASSED',
    };
  });
  const anyFailed = report.indication === 'TOTAL_FAILED' || report.signatures.some((s) => s.indication === 'TOTAL_FAILED');
  const ok = reportPasses(report) && people.length > 0;
  const status: PlainStatus = ok ? 'ok' : anyFailed ? 'bad' : 'unknown';
  const problems: string[] = [];
  for (const signature of report.signatures) {
    // The verifier's sentence already names the field and the signer.
    if (signature.indication !== 'TOTAL_PASSED') problems.push(redactPersonnummer(signature.sentence[lang]));
  }
  if (report.justering && !report.justering.complete) problems.push(report.justering.sentence[lang]);
  for (const problem of report.documentProblems) problems.push(problem.detail ?? problem.code);
  if (report.signatures.length === 0) problems.unshift(t.noSignatures);

  const label = status === 'ok' ? t.verdictOk : status === 'bad' ? t.verdictBad : t.verdictUnknown;
  let sentence: string;
  if (status === 'ok' && !report.justering) {
    // Not a justering document: the verifier's own summary says who signed, without claiming a justering.
    sentence = redactPersonnummer(report.summary[lang]);
  } else if (status === 'ok') {
    const parts = signers.map((s) => `${s.role.toLocaleLowerCase(lang === 'sv' ? 'sv-SE' : 'en-GB')} ${s.name}${s.time ? ` ${s.time}` : ''}`);
    sentence = t.verdictOkSentence(parts.length > 1 ? `${parts.slice(0, -1).join(', ')} ${t.and} ${parts[parts.length - 1]}` : parts[0]);
  } else {
    sentence = status === 'bad' ? t.verdictBadSentence : t.verdictUnknownSentence;
  }
  return { status, label, sentence, signers, problems };
}

/** Subjects of a chain, signer first, for the technical report (already scrubbed by publicReport). */
export function chainSubjects(certificates: CertificateSummary[] | undefined): string[] {
  return (certificates ?? []).map((certificate) => certificate.subject);
}
