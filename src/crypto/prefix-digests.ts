/**
 * The digests of one file's signed byte ranges in one pass. Each signature of an incrementally updated PDF
 * signs the file from byte 0 up to its /Contents hole, then the rest of its revision: the ranges of later
 * signatures contain those of earlier ones, and the file's own SHA-256 contains them all. Hashing each
 * range from the start hashes the file once per signature; here one running hash per algorithm moves
 * forward through the file and each range's digest starts from a copy of it at its hole, so the file is
 * hashed about once. Without an incremental hash (WebCrypto) every digest is computed on its own.
 *
 * One instance serves one verification of one byte array that does not change meanwhile.
 */
import { keptOrMade } from '../asn1/der-cache';
import type { CryptoProvider, DigestAlgorithm, IncrementalDigest } from './crypto-provider';

export class PrefixDigests {
  private readonly running = new Map<DigestAlgorithm, { hash: IncrementalDigest; position: number }>();
  /** By the very parts array: a signature's byte ranges are hashed for its report and for its message digest. */
  private readonly done = new WeakMap<readonly Uint8Array[], Map<DigestAlgorithm, Promise<Uint8Array>>>();

  constructor(
    private readonly crypto: CryptoProvider,
    private readonly bytes: Uint8Array,
  ) {}

  /** The digest of the concatenation of `parts`, the same value as `crypto.digest`. */
  digest(algorithm: DigestAlgorithm, parts: readonly Uint8Array[]): Promise<Uint8Array> {
    return keptOrMade(keptOrMade(this.done, parts, () => new Map()), algorithm, () => this.compute(algorithm, parts));
  }

  private compute(algorithm: DigestAlgorithm, parts: readonly Uint8Array[]): Promise<Uint8Array> {
    const [first, ...rest] = parts;
    if (!first || !this.startsTheFile(first)) return this.crypto.digest(algorithm, parts);
    let state = this.running.get(algorithm);
    if (!state || state.position > first.length) {
      const hash = this.crypto.startDigest?.(algorithm);
      if (!hash) return this.crypto.digest(algorithm, parts);
      state = { hash, position: 0 };
      this.running.set(algorithm, state);
    }
    state.hash.update(this.bytes.subarray(state.position, first.length));
    state.position = first.length;
    const hash = state.hash.copy();
    for (const part of rest) hash.update(part);
    return Promise.resolve(hash.digest());
  }

  private startsTheFile(part: Uint8Array): boolean {
    return part.buffer === this.bytes.buffer && part.byteOffset === this.bytes.byteOffset && part.length <= this.bytes.length;
  }
}
