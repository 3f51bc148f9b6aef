/**
 * Validation of an RFC 3161 time-stamp token (ETSI EN 319 102-1, 5.4 "time-stamp validation building
 * block"): the imprint equals the hash of what it claims to date, the TSA's CMS signature holds over the
 * TSTInfo, and the TSA certificate chains to a trust anchor with the timeStamping EKU.
 */
import { bytesEqual, toHex } from '../../asn1/der';
import { OID } from '../../asn1/oids';
import { CmsFormatError } from '../../cms/parse-signed-data';
import { parseTimeStampToken, type TimeStampTokenFacts } from '../../tsa/parse-timestamp-token';
import type { Reason, TimestampFacts } from '../model';
import { validatePath, type ValidationContext } from '../path/validate-path';
import { checkCmsSignature } from './cms-signature';

export interface CheckedTimestamp {
  facts: TimestampFacts;
  token?: TimeStampTokenFacts;
  /** True when imprint, TSA signature and TSA chain all hold: its genTime is a proof of existence. */
  valid: boolean;
}

/** `imprinted` is the data whose hash the token must carry (a signature value, or the /ByteRange bytes). */
export async function checkTimestamp(context: ValidationContext, der: Uint8Array, imprinted: readonly Uint8Array[], padded = false): Promise<CheckedTimestamp> {
  const problems: Reason[] = [];
  let token: TimeStampTokenFacts;
  try {
    token = parseTimeStampToken(der, { allowZeroPadding: padded });
  } catch (error) {
    if (!(error instanceof CmsFormatError)) throw error;
    problems.push({ code: 'TIMESTAMP_MALFORMED', detail: error.message });
    return { facts: { genTime: '', tsa: '', policy: '', serialHex: '', imprintMatches: false, signatureValid: false, problems }, valid: false };
  }
  let imprintMatches = false;
  // A weak imprint hash (SHA-1) is the algorithm policy's to judge (algorithm-policy.ts), not a mismatch.
  if (token.imprintAlgorithm) {
    imprintMatches = bytesEqual(await context.digestContent(token.imprintAlgorithm, imprinted), token.imprint);
  }
  if (!imprintMatches) problems.push({ code: 'TIMESTAMP_IMPRINT_MISMATCH', detail: 'the token\'s message imprint is not the hash of the data it should date' });

  const cms = await checkCmsSignature(context, token.signedData, [token.tstInfoDer], { contentType: OID.tstInfo, padded: false, detached: false });
  const signatureValid = cms.intact && cms.cryptoValid && !cms.problems.some((problem) => problem.code === 'SIGNING_CERTIFICATE_REFERENCE_MISMATCH');
  const unsupported = cms.problems.find((problem) => problem.code === 'ALGORITHM_UNSUPPORTED');
  if (unsupported) {
    // A TSA algorithm we cannot check leaves the token unproven (INDETERMINATE), not forged.
    problems.push({ code: 'ALGORITHM_UNSUPPORTED', detail: `time-stamp token: ${unsupported.detail ?? ''}` });
  } else if (!signatureValid) {
    problems.push({ code: 'TIMESTAMP_SIGNATURE_INVALID', detail: cms.problems.map((problem) => problem.detail ?? problem.code).join('; ') || 'the TSA signature does not verify' });
  }
  const facts: TimestampFacts = {
    sha256: toHex(await context.crypto.digest('SHA-256', [token.signedData.der])),
    genTime: token.genTime.toISOString(),
    tsa: cms.signer?.subject ?? '',
    policy: token.policy,
    serialHex: token.serialHex,
    imprintMatches,
    signatureValid,
    ...(cms.algorithms ? { algorithms: { ...cms.algorithms, imprint: token.imprintAlgorithm ?? token.imprintAlgorithmOid } } : {}),
    problems,
  };
  if (cms.signer) {
    facts.chain = await validatePath(context, cms.signer, { purpose: 'timestamping', time: token.genTime, timeIsProven: true });
    if (!facts.chain.trusted) problems.push({ code: 'TIMESTAMP_UNTRUSTED', detail: `the TSA "${cms.signer.subject}" does not chain to a trust anchor` });
    for (const problem of facts.chain.problems) if (problem.code !== 'CHAIN_NOT_TRUSTED') problems.push(problem);
  }
  return { facts, token, valid: imprintMatches && signatureValid && !!facts.chain?.trusted && facts.chain.problems.length === 0 };
}
