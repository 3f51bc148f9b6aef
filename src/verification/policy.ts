/**
 * The validation policy: turns a signature's facts into an ETSI EN 319 102-1 indication and
 * sub-indication (5.1.2, 5.1.3) and its PAdES baseline level (ETSI EN 319 142-1). Which problem weighs
 * how much is decided here and nowhere else; the checks only state facts.
 */
import { judgeAlgorithms } from './algorithm-policy';
import type { Indication, PadesLevel, Reason, ReasonCode, SignatureFacts, SignatureProfile, SubIndication } from './model';
import { baselineNotes, profileOf, strictProfileProblems } from './profile';

interface Verdict {
  indication: Indication;
  subIndication: SubIndication;
}

/** In order of precedence: the first listed code a signature has decides its indication. */
const POLICY: readonly [ReasonCode, Verdict][] = [
  ...(
    [
      'BYTE_RANGE_MISSING', 'BYTE_RANGE_MALFORMED', 'BYTE_RANGE_NOT_AT_REVISION_END', 'BYTE_RANGE_GAP_NOT_CONTENTS',
      'XREF_OUTSIDE_SIGNED_RANGE', 'CONTENTS_MISSING', 'SUBFILTER_UNSUPPORTED', 'SIGNATURE_DICTIONARY_MALFORMED',
      'CMS_MALFORMED', 'CMS_SIGNER_COUNT', 'CMS_ATTRIBUTES_MALFORMED', 'CMS_CONTENT_TYPE',
      'MESSAGE_DIGEST_MISSING', 'SIGNING_CERTIFICATE_REFERENCE_MISSING', 'CMS_SIGNING_TIME_PRESENT', 'DOCMDP_NOT_FIRST',
      'DOCMDP_VIOLATION', 'FIELD_LOCKED', 'ILLEGAL_MODIFICATION', 'UNREADABLE_REVISION', 'FILE_TRUNCATED', 'SIGNATURE_REMOVED',
      'TIMESTAMP_MALFORMED',
    ] as const
  ).map((code): [ReasonCode, Verdict] => [code, { indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' }]),
  ['MESSAGE_DIGEST_MISMATCH', { indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' }],
  ['TIMESTAMP_IMPRINT_MISMATCH', { indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' }],
  ['SIGNATURE_INVALID', { indication: 'TOTAL_FAILED', subIndication: 'SIG_CRYPTO_FAILURE' }],
  ['TIMESTAMP_SIGNATURE_INVALID', { indication: 'TOTAL_FAILED', subIndication: 'SIG_CRYPTO_FAILURE' }],
  ['CERTIFICATE_REVOKED', { indication: 'TOTAL_FAILED', subIndication: 'REVOKED' }],
  ['CERTIFICATE_NOT_YET_VALID', { indication: 'TOTAL_FAILED', subIndication: 'NOT_YET_VALID' }],
  // EN 319 102-1 5.2.8: an algorithm we cannot check, or one past its sunset without a proof of existence before it.
  ['ALGORITHM_UNSUPPORTED', { indication: 'INDETERMINATE', subIndication: 'CRYPTO_CONSTRAINTS_FAILURE' }],
  ['ALGORITHM_EXPIRED', { indication: 'INDETERMINATE', subIndication: 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE' }],
  ['SIGNER_CERTIFICATE_NOT_FOUND', { indication: 'INDETERMINATE', subIndication: 'NO_SIGNING_CERTIFICATE_FOUND' }],
  ['SIGNING_CERTIFICATE_REFERENCE_MISMATCH', { indication: 'INDETERMINATE', subIndication: 'NO_SIGNING_CERTIFICATE_FOUND' }],
  ['CHAIN_NOT_TRUSTED', { indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' }],
  ['TIMESTAMP_UNTRUSTED', { indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' }],
  ['CERTIFICATE_EXPIRED_NO_POE', { indication: 'INDETERMINATE', subIndication: 'OUT_OF_BOUNDS_NO_POE' }],
  ['CHAIN_CONSTRAINTS', { indication: 'INDETERMINATE', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' }],
  ['KEY_USAGE', { indication: 'INDETERMINATE', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' }],
  ['TIMESTAMP_NOT_FOR_TIMESTAMPING', { indication: 'INDETERMINATE', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' }],
];

/** Codes that are reported but do not by themselves keep a signature from TOTAL_PASSED. */
export const INFORMATIONAL: ReadonlySet<ReasonCode> = new Set<ReasonCode>(['REVOCATION_UNKNOWN', 'ALGORITHM_WEAK']);

export interface JudgeOptions {
  /** Our own documents must be PAdES baseline (profile.ts): what is a profile note elsewhere fails them. */
  strictProfile?: boolean;
  /** The validation time ("now"): what algorithms are judged at when no timestamp proves an earlier time. */
  validationTime?: Date;
}

export interface Judgement {
  indication: Indication;
  subIndication?: SubIndication;
  /** Reasons the policy itself adds to the facts' problems (profile, algorithm constraints). */
  problems: Reason[];
}

export function judge(facts: SignatureFacts, options: JudgeOptions = {}): Judgement {
  const added = [...(options.strictProfile ? strictProfileProblems(facts) : []), ...algorithmProblems(facts, options.validationTime)];
  const verdict = (judgement: Omit<Judgement, 'problems'>): Judgement => ({ ...judgement, problems: added });
  const problems = [...facts.problems, ...added];
  const codes = new Set(problems.map((problem) => problem.code));
  for (const [code, policy] of POLICY) if (codes.has(code)) return verdict(policy);
  const unknown = problems.find((problem) => !INFORMATIONAL.has(problem.code));
  if (unknown) return verdict({ indication: 'INDETERMINATE' });
  if (!facts.integrity.intact) return verdict({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
  if (!facts.integrity.cryptoValid) return verdict({ indication: 'TOTAL_FAILED', subIndication: 'SIG_CRYPTO_FAILURE' });
  if (!facts.chain?.trusted) return verdict({ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
  return verdict({ indication: 'TOTAL_PASSED' });
}

/**
 * The signature's algorithms at its proven time (a timestamp's proof of existence), else at the validation
 * time; a time-stamp token's own algorithms at the validation time (nothing proves the token older).
 */
function algorithmProblems(facts: SignatureFacts, validationTime: Date | undefined): Reason[] {
  const problems: Reason[] = [];
  const proof = facts.provenTime && facts.provenTime.source !== 'this-timestamp' ? new Date(facts.provenTime.time) : undefined;
  const signatureTime = proof ?? validationTime;
  if (facts.algorithms && signatureTime) problems.push(...judgeAlgorithms(facts.algorithms, signatureTime, !!proof));
  if (facts.timestamp?.algorithms && validationTime) problems.push(...judgeAlgorithms(facts.timestamp.algorithms, validationTime, false, 'the time-stamp token'));
  return problems;
}

/** The profile line of a signature (profile.ts), with the baseline level when it reaches one. */
export function signatureProfile(facts: SignatureFacts, laterDocumentTimestamp: boolean): SignatureProfile | undefined {
  return profileOf(facts, padesLevel(facts, laterDocumentTimestamp));
}

/** PAdES baseline level the signature reaches (EN 319 142-1, 6): undefined for document timestamps and failures. */
export function padesLevel(facts: SignatureFacts, laterDocumentTimestamp: boolean): PadesLevel | undefined {
  if (facts.kind === 'document-timestamp' || facts.subFilter !== 'ETSI.CAdES.detached') return undefined;
  if (!facts.integrity.intact || !facts.integrity.cryptoValid || baselineNotes(facts).length > 0) return undefined;
  if (!facts.provenTime) return 'B-B';
  if (!facts.hasValidationData) return 'B-T';
  return laterDocumentTimestamp ? 'B-LTA' : 'B-LT';
}
