/**
 * Parses an RFC 3161 TimeStampToken (a CMS SignedData whose content is a TSTInfo) into facts:
 * genTime, message imprint, policy, serial, nonce, and the TSA's SignerInfo for the verifier to check.
 * Pure: it does not hash, verify or judge.
 */
import { AsnParser } from '@peculiar/asn1-schema';
import { TSTInfo } from '@peculiar/asn1-tsp';
import type { DigestAlgorithm } from '../crypto/crypto-provider';
import { CmsFormatError, exactBuffer, toHex } from '../cms/parse-der';
import { digestAlgorithmFromOid, parseSignedData, type ParseSignedDataOptions, type SignedDataFacts, type SignerInfoFacts } from '../cms/parse-signed-data';

export const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';

export interface TimeStampTokenFacts {
  signedData: SignedDataFacts;
  /** The one SignerInfo of the TSA (RFC 3161, 2.4.2 allows only one). */
  signerInfo: SignerInfoFacts;
  /** The TSTInfo DER the TSA signed (its digest is the SignerInfo's message-digest). */
  tstInfoDer: Uint8Array;
  genTime: Date;
  policy: string;
  imprintAlgorithmOid: string;
  imprintAlgorithm: DigestAlgorithm | undefined;
  imprint: Uint8Array;
  serialHex: string;
  nonceHex?: string;
  /** Accuracy in milliseconds, when stated. */
  accuracyMs?: number;
}

/**
 * @example
 *   const token = parseTimeStampToken(signerInfo.signatureTimeStampTokens[0]);
 *   token.genTime.toISOString();
 */
export function parseTimeStampToken(der: Uint8Array, options: ParseSignedDataOptions = {}): TimeStampTokenFacts {
  const signedData = parseSignedData(der, options);
  if (signedData.encapsulatedContentType !== OID_TST_INFO) {
    throw new CmsFormatError(`time-stamp token content is ${signedData.encapsulatedContentType}, not TSTInfo`);
  }
  if (!signedData.encapsulatedContent) throw new CmsFormatError('time-stamp token has no TSTInfo (detached content)');
  if (signedData.signerInfos.length !== 1) {
    throw new CmsFormatError(`time-stamp token has ${signedData.signerInfos.length} SignerInfos, RFC 3161 allows one`);
  }
  const tstInfoDer = signedData.encapsulatedContent;
  let info: TSTInfo;
  try {
    info = AsnParser.parse(exactBuffer(tstInfoDer), TSTInfo);
  } catch (error) {
    throw new CmsFormatError(`TSTInfo cannot be parsed: ${(error as Error).message}`);
  }
  if (!(info.genTime instanceof Date) || Number.isNaN(info.genTime.getTime())) throw new CmsFormatError('TSTInfo.genTime is not a time');
  const accuracy = info.accuracy;
  const accuracyMs = accuracy ? (accuracy.seconds ?? 0) * 1000 + (accuracy.millis ?? 0) + (accuracy.micros ?? 0) / 1000 : undefined;
  return {
    signedData,
    signerInfo: signedData.signerInfos[0],
    tstInfoDer,
    genTime: info.genTime,
    policy: info.policy,
    imprintAlgorithmOid: info.messageImprint.hashAlgorithm.algorithm,
    imprintAlgorithm: digestAlgorithmFromOid(info.messageImprint.hashAlgorithm.algorithm),
    imprint: new Uint8Array(info.messageImprint.hashedMessage.buffer),
    serialHex: toHex(new Uint8Array(info.serialNumber)),
    nonceHex: info.nonce ? toHex(new Uint8Array(info.nonce)) : undefined,
    accuracyMs,
  };
}
