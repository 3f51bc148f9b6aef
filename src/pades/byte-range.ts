/**
 * The /ByteRange + /Contents placeholder of a signature dictionary (ISO 32000-1, 12.8.1) and the splice
 * that fills it in place. Works on raw bytes only: no CMS, no keys. The dictionary is written by hand
 * (not through serializeValue) because its byte layout must be known before the file exists: the
 * placeholder widths are fixed, so filling them never moves a byte.
 */
import { createHash, type Hash } from 'node:crypto';
import type { DigestAlgorithm } from '../crypto/crypto-provider';
import { SigningError } from '../errors';
import { nodeDigestName } from '../crypto/key-signing';
import { PdfDict, serializeValue } from '../pdf/objects';

/** Ten digits per number: offsets and lengths up to 9,999,999,999 bytes, far beyond any PDF we accept. */
const NUMBER_WIDTH = 10;
/** `[0 a b c]` with a, b, c each padded by trailing spaces inside the brackets. */
const BYTE_RANGE_WIDTH = '[0 '.length + 3 * (NUMBER_WIDTH + 1) + ']'.length;

export interface SignaturePlaceholder {
  /** The complete dictionary `<<...>>`, to be passed to IncrementalUpdate.setRaw. */
  body: Buffer;
  /** Offset in `body` of the `[` of the /ByteRange array. */
  byteRangeAt: number;
  /** Offset in `body` of the `<` of the /Contents hex string. */
  contentsAt: number;
  /** Capacity of /Contents in bytes (the hex string holds twice as many digits). */
  contentsCapacity: number;
}

/** Where the placeholder landed in the written file, and the byte range it will declare. */
export interface PlacedSignature {
  /** [0, offset of `<`, offset after `>`, bytes from there to the end of the file]. */
  byteRange: [number, number, number, number];
  contentsCapacity: number;
}

/**
 * Builds the signature dictionary with a zeroed /ByteRange and /Contents placeholder.
 * `entries` holds every other entry (/Type, /Filter, /SubFilter, /M, ...); they are written first.
 */
export function buildSignaturePlaceholder(entries: PdfDict, contentsCapacity: number): SignaturePlaceholder {
  if (entries.has('ByteRange') || entries.has('Contents')) {
    throw new TypeError('buildSignaturePlaceholder writes /ByteRange and /Contents itself');
  }
  const head = serializeValue(entries).slice(0, -2); // without the closing ">>"
  const byteRangePrefix = `${head} /ByteRange `;
  const contentsPrefix = `${byteRangePrefix}${'[0 0 0 0]'.padEnd(BYTE_RANGE_WIDTH - 1, ' ')}] /Contents `;
  const text = `${contentsPrefix}<${'0'.repeat(contentsCapacity * 2)}>>>`;
  return {
    body: Buffer.from(text, 'latin1'),
    byteRangeAt: Buffer.byteLength(byteRangePrefix, 'latin1'),
    contentsAt: Buffer.byteLength(contentsPrefix, 'latin1'),
    contentsCapacity,
  };
}

/**
 * Finds the placeholder in the written file and writes the final /ByteRange into it, in place.
 * `objectOffset` is the offset of the signature dictionary's `N G obj` line (IncrementalUpdate.write()'s
 * objectOffsets); the body is looked for right after that header only, never elsewhere in the file.
 */
export function placeSignature(file: Buffer, objectOffset: number, placeholder: SignaturePlaceholder): PlacedSignature {
  const headerEnd = file.indexOf('obj', objectOffset, 'latin1');
  const bodyStart = headerEnd < 0 ? -1 : file.indexOf(placeholder.body.subarray(0, 16), headerEnd);
  if (headerEnd < 0 || bodyStart < 0 || bodyStart - objectOffset > 32 || !file.subarray(bodyStart, bodyStart + placeholder.body.length).equals(placeholder.body)) {
    throw new Error(`The signature dictionary was not written where the writer said (offset ${objectOffset})`);
  }
  const contentsStart = bodyStart + placeholder.contentsAt;
  const contentsEnd = contentsStart + placeholder.contentsCapacity * 2 + 2;
  const byteRange: PlacedSignature['byteRange'] = [0, contentsStart, contentsEnd, file.length - contentsEnd];
  const text = `[${byteRange.join(' ')}`.padEnd(BYTE_RANGE_WIDTH - 1, ' ') + ']';
  if (text.length !== BYTE_RANGE_WIDTH) throw new Error(`File too large for the /ByteRange placeholder: ${file.length} bytes`);
  file.write(text, bodyStart + placeholder.byteRangeAt, 'latin1');
  return { byteRange, contentsCapacity: placeholder.contentsCapacity };
}

/** The digest of the signed bytes: everything but the /Contents hex string, including its brackets. */
export function digestSignedBytes(file: Uint8Array, placed: PlacedSignature, algorithm: DigestAlgorithm): Buffer {
  const [a, b, c, d] = placed.byteRange;
  const hash = createHash(nodeDigestName(algorithm));
  hash.update(file.subarray(a, a + b));
  hash.update(file.subarray(c, c + d));
  return hash.digest();
}

/**
 * A SHA-256 over a growing document's first `length` bytes, carried through its signature updates: each
 * update's signed-bytes digest goes on from it (when SHA-256) and then it covers the whole output, so
 * that the revisions' hashes cost no second pass over the document.
 */
export class RunningSha256 {
  private hash: Hash = createHash('sha256');
  private covered = 0;

  get length(): number {
    return this.covered;
  }

  /** Extends the hash to `bytes[0, end)`; `bytes` must start with the bytes already covered. */
  advance(bytes: Uint8Array, end = bytes.length): void {
    if (end < this.covered) throw new RangeError(`the hash already covers ${this.covered} bytes, more than ${end}`);
    this.hash.update(bytes.subarray(this.covered, end));
    this.covered = end;
  }

  /** The digest of the signed bytes, going on from this hash: `file` extends what it covers, the placeholder after it. */
  signedDigest(file: Uint8Array, placed: PlacedSignature): { digest: Buffer; through: RunningSha256 } {
    const [, b, c] = placed.byteRange;
    const through = new RunningSha256();
    through.hash = this.hash.copy().update(file.subarray(this.covered, b));
    through.covered = b;
    return { digest: through.hash.copy().update(file.subarray(c)).digest(), through };
  }

  /** Takes over `other`, a copy that went on from this one (signedDigest's). */
  adopt(other: RunningSha256): void {
    this.hash = other.hash;
    this.covered = other.covered;
  }

  hex(): string {
    return this.hash.copy().digest('hex');
  }
}

/** Writes the DER signature into /Contents, zero-padded; fails if it does not fit. */
export function fillContents(file: Buffer, placed: PlacedSignature, der: Uint8Array): void {
  if (der.length > placed.contentsCapacity) {
    throw new SigningError('ERR_PLACEHOLDER_TOO_SMALL', `The signature (${der.length} bytes) does not fit the /Contents placeholder (${placed.contentsCapacity} bytes)`);
  }
  const hex = Buffer.from(der).toString('hex').toUpperCase();
  file.write(hex, placed.byteRange[1] + 1, 'latin1');
}
