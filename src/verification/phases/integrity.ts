/**
 * Phase "integrity": the cryptography of each signature over its /ByteRange: the CMS SignedData (RFC 5652,
 * ETSI EN 319 122-1) or, for a document timestamp, the RFC 3161 token whose imprint is the digest of the
 * signed bytes (ETSI EN 319 142-1, 5.4.3); and the signature-time-stamp of a CMS signature.
 */
import { isSignerPseudonym } from '../../domain/signer-pseudonym-format';
import { toHex } from '../../asn1/der';
import { OID } from '../../asn1/oids';
import { checkPdfSignatureCms } from '../checks/cms-signature';
import { checkTimestamp } from '../checks/timestamp';
import type { ValidationContext } from '../path/validate-path';
import type { SignatureRecord } from './signature-records';

export async function checkIntegrity(context: ValidationContext, records: readonly SignatureRecord[]): Promise<void> {
  for (const record of records) await checkRecord(context, record);
}

async function checkRecord(context: ValidationContext, record: SignatureRecord): Promise<void> {
  const { byteRange, facts } = record;
  if (!byteRange.parts || !byteRange.contents || facts.problems.some((problem) => problem.code === 'SUBFILTER_UNSUPPORTED')) return;
  // A copy of the running hash when the signature used SHA-256 too (prefix-digests.ts): no second pass.
  facts.signedBytesSha256 = toHex(await context.digestContent('SHA-256', byteRange.parts));
  if (facts.kind === 'document-timestamp') {
    const checked = await checkTimestamp(context, byteRange.contents, byteRange.parts, true);
    record.timestamp = checked;
    facts.timestamp = checked.facts;
    facts.integrity = { intact: checked.facts.imprintMatches, cryptoValid: checked.facts.signatureValid };
    facts.problems.push(...checked.facts.problems.filter((problem) => problem.code !== 'TIMESTAMP_IMPRINT_MISMATCH'));
    if (!checked.facts.imprintMatches && checked.token) facts.problems.push({ code: 'MESSAGE_DIGEST_MISMATCH', detail: 'the document timestamp\'s imprint is not the digest of its signed bytes' });
    return;
  }
  const cms = await checkPdfSignatureCms(context, byteRange.contents, byteRange.parts, facts.subFilter);
  facts.integrity = { intact: cms.intact, cryptoValid: cms.cryptoValid };
  if (cms.algorithms) facts.algorithms = cms.algorithms;
  if (cms.profile) facts.cms = cms.profile;
  facts.problems.push(...cms.problems);
  // One parts array for the signature value: its SHA-256 is also the signature-time-stamp's usual imprint.
  const signatureValue = cms.signerInfo ? [cms.signerInfo.signature] : [];
  if (cms.signerInfo) facts.signatureValueSha256 = toHex(await context.digestContent('SHA-256', signatureValue));
  if (cms.signer) {
    const signer = cms.signer;
    record.signer = signer;
    facts.signer = await context.summary(signer);
    const serialNumber = signer.subjectAttribute(OID.serialNumber);
    const pseudonym = serialNumber !== undefined && isSignerPseudonym(serialNumber);
    const names = {
      commonName: signer.subjectAttribute(OID.commonName),
      givenName: signer.subjectAttribute(OID.givenName),
      surname: signer.subjectAttribute(OID.surname),
      serialNumber: pseudonym ? undefined : serialNumber,
      pseudonym: pseudonym ? serialNumber : undefined,
      organization: signer.subjectAttribute(OID.organizationName),
    };
    facts.signerNames = Object.fromEntries(Object.entries(names).filter(([, value]) => value !== undefined));
  }
  const token = cms.signerInfo?.signatureTimeStampTokens[0];
  if (token && cms.signerInfo) {
    // EN 319 122-1 5.3: the signature-time-stamp's imprint is the hash of this SignerInfo's signature value.
    const checked = await checkTimestamp(context, token, signatureValue);
    record.timestamp = checked;
    facts.timestamp = checked.facts;
    facts.problems.push(...checked.facts.problems);
  }
}
