/**
 * A strict tag-length-value walker (ITU-T X.690, 8.1 and 10.1) for the CMS and RFC 3161 parsers.
 * @peculiar/asn1-schema decodes values but drops the exact bytes of nested elements; the verifier needs
 * those bytes (certificates as signed, the signed attributes as a SET), so they are sliced here.
 * DER, plus the one BER liberty real signers take (NSS, Adobe): indefinite lengths of constructed
 * elements (X.690 8.1.3.6). Pure: Uint8Array only, no Node API. Throws CmsFormatError on anything else.
 */
import { JusteraError } from '../errors';

export class CmsFormatError extends JusteraError {
  constructor(message: string) {
    super('ERR_CMS_MALFORMED', message);
  }
}

export interface Tlv {
  /** The identifier octet (class, constructed bit and tag number < 31). */
  tag: number;
  start: number;
  contentStart: number;
  /** End of the contents (before the end-of-contents octets of an indefinite length). */
  contentEnd: number;
  end: number;
  indefinite: boolean;
}

const MAX_NESTING = 64;

/** Reads one element at `offset`, which must end at or before `limit`. */
export function readTlv(bytes: Uint8Array, offset: number, limit = bytes.length, depth = 0): Tlv {
  if (depth > MAX_NESTING) throw new CmsFormatError(`DER nesting deeper than ${MAX_NESTING} at ${offset}`);
  if (offset + 2 > limit) throw new CmsFormatError(`DER element at ${offset} is truncated`);
  const tag = bytes[offset];
  if ((tag & 0x1f) === 0x1f) throw new CmsFormatError(`DER element at ${offset} has a multi-byte tag`);
  let length = bytes[offset + 1];
  let contentStart = offset + 2;
  if (length === 0x80) {
    if ((tag & 0x20) === 0) throw new CmsFormatError(`primitive element at ${offset} has an indefinite length`);
    // X.690 8.1.3.6: the contents end with two zero octets; find them by walking the children.
    let position = contentStart;
    for (;;) {
      if (position + 2 > limit) throw new CmsFormatError(`indefinite-length element at ${offset} has no end-of-contents`);
      if (bytes[position] === 0 && bytes[position + 1] === 0) break;
      position = readTlv(bytes, position, limit, depth + 1).end;
    }
    return { tag, start: offset, contentStart, contentEnd: position, end: position + 2, indefinite: true };
  }
  if (length > 0x80) {
    const count = length & 0x7f;
    if (count > 4 || contentStart + count > limit) throw new CmsFormatError(`DER length at ${offset} is too large`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[contentStart + i];
    // X.690 10.1: the length is encoded in the minimum number of octets.
    if (length < 0x80 || bytes[contentStart] === 0) throw new CmsFormatError(`DER length at ${offset} is not minimal`);
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new CmsFormatError(`DER element at ${offset} runs past its container`);
  return { tag, start: offset, contentStart, contentEnd: end, end, indefinite: false };
}

/** The elements inside a constructed element. */
export function children(bytes: Uint8Array, parent: Tlv): Tlv[] {
  if ((parent.tag & 0x20) === 0) throw new CmsFormatError(`DER element at ${parent.start} is not constructed`);
  const out: Tlv[] = [];
  let offset = parent.contentStart;
  while (offset < parent.contentEnd) {
    const child = readTlv(bytes, offset, parent.contentEnd);
    out.push(child);
    offset = child.end;
  }
  return out;
}

export function expectTag(element: Tlv | undefined, tag: number, what: string): Tlv {
  if (!element || element.tag !== tag) {
    throw new CmsFormatError(`${what}: expected tag 0x${tag.toString(16)}, found ${element ? `0x${element.tag.toString(16)}` : 'nothing'}`);
  }
  return element;
}

export function whole(bytes: Uint8Array, element: Tlv): Uint8Array {
  return bytes.subarray(element.start, element.end);
}

export function content(bytes: Uint8Array, element: Tlv): Uint8Array {
  return bytes.subarray(element.contentStart, element.contentEnd);
}

export function decodeOid(bytes: Uint8Array, element: Tlv): string {
  expectTag(element, 0x06, 'OBJECT IDENTIFIER');
  const body = content(bytes, element);
  if (body.length === 0 || body.length > 64) throw new CmsFormatError('OBJECT IDENTIFIER has a bad length');
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < body.length; i++) {
    value = value * 128 + (body[i] & 0x7f);
    if ((body[i] & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    } else if (i === body.length - 1) {
      throw new CmsFormatError('OBJECT IDENTIFIER ends inside an arc');
    }
  }
  const first = arcs[0] < 40 ? 0 : arcs[0] < 80 ? 1 : 2;
  return [first, arcs[0] - first * 40, ...arcs.slice(1)].join('.');
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
