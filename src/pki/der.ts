/**
 * Minimal DER writer and reader for gluing pre-encoded pieces together byte for byte (X.690 §8, §10).
 * Structures with many fields are encoded with @peculiar/asn1-*; this module only concatenates TLVs and
 * walks them, so embedded certificates and tokens are never re-encoded. Pure: no Node API.
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

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && compareBytes(a, b) === 0;
}

export interface DerElement {
  tag: number;
  /** Offset of the tag byte within the buffer given to readElement. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset just past the element. */
  end: number;
}

/** Reads one TLV at `offset` (minimal definite lengths only, single-byte tags); throws RangeError on bad input. */
export function readElement(bytes: Uint8Array, offset = 0): DerElement {
  if (offset + 2 > bytes.length) throw new RangeError('DER: truncated element');
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new RangeError('DER: multi-byte tags are not supported');
  let length = bytes[offset + 1]!;
  let contentStart = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new RangeError('DER: indefinite or oversized length');
    if (contentStart + count > bytes.length) throw new RangeError('DER: truncated length');
    if (bytes[contentStart] === 0) throw new RangeError('DER: length with a leading zero octet');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[contentStart + i]!;
    // X.690 §10.1: the definite length in the fewest octets.
    if (length < 0x80) throw new RangeError('DER: long-form length below 128');
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > bytes.length) throw new RangeError('DER: element runs past the end');
  return { tag, start: offset, contentStart, end };
}

/** The children of a constructed element, in order. */
export function readChildren(bytes: Uint8Array, parent: DerElement): DerElement[] {
  const children: DerElement[] = [];
  for (let offset = parent.contentStart; offset < parent.end; ) {
    const child = readElement(bytes, offset);
    if (child.end > parent.end) throw new RangeError('DER: child runs past its parent');
    children.push(child);
    offset = child.end;
  }
  return children;
}

export function elementBytes(bytes: Uint8Array, element: DerElement): Uint8Array {
  return bytes.subarray(element.start, element.end);
}

export function contentBytes(bytes: Uint8Array, element: DerElement): Uint8Array {
  return bytes.subarray(element.contentStart, element.end);
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || /[^0-9a-fA-F]/.test(hex)) throw new RangeError('not a hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The dotted OID of an OBJECT IDENTIFIER element, or undefined when `der` starts with something else. */
export function readOid(der: Uint8Array, offset = 0): string | undefined {
  const element = readElement(der, offset);
  if (element.tag !== TAG.OID) return undefined;
  const arcs: number[] = [];
  let value = 0;
  for (const byte of contentBytes(der, element)) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (arcs.length === 0) arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else arcs.push(value);
      value = 0;
    }
  }
  return arcs.join('.');
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
