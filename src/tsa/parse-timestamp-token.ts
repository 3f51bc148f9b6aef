/**
 * Parses an RFC 3161 TimeStampToken (a CMS SignedData whose content is a TSTInfo) into facts:
 * genTime, message imprint, policy, serial, nonce, and the TSA's SignerInfo for the verifier to check.
 * Pure: it does not hash, verify or judge. The TSTInfo is read with the strict DER walker, not
 * @peculiar/asn1-tsp: a document carries one token per signature and the schema decoder was the
 * largest single cost of a verification.
 */
import { BER, contentBytes, decodeOid, expectTag, readChildren, readElement, toHex, type DerElement } from '../asn1/der';
import { OID, type DigestAlgorithm } from '../asn1/oids';
import {
  CmsFormatError, digestAlgorithmFromOid, parseSignedData, readAlgorithm, readTime, readingCms, type ParseSignedDataOptions, type SignedDataFacts, type SignerInfoFacts,
} from '../cms/parse-signed-data';

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
  if (signedData.encapsulatedContentType !== OID.tstInfo) {
    throw new CmsFormatError(`time-stamp token content is ${signedData.encapsulatedContentType}, not TSTInfo`);
  }
  if (!signedData.encapsulatedContent) throw new CmsFormatError('time-stamp token has no TSTInfo (detached content)');
  if (signedData.signerInfos.length !== 1) {
    throw new CmsFormatError(`time-stamp token has ${signedData.signerInfos.length} SignerInfos, RFC 3161 allows one`);
  }
  const tstInfoDer = signedData.encapsulatedContent;
  const info = readingCms(() => parseTstInfo(tstInfoDer));
  return {
    signedData,
    signerInfo: signedData.signerInfos[0],
    tstInfoDer,
    ...info,
  };
}

type TstInfoFacts = Pick<TimeStampTokenFacts, 'genTime' | 'policy' | 'imprintAlgorithmOid' | 'imprintAlgorithm' | 'imprint' | 'serialHex' | 'nonceHex' | 'accuracyMs'>;

/** TSTInfo (RFC 3161, 2.4.2): version, policy, messageImprint, serialNumber, genTime, accuracy, ordering, nonce, tsa, extensions. */
function parseTstInfo(der: Uint8Array): TstInfoFacts {
  const outer = expectTag(readElement(der, 0, BER), 0x30, 'TSTInfo');
  if (outer.end !== der.length) throw new CmsFormatError('bytes after the TSTInfo');
  const fields = readChildren(der, outer, BER);
  let index = 0;
  const version = contentBytes(der, expectTag(fields[index++], 0x02, 'TSTInfo.version'));
  if (version.length !== 1 || version[0] !== 1) throw new CmsFormatError('TSTInfo.version is not 1');
  const policy = decodeOid(der, expectTag(fields[index++], 0x06, 'TSTInfo.policy'));
  const [algorithm, hashed] = readChildren(der, expectTag(fields[index++], 0x30, 'TSTInfo.messageImprint'), BER);
  const imprintAlgorithmOid = readAlgorithm(der, algorithm, 'messageImprint.hashAlgorithm').oid;
  const imprint = contentBytes(der, expectTag(hashed, 0x04, 'messageImprint.hashedMessage'));
  const serialHex = toHex(contentBytes(der, expectTag(fields[index++], 0x02, 'TSTInfo.serialNumber')));
  const genTimeTlv = expectTag(fields[index++], 0x18, 'TSTInfo.genTime');
  const genTime = readTime(der, genTimeTlv);
  let accuracyMs: number | undefined;
  if (fields[index]?.tag === 0x30) accuracyMs = readAccuracy(der, fields[index++]!);
  if (fields[index]?.tag === 0x01) index++;
  let nonceHex: string | undefined;
  if (fields[index]?.tag === 0x02) nonceHex = toHex(contentBytes(der, fields[index++]!));
  return { genTime, policy, imprintAlgorithmOid, imprintAlgorithm: digestAlgorithmFromOid(imprintAlgorithmOid), imprint, serialHex, nonceHex, accuracyMs };
}

function readAccuracy(der: Uint8Array, accuracy: DerElement): number {
  let ms = 0;
  for (const part of readChildren(der, accuracy, BER)) {
    let value = 0;
    for (const byte of contentBytes(der, part)) value = value * 256 + byte;
    if (part.tag === 0x02) ms += value * 1000;
    else if (part.tag === 0x80) ms += value;
    else if (part.tag === 0x81) ms += value / 1000;
  }
  return ms;
}
