/**
 * The PDF object model of the byte level (ISO 32000-1, 7.3), and its serializer.
 * Knows nothing about signatures, roles or extracts. Hand-written rather than pdf-lib's because the
 * signing and verification code must read and append to a file without ever re-saving it, and must
 * keep every object's exact bytes and offset.
 */

export class PdfName {
  // Weakly held: a hostile file can hold millions of distinct names, and a long-running verifier must
  // not keep them after the file is gone. While any object holds a name, `of` returns that same instance.
  private static readonly interned = new Map<string, WeakRef<PdfName>>();
  private static readonly collected = new FinalizationRegistry<string>((value) => {
    if (PdfName.interned.get(value)?.deref() === undefined) PdfName.interned.delete(value);
  });
  private constructor(readonly value: string) {}

  /** Names are interned so they can be compared with `===`. `value` is without the leading slash, escapes decoded. */
  static of(value: string): PdfName {
    const existing = PdfName.interned.get(value)?.deref();
    if (existing) return existing;
    const name = new PdfName(value);
    PdfName.interned.set(value, new WeakRef(name));
    PdfName.collected.register(name, value);
    return name;
  }

  toString(): string {
    return `/${this.value}`;
  }
}

export class PdfString {
  /** `hex` keeps the written form, so a re-serialized string has the form it was read in. */
  constructor(
    readonly bytes: Uint8Array,
    readonly hex = false,
  ) {}

  static fromText(text: string): PdfString {
    return new PdfString(encodeTextString(text));
  }

  static hexOf(bytes: Uint8Array): PdfString {
    return new PdfString(bytes, true);
  }

  /** Decodes a text string (ISO 32000-1, 7.9.2.2): UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding (latin1 here). */
  toText(): string {
    return decodeTextString(this.bytes);
  }
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}

  get key(): string {
    return `${this.num} ${this.gen}`;
  }

  equals(other: PdfRef): boolean {
    return this.num === other.num && this.gen === other.gen;
  }

  toString(): string {
    return `${this.num} ${this.gen} R`;
  }
}

export class PdfDict {
  readonly map: Map<string, PdfObject>;

  constructor(entries?: Iterable<[string, PdfObject]>) {
    this.map = new Map(entries);
  }

  get(key: string): PdfObject | undefined {
    return this.map.get(key);
  }

  set(key: string, value: PdfObject): this {
    this.map.set(key, value);
    return this;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  delete(key: string): boolean {
    return this.map.delete(key);
  }

  keys(): string[] {
    return [...this.map.keys()];
  }

  /** A shallow copy, for updates that must not change the object as read. */
  clone(): PdfDict {
    return new PdfDict(this.map);
  }

  getName(key: string): string | undefined {
    const value = this.map.get(key);
    return value instanceof PdfName ? value.value : undefined;
  }

  getNumber(key: string): number | undefined {
    const value = this.map.get(key);
    return typeof value === 'number' ? value : undefined;
  }

  getRef(key: string): PdfRef | undefined {
    const value = this.map.get(key);
    return value instanceof PdfRef ? value : undefined;
  }
}

export class PdfStream {
  /** `data` is the stream as stored (still encoded by its /Filter); /Length is written from it. */
  constructor(
    readonly dict: PdfDict,
    readonly data: Uint8Array,
  ) {}
}

export const PdfNull = null;
export type PdfNull = null;

export type PdfObject = PdfNull | boolean | number | PdfName | PdfString | PdfObject[] | PdfDict | PdfRef | PdfStream;

export function isDict(value: PdfObject | undefined): value is PdfDict {
  return value instanceof PdfDict;
}

/** Builds a dictionary from a plain object; names are given as `PdfName.of`, strings as `PdfString`. */
export function dict(entries: Record<string, PdfObject>): PdfDict {
  return new PdfDict(Object.entries(entries));
}

export const name = PdfName.of;

// ---------------------------------------------------------------------------------------------
// Serialization. Output is latin1 text except stream data, which is copied byte for byte.

const DELIMITERS = new Set('()<>[]{}/%'.split(''));

function serializeName(value: string): string {
  let out = '/';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    // ISO 32000-1, 7.3.5: bytes outside ! .. ~ and delimiters are written as #xx.
    if (byte < 0x21 || byte > 0x7e || byte === 0x23 || DELIMITERS.has(ch)) out += `#${byte.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out;
}

function serializeString(value: PdfString): string {
  if (value.hex) return `<${Buffer.from(value.bytes).toString('hex').toUpperCase()}>`;
  let out = '(';
  for (const byte of value.bytes) {
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte === 0x0d) out += '\\r';
    else if (byte === 0x0a) out += '\\n';
    else out += String.fromCharCode(byte);
  }
  return `${out})`;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`PDF numbers must be finite, got ${value}`);
  if (Number.isInteger(value)) return String(value);
  // PDF has no exponent notation; six decimals are more than any coordinate needs.
  return value.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

/** Serializes any object but a stream to latin1 text. */
export function serializeValue(value: PdfObject): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatNumber(value);
  if (value instanceof PdfName) return serializeName(value.value);
  if (value instanceof PdfString) return serializeString(value);
  if (value instanceof PdfRef) return value.toString();
  if (Array.isArray(value)) return `[${value.map(serializeValue).join(' ')}]`;
  if (value instanceof PdfDict) {
    const parts: string[] = [];
    for (const [key, entry] of value.map) parts.push(`${serializeName(key)} ${serializeValue(entry)}`);
    return `<<${parts.join(' ')}>>`;
  }
  throw new TypeError('A stream can only be serialized as an indirect object');
}

/** Serializes `num gen obj ... endobj\n` as bytes. */
export function serializeIndirectObject(ref: PdfRef, value: PdfObject): Buffer {
  const head = `${ref.num} ${ref.gen} obj\n`;
  if (value instanceof PdfStream) {
    const streamDict = value.dict.clone().set('Length', value.data.length);
    return Buffer.concat([
      Buffer.from(`${head}${serializeValue(streamDict)}\nstream\n`, 'latin1'),
      Buffer.from(value.data),
      Buffer.from('\nendstream\nendobj\n', 'latin1'),
    ]);
  }
  return Buffer.from(`${head}${serializeValue(value)}\nendobj\n`, 'latin1');
}

// ---------------------------------------------------------------------------------------------
// Text strings

function encodeTextString(text: string): Uint8Array {
  // PDFDocEncoding equals latin1 for printable ASCII and most of latin1; UTF-16BE covers the rest.
  if (/^[\x20-\x7e]*$/.test(text)) return Buffer.from(text, 'latin1');
  const utf16 = Buffer.from(text, 'utf16le').swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), utf16]);
}

// Without Buffer: the verifier reads text strings (field names, /Name) and must also run in a browser.
function decodeTextString(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    let text = '';
    // UTF-16BE code units; surrogate pairs join by concatenation. A trailing odd byte is dropped.
    for (let i = 2; i + 1 < bytes.length; i += 2) text += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return text;
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}
