/** The seam between signing and a time-stamping authority (RFC 3161): in-process or over HTTP. */
import type { DigestAlgorithm } from '../crypto/crypto-provider';

export interface Timestamper {
  /**
   * A TimeStampToken (DER ContentInfo with SignedData over TSTInfo) whose messageImprint is
   * `messageImprint`, which is already the hash of the data with `digestAlgorithm`.
   */
  timestamp(messageImprint: Uint8Array, digestAlgorithm: DigestAlgorithm): Promise<Uint8Array>;
  /** An upper bound of the token size in bytes, for sizing a signature placeholder. */
  readonly maxTokenSize: number;
  /**
   * The TSA's certificate and the CAs above it, as far as known, for the validation data (DSS) of the
   * signatures it time-stamps; the certificates its tokens carry are added to them there.
   */
  readonly certificateChain: readonly Uint8Array[];
}
