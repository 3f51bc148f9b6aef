/** The seam between signing and a time-stamping authority (RFC 3161): in-process or over HTTP. */
import type { DigestAlgorithm } from '../crypto/crypto-provider';
import { parseTimeStampToken } from './parse-timestamp-token';

export interface Timestamper {
  /**
   * A TimeStampToken (DER ContentInfo with SignedData over TSTInfo) whose messageImprint is
   * `messageImprint`, which is already the hash of the data with `digestAlgorithm`.
   */
  timestamp(messageImprint: Uint8Array, digestAlgorithm: DigestAlgorithm): Promise<Uint8Array>;
  /**
   * The same token with what the DSS needs of it, from a TSA that knows them without parsing the token
   * (the built-in one); issueTimestamp reads them from the token otherwise.
   */
  issue?(messageImprint: Uint8Array, digestAlgorithm: DigestAlgorithm): Promise<IssuedTimestamp>;
  /** An upper bound of the token size in bytes, for sizing a signature placeholder. */
  readonly maxTokenSize: number;
  /**
   * The TSA's certificate and the CAs above it, as far as known, for the validation data (DSS) of the
   * signatures it time-stamps; the certificates its tokens carry are added to them there.
   */
  readonly certificateChain: readonly Uint8Array[];
}

/** A token and the facts of it the validation data depends on. */
export interface IssuedTimestamp {
  token: Uint8Array;
  /** TSTInfo.genTime as the token states it. */
  genTime: Date;
  /** The token's SignedData.certificates, in their DER order. */
  certificates: readonly Uint8Array[];
}

export async function issueTimestamp(timestamper: Timestamper, messageImprint: Uint8Array, digestAlgorithm: DigestAlgorithm): Promise<IssuedTimestamp> {
  if (timestamper.issue) return timestamper.issue(messageImprint, digestAlgorithm);
  const token = await timestamper.timestamp(messageImprint, digestAlgorithm);
  const facts = parseTimeStampToken(token);
  return { token, genTime: facts.genTime, certificates: facts.signedData.certificates };
}
