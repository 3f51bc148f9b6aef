/**
 * The one DER writer and reader (X.690 §8, §10) of the certificate, CRL, OCSP, CMS and RFC 3161 code.
 * Structures with many fields are encoded with @peculiar/asn1-*; this module concatenates TLVs and walks
 * them, so embedded certificates and tokens are never re-encoded and the verifier gets the exact bytes of
 * nested elements (certificates as signed, the signed attributes as a SET), which a schema decoder drops.
 * Pure: Uint8Array only, no Node API.
 */

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** One TLV with a single-byte tag (all tags used here are below 31). */
export function tlv(tag: number, ...contents: readonly Uint8Array[]): Uint8Array {
  const body = contents.length === 1 ? contents[0]! : concatBytes(contents);
  const length = encodeLength(body.length);
  const out = new Uint8Array(1 + length.length + body.length);
  out[0] = tag;
  out.set(length, 1);
  out.set(body, 1 + length.length);
  return out;
}

export function derSequence(...contents: readonly Uint8Array[]): Uint8Array {
  return tlv(TAG.SEQUENCE, ...contents);
}

/** SET OF with its elements in DER order (X.690 §11.6: ascending by their encodings). */
export function derSetOf(elements: readonly Uint8Array[]): Uint8Array {
  return tlv(TAG.SET, ...[...elements].sort(compareBytes));
}

/** [n] EXPLICIT, constructed context-specific tag. */
export function derExplicit(tagNumber: number, ...contents: readonly Uint8Array[]): Uint8Array {
  return tlv(0xa0 | tagNumber, ...contents);
}

/** INTEGER from unsigned big-endian magnitude bytes (leading zeros trimmed, a 0x00 added when the top bit is set). */
export function derUnsignedInteger(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  const body = trimmed.length === 0 ? Uint8Array.of(0) : (trimmed[0]! & 0x80) !== 0 ? concatBytes([Uint8Array.of(0), trimmed]) : trimmed;
  return tlv(TAG.INTEGER, body);
}

export function derSmallInteger(value: number): Uint8Array {
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return derUnsignedInteger(Uint8Array.from(bytes));
}

export function derOctetString(bytes: Uint8Array): Uint8Array {
  return tlv(TAG.OCTET_STRING, bytes);
}

/** BIT STRING of whole bytes (no unused bits). */
export function derBitString(bytes: Uint8Array): Uint8Array {
  return tlv(TAG.BIT_STRING, Uint8Array.of(0), bytes);
}

export function derNull(): Uint8Array {
  return Uint8Array.of(TAG.NULL, 0);
}

export function derBoolean(value: boolean): Uint8Array {
  return Uint8Array.of(TAG.BOOLEAN, 1, value ? 0xff : 0);
}

export function derUtf8String(text: string): Uint8Array {
  return tlv(TAG.UTF8_STRING, new TextEncoder().encode(text));
}

/** OBJECT IDENTIFIER (X.690 §8.19), arcs up to 2^53. */
export function derOid(oid: string): Uint8Array {
  const arcs = oid.split('.').map(Number);
  if (arcs.length < 2 || arcs.some((arc) => !Number.isSafeInteger(arc) || arc < 0)) throw new RangeError(`not an OID: ${oid}`);
  const values = [arcs[0]! * 40 + arcs[1]!, ...arcs.slice(2)];
  const out: number[] = [];
  for (const value of values) {
    const groups: number[] = [];
    let rest = value;
    do {
      groups.unshift(rest % 128);
      rest = Math.floor(rest / 128);
    } while (rest > 0);
    for (let i = 0; i < groups.length; i++) out.push(i < groups.length - 1 ? groups[i]! | 0x80 : groups[i]!);
  }
  return tlv(TAG.OID, Uint8Array.from(out));
}

/** UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5); whole seconds. */
export function derCertificateTime(date: Date): Uint8Array {
  const iso = new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString();
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  const year = date.getUTCFullYear();
  const text = year >= 1950 && year < 2050 ? `${digits.slice(2)}Z` : `${digits}Z`;
  return tlv(year >= 1950 && year < 2050 ? TAG.UTC_TIME : TAG.GENERALIZED_TIME, new TextEncoder().encode(text));
}

