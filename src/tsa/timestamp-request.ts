/** RFC 3161 §2.4 TimeStampReq and TimeStampResp: encoding (client) and decoding (built-in TSA). */
import { AsnConvert } from '@peculiar/asn1-schema';
import { TimeStampReq } from '@peculiar/asn1-tsp';
import type { DigestAlgorithm } from '../crypto/crypto-provider';
import { digestAlgorithmIdentifier } from '../cms/cms-attributes';
import { TAG, derBoolean, derNamedBits, derOctetString, derOid, derSequence, derSmallInteger, derUnsignedInteger, elementBytes, readChildren, readElement, tlv } from '../asn1/der';

export interface TimeStampRequestInput {
  messageImprint: Uint8Array;
  digestAlgorithm: DigestAlgorithm;
  /** Positive nonce magnitude bytes. */
  nonce?: Uint8Array;
  certReq: boolean;
  policyOid?: string;
}

export function encodeTimeStampRequest(input: TimeStampRequestInput): Uint8Array {
  return derSequence(
    derSmallInteger(1),
    derSequence(digestAlgorithmIdentifier(input.digestAlgorithm), derOctetString(input.messageImprint)),
    ...(input.policyOid ? [derOid(input.policyOid)] : []),
    ...(input.nonce ? [derUnsignedInteger(input.nonce)] : []),
    ...(input.certReq ? [derBoolean(true)] : []),
  );
}

export interface DecodedTimeStampRequest {
  request: TimeStampReq;
  /** The MessageImprint DER exactly as the client sent it (RFC 3161 §2.4.2: echoed unchanged). */
  messageImprintDer: Uint8Array;
  /** Content bytes of the nonce INTEGER exactly as sent. */
  nonceBytes: Uint8Array | undefined;
}

/** Throws on bytes that are not a TimeStampReq. */
export function decodeTimeStampRequest(der: Uint8Array): DecodedTimeStampRequest {
  const request = AsnConvert.parse(der, TimeStampReq);
  const outer = readElement(der, 0);
  if (outer.end !== der.length) throw new RangeError('trailing bytes after the TimeStampReq');
  const fields = readChildren(der, outer);
  const nonceElement = fields.find((field) => field.tag === TAG.INTEGER && field !== fields[0]);
  return {
    request,
    messageImprintDer: elementBytes(der, fields[1]!),
    nonceBytes: nonceElement ? der.subarray(nonceElement.contentStart, nonceElement.end) : undefined,
  };
}

/** PKIStatus values (RFC 3161 §2.4.2). */
export const PKI_STATUS = { granted: 0, grantedWithMods: 1, rejection: 2, waiting: 3, revocationWarning: 4, revocationNotification: 5 } as const;

/** PKIFailureInfo bit numbers (RFC 3161 §2.4.2). */
export const PKI_FAILURE = {
  badAlg: 0,
  badRequest: 2,
  badDataFormat: 5,
  timeNotAvailable: 14,
  unacceptedPolicy: 15,
  unacceptedExtension: 16,
  addInfoNotAvailable: 17,
  systemFailure: 25,
} as const;

export type PkiFailure = keyof typeof PKI_FAILURE;

/** TimeStampResp with status granted and the token, or rejection with a failure bit and a text. */
export function encodeTimeStampResponse(
  result: { token: Uint8Array } | { failure: PkiFailure; text: string },
): Uint8Array {
  if ('token' in result) return derSequence(derSequence(derSmallInteger(PKI_STATUS.granted)), result.token);
  return derSequence(
    derSequence(
      derSmallInteger(PKI_STATUS.rejection),
      derSequence(tlv(TAG.UTF8_STRING, new TextEncoder().encode(result.text))),
      derNamedBits([PKI_FAILURE[result.failure]]),
    ),
  );
}
