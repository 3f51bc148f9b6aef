/**
 * The validation policy: turns a signature's facts into an ETSI EN 319 102-1 indication and
 * sub-indication (5.1.2, 5.1.3) and its PAdES baseline level (ETSI EN 319 142-1). Which problem weighs
 * how much is decided here and nowhere else; the checks only state facts.
 */
import type { Indication, PadesLevel, ReasonCode, SignatureFacts, SubIndication } from './model';

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
      'CMS_MALFORMED', 'CMS_SIGNER_COUNT', 'CMS_ATTRIBUTES_MALFORMED', 'CMS_CONTENT_TYPE', 'CMS_DIGEST_ALGORITHM_UNSUPPORTED',
      'MESSAGE_DIGEST_MISSING', 'SIGNING_CERTIFICATE_REFERENCE_MISSING', 'CMS_SIGNING_TIME_PRESENT', 'DOCMDP_NOT_FIRST',
      'DOCMDP_VIOLATION', 'FIELD_LOCKED', 'ILLEGAL_MODIFICATION', 'UNREADABLE_REVISION', 'TIMESTAMP_MALFORMED',
    ] as const
  ).map((code): [ReasonCode, Verdict] => [code, { indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' }]),
  ['MESSAGE_DIGEST_MISMATCH', { indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' }],
  ['TIMESTAMP_IMPRINT_MISMATCH', { indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' }],
  ['SIGNATURE_INVALID', { indication: 'TOTAL_FAILED', subIndication: 'SIG_CRYPTO_FAILURE' }],
  ['TIMESTAMP_SIGNATURE_INVALID', { indication: 'TOTAL_FAILED', subIndication: 'SIG_CRYPTO_FAILURE' }],
  ['CERTIFICATE_REVOKED', { indication: 'TOTAL_FAILED', subIndication: 'REVOKED' }],
  ['CERTIFICATE_NOT_YET_VALID', { indication: 'TOTAL_FAILED', subIndication: 'NOT_YET_VALID' }],
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
export const INFORMATIONAL: ReadonlySet<ReasonCode> = new Set<ReasonCode>(['REVOCATION_UNKNOWN']);

export function judge(facts: SignatureFacts): { indication: Indication; subIndication?: SubIndication } {
  const codes = new Set(facts.problems.map((problem) => problem.code));
  for (const [code, verdict] of POLICY) if (codes.has(code)) return verdict;
  const unknown = facts.problems.find((problem) => !INFORMATIONAL.has(problem.code));
  if (unknown) return { indication: 'INDETERMINATE' };
  if (!facts.integrity.intact) return { indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' };
  if (!facts.integrity.cryptoValid) return { indication: 'TOTAL_FAILED', subIndication: 'SIG_CRYPTO_FAILURE' };
  if (!facts.chain?.trusted) return { indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' };
  return { indication: 'TOTAL_PASSED' };
}

/** PAdES baseline level the signature reaches (EN 319 142-1, 6): undefined for document timestamps and failures. */
export function padesLevel(facts: SignatureFacts, laterDocumentTimestamp: boolean): PadesLevel | undefined {
  if (facts.kind === 'document-timestamp' || facts.subFilter !== 'ETSI.CAdES.detached') return undefined;
  if (!facts.integrity.intact || !facts.integrity.cryptoValid) return undefined;
  if (!facts.provenTime) return 'B-B';
  if (!facts.hasValidationData) return 'B-T';
  return laterDocumentTimestamp ? 'B-LTA' : 'B-LT';
}