/** FNV-1a (32 bit) over a sample of 64 of the bytes: a cache's bucket key for DER objects, never an identity. */
export function sampledHash(bytes: Uint8Array): number {
  let hash = 0x811c9dc5 ^ bytes.length;
  const step = Math.max(1, bytes.length >> 6);
  for (let i = 0; i < bytes.length; i += step) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash >>> 0;
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && compareBytes(a, b) === 0;
}

/**
 * The walker's one complaint about bytes that are not the encoding they claim to be; each reader of a
 * structure (certificate, CRL, OCSP response, CMS) turns it into its own typed error naming the structure.
 */
export class DerFormatError extends RangeError {}

export interface DerElement {
  /** The identifier octet (class, constructed bit and tag number < 31). */
  tag: number;
  /** Offset of the tag byte within the buffer given to readElement. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset just past the contents (before the end-of-contents octets of an indefinite length). */
  contentEnd: number;
  /** Offset just past the element. */
  end: number;
  indefinite: boolean;
}

export interface ReadOptions {
  /** The element must end at or before this offset (default: the end of the buffer). */
  limit?: number;
  /**
   * Accept the one BER liberty real CMS signers take (NSS, Adobe): indefinite lengths of constructed
   * elements (X.690 §8.1.3.6). Certificates, CRLs and OCSP responses are read as strict DER.
   */
  ber?: boolean;
}

/** The options for reading CMS as real signers write it. */
export const BER: ReadOptions = { ber: true };

const MAX_NESTING = 64;

/** Reads one TLV at `offset`: minimal definite lengths (X.690 §10.1), single-byte tags; throws DerFormatError on anything else. */
export function readElement(bytes: Uint8Array, offset = 0, options: ReadOptions = {}): DerElement {
  return readAt(bytes, offset, options.limit ?? bytes.length, options.ber === true, 0);
}

function readAt(bytes: Uint8Array, offset: number, limit: number, ber: boolean, depth: number): DerElement {
  if (depth > MAX_NESTING) throw new DerFormatError(`DER nesting deeper than ${MAX_NESTING} at ${offset}`);
  if (offset + 2 > limit) throw new DerFormatError(`DER element at ${offset} is truncated`);
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerFormatError(`DER element at ${offset} has a multi-byte tag`);
  let length = bytes[offset + 1]!;
  let contentStart = offset + 2;
  if (length === 0x80) {
    if (!ber) throw new DerFormatError(`DER element at ${offset} has an indefinite length`);
    if ((tag & 0x20) === 0) throw new DerFormatError(`primitive element at ${offset} has an indefinite length`);
    // X.690 §8.1.3.6: the contents end with two zero octets; find them by walking the children.
    let position = contentStart;
    for (;;) {
      if (position + 2 > limit) throw new DerFormatError(`indefinite-length element at ${offset} has no end-of-contents`);
      if (bytes[position] === 0 && bytes[position + 1] === 0) break;
      position = readAt(bytes, position, limit, ber, depth + 1).end;
    }
    return { tag, start: offset, contentStart, contentEnd: position, end: position + 2, indefinite: true };
  }
  if (length > 0x80) {
    const count = length & 0x7f;
    if (count > 4 || contentStart + count > limit) throw new DerFormatError(`DER length at ${offset} is too large`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[contentStart + i]!;
    // X.690 §10.1: the length is encoded in the minimum number of octets.
    if (bytes[contentStart] === 0) throw new DerFormatError(`DER length at ${offset} has a leading zero octet`);
    if (length < 0x80) throw new DerFormatError(`DER length at ${offset} is below 128 in the long form`);
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new DerFormatError(`DER element at ${offset} runs past its container`);
  return { tag, start: offset, contentStart, contentEnd: end, end, indefinite: false };
}

/** The children of a constructed element, in order, read with the options the parent was read with. */
export function readChildren(bytes: Uint8Array, parent: DerElement, options: ReadOptions = {}): DerElement[] {
  if ((parent.tag & 0x20) === 0) throw new DerFormatError(`DER element at ${parent.start} is not constructed`);
  const children: DerElement[] = [];
  const ber = options.ber === true;
  for (let offset = parent.contentStart; offset < parent.contentEnd; ) {
    const child = readAt(bytes, offset, parent.contentEnd, ber, 0);
    children.push(child);
    offset = child.end;
  }
  return children;
}

/** The element when it is there with this tag; `what` names it in the DerFormatError otherwise. */
export function expectTag(element: DerElement | undefined, tag: number, what: string): DerElement {
  if (!element || element.tag !== tag) {
    throw new DerFormatError(`${what}: expected tag 0x${tag.toString(16)}, found ${element ? `0x${element.tag.toString(16)}` : 'nothing'}`);
  }
  return element;
}

export function elementBytes(bytes: Uint8Array, element: DerElement): Uint8Array {
  return bytes.subarray(element.start, element.end);
}

export function contentBytes(bytes: Uint8Array, element: DerElement): Uint8Array {
  return bytes.subarray(element.contentStart, element.contentEnd);
}

const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX_PAIRS[bytes[i]!];
  return out;
}

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || /[^0-9a-fA-F]/.test(hex)) throw new RangeError('not a hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * OIDs already decoded, by their content octets as Latin-1: a verification reads a few dozen distinct
 * OIDs hundreds of times. Bounded: a hostile file may carry any number of made-up ones.
 */
const DECODED_OIDS = new Map<string, string>();
const MAX_DECODED_OIDS = 4096;

/** The dotted OID of an OBJECT IDENTIFIER element (X.690 §8.19); throws DerFormatError on anything else. */
export function decodeOid(bytes: Uint8Array, element: DerElement): string {
  expectTag(element, TAG.OID, 'OBJECT IDENTIFIER');
  const body = contentBytes(bytes, element);
  if (body.length === 0 || body.length > 64) throw new DerFormatError('OBJECT IDENTIFIER has a bad length');
  let key = '';
  for (let i = 0; i < body.length; i++) key += String.fromCharCode(body[i]!);
  let oid = DECODED_OIDS.get(key);
  if (oid === undefined) {
    oid = decodeArcs(body);
    if (DECODED_OIDS.size >= MAX_DECODED_OIDS) DECODED_OIDS.clear();
    DECODED_OIDS.set(key, oid);
  }
  return oid;
}

function decodeArcs(body: Uint8Array): string {
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < body.length; i++) {
    value = value * 128 + (body[i]! & 0x7f);
    if ((body[i]! & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    } else if (i === body.length - 1) {
      throw new DerFormatError('OBJECT IDENTIFIER ends inside an arc');
    }
  }
  const first = arcs[0]! < 40 ? 0 : arcs[0]! < 80 ? 1 : 2;
  return [first, arcs[0]! - first * 40, ...arcs.slice(1)].join('.');
}

/** The dotted OID of the element at `offset`, or undefined when it is something else. */
export function readOid(der: Uint8Array, offset = 0): string | undefined {
  const element = readElement(der, offset);
  return element.tag === TAG.OID ? decodeOid(der, element) : undefined;
}

/** GeneralizedTime with milliseconds where non-zero, trailing zeros dropped (X.690 §11.7). */
export function derGeneralizedTime(date: Date): Uint8Array {
  const iso = date.toISOString();
  const millis = iso.slice(20, 23).replace(/0+$/, '');
  const text = `${iso.slice(0, 19).replace(/[-T:]/g, '')}${millis ? `.${millis}` : ''}Z`;
  return tlv(TAG.GENERALIZED_TIME, new TextEncoder().encode(text));
}

/** A BIT STRING of named bits (X.690 §11.2.2: trailing zero bits removed). */
export function derNamedBits(bits: readonly number[]): Uint8Array {
  if (bits.length === 0) return tlv(TAG.BIT_STRING, Uint8Array.of(0));
  const highest = Math.max(...bits);
  const bytes = new Uint8Array((highest >> 3) + 1);
  for (const bit of bits) bytes[bit >> 3]! |= 0x80 >> (bit & 7);
  return tlv(TAG.BIT_STRING, Uint8Array.of(bytes.length * 8 - (highest + 1)), bytes);
}
