/**
 * Strict reader of PDF object syntax (ISO 32000-1, 7.2 and 7.3) over raw bytes: tokens, direct objects
 * and `n g obj ... endobj` with streams. It never guesses: anything outside the grammar is a
 * PdfFormatError naming the byte offset. It does not know about xref tables or revisions (parser.ts).
 */
import { PdfFormatError } from '../errors';
import { PdfDict, PdfName, PdfObject, PdfRef, PdfStream, PdfString } from './objects';

// Character classes of 7.2.2: 1 = white-space, 2 = delimiter, 0 = regular.
const WHITESPACE = 1;
const DELIMITER = 2;
const CLASS = new Uint8Array(256);
for (const byte of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[byte] = WHITESPACE;
for (const ch of '()<>[]{}/%') CLASS[ch.charCodeAt(0)] = DELIMITER;

const LF = 0x0a;
const CR = 0x0d;

export function isWhitespace(byte: number): boolean {
  return CLASS[byte] === WHITESPACE;
}

/** A byte that is neither white-space nor a delimiter, so it continues a token. */
export function isRegular(byte: number): boolean {
  return CLASS[byte] === 0;
}

export function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

/** The value of each byte as a hex digit, -1 for bytes that are not one. */
const HEX = new Int8Array(256).fill(-1);
for (let digit = 0; digit < 16; digit++) {
  HEX['0123456789ABCDEF'.charCodeAt(digit)] = digit;
  HEX['0123456789abcdef'.charCodeAt(digit)] = digit;
}

function hexValue(byte: number): number {
  return byte >= 0 && byte < 256 ? HEX[byte]! : -1;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Bytes as ISO 8859-1 text. Not TextDecoder('latin1'), which the Encoding standard maps to windows-1252. */
export function latin1Text(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

export interface IndirectObject {
  num: number;
  gen: number;
  value: PdfObject;
  /** Offset of the object number that starts `n g obj`. */
  offset: number;
  /** Offset just after `endobj`. */
  endOffset: number;
}

/** Resolves an indirect /Length of a stream to its integer value. */
export type LengthResolver = (length: PdfRef) => PdfObject;

export class Lexer {
  pos: number;

  constructor(
    readonly bytes: Uint8Array,
    readonly maxDepth: number,
    pos = 0,
  ) {
    this.pos = pos;
  }

  fail(message: string, at = this.pos): never {
    throw new PdfFormatError(`${message} (at byte ${at})`);
  }

  atEnd(): boolean {
    return this.pos >= this.bytes.length;
  }

  /** Skips white-space and comments (7.2.3: a comment runs to the end of the line). */
  skipWhitespace(): void {
    const bytes = this.bytes;
    let pos = this.pos;
    while (pos < bytes.length) {
      const byte = bytes[pos]!;
      if (CLASS[byte] === WHITESPACE) pos++;
      else if (byte === 0x25) {
        while (pos < bytes.length && bytes[pos] !== LF && bytes[pos] !== CR) pos++;
      } else break;
    }
    this.pos = pos;
  }

  /** Reads a run of regular characters (a keyword or a number) without interpreting it. */
  readToken(): string {
    const bytes = this.bytes;
    const start = this.pos;
    let pos = start;
    while (pos < bytes.length && CLASS[bytes[pos]!] === 0) pos++;
    this.pos = pos;
    let text = '';
    for (let i = start; i < pos; i++) text += String.fromCharCode(bytes[i]!);
    return text;
  }

  /** True when the bytes at the position spell `keyword` followed by a non-regular character or the end. */
  lookingAt(keyword: string): boolean {
    const bytes = this.bytes;
    const end = this.pos + keyword.length;
    if (end > bytes.length) return false;
    for (let i = 0; i < keyword.length; i++) if (bytes[this.pos + i] !== keyword.charCodeAt(i)) return false;
    return end === bytes.length || CLASS[bytes[end]!] !== 0;
  }

  expectKeyword(keyword: string, what: string): void {
    this.skipWhitespace();
    if (!this.lookingAt(keyword)) {
      const start = this.pos;
      const found = this.atEnd() ? 'the end of the file' : `'${this.readToken() || String.fromCharCode(this.bytes[start]!)}'`;
      this.fail(`expected '${keyword}' ${what}, found ${found}`, start);
    }
    this.pos += keyword.length;
  }

  /** Reads a non-negative integer written as plain digits (object numbers, offsets, counts). */
  readUnsignedInteger(what: string): number {
    this.skipWhitespace();
    const start = this.pos;
    const token = this.readToken();
    if (!/^\d+$/.test(token)) this.fail(`expected ${what}, found '${token || this.describeByte(start)}'`, start);
    const value = Number(token);
    if (!Number.isSafeInteger(value)) this.fail(`${what} ${token} is too large`, start);
    return value;
  }

  private describeByte(at: number): string {
    return at < this.bytes.length ? String.fromCharCode(this.bytes[at]!) : 'end of file';
  }

  /** Reads one direct object (or reference) at the position. */
  readValue(depth = 0): PdfObject {
    this.skipWhitespace();
    const bytes = this.bytes;
    if (this.pos >= bytes.length) this.fail('unexpected end of file, expected an object');
    const byte = bytes[this.pos]!;
    switch (byte) {
      case 0x2f: // '/'
        return this.readName();
      case 0x28: // '('
        return this.readLiteralString();
      case 0x3c: // '<'
        return bytes[this.pos + 1] === 0x3c ? this.readDictionary(depth + 1) : this.readHexString();
      case 0x5b: // '['
        return this.readArray(depth + 1);
      default:
        break;
    }
    if (isDigit(byte) || byte === 0x2b || byte === 0x2d || byte === 0x2e) return this.readNumberOrReference();
    const start = this.pos;
    const token = this.readToken();
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (token === 'null') return null;
    return this.fail(`unexpected '${token || String.fromCharCode(byte)}' where an object was expected`, start);
  }

  private checkDepth(depth: number): void {
    if (depth > this.maxDepth) {
      throw new PdfFormatError(`objects nested deeper than ${this.maxDepth} levels (at byte ${this.pos})`, { code: 'ERR_PDF_LIMIT_EXCEEDED' });
    }
  }

  private readArray(depth: number): PdfObject[] {
    this.checkDepth(depth);
    const start = this.pos;
    this.pos++;
    const items: PdfObject[] = [];
    for (;;) {
      this.skipWhitespace();
      if (this.pos >= this.bytes.length) this.fail('array not closed before the end of the file', start);
      if (this.bytes[this.pos] === 0x5d) {
        this.pos++;
        return items;
      }
      items.push(this.readValue(depth));
    }
  }

  private readDictionary(depth: number): PdfDict {
    this.checkDepth(depth);
    const start = this.pos;
    this.pos += 2;
    const dict = new PdfDict();
    const bytes = this.bytes;
    for (;;) {
      this.skipWhitespace();
      if (this.pos >= bytes.length) this.fail('dictionary not closed before the end of the file', start);
      const byte = bytes[this.pos]!;
      if (byte === 0x3e) {
        if (bytes[this.pos + 1] !== 0x3e) this.fail("expected '>>' to close a dictionary");
        this.pos += 2;
        return dict;
      }
      if (byte !== 0x2f) this.fail(`dictionary key must be a name, found '${String.fromCharCode(byte)}'`);
      const keyAt = this.pos;
      const key = this.readNameText();
      this.skipWhitespace();
      if (this.bytes[this.pos] === 0x3e && this.bytes[this.pos + 1] === 0x3e) this.fail(`dictionary key /${key} has no value`, keyAt);
      const value = this.readValue(depth);
      // Two values for one key are read differently by different readers; a strict reader refuses.
      if (dict.has(key)) this.fail(`dictionary key /${key} appears twice`, keyAt);
      dict.set(key, value);
    }
  }

  readName(): PdfName {
    return PdfName.of(this.readNameText());
  }

  /**
   * 7.3.5: a solidus, then regular characters; #xx is the byte with that hex code. Dictionary keys are
   * kept as text: interning each one as a PdfName would cost a weak reference per key read.
   */
  private readNameText(): string {
    const bytes = this.bytes;
    const start = ++this.pos;
    let pos = start;
    let escaped = false;
    let ascii = true;
    while (pos < bytes.length && CLASS[bytes[pos]!] === 0) {
      const byte = bytes[pos]!;
      if (byte === 0x23) escaped = true;
      if (byte > 0x7e) ascii = false;
      pos++;
    }
    this.pos = pos;
    if (!escaped && ascii) {
      let text = '';
      for (let i = start; i < pos; i++) text += String.fromCharCode(bytes[i]!);
      return text;
    }
    const out = new Uint8Array(pos - start);
    let length = 0;
    for (let i = start; i < pos; i++) {
      const byte = bytes[i]!;
      if (byte === 0x23) {
        const high = hexValue(bytes[i + 1] ?? -1);
        const low = hexValue(bytes[i + 2] ?? -1);
        if (i + 2 >= pos || high < 0 || low < 0) this.fail("'#' in a name must be followed by two hex digits", i);
        out[length++] = (high << 4) | low;
        i += 2;
      } else out[length++] = byte;
    }
    const raw = out.subarray(0, length);
    // objects.ts writes names as UTF-8, so UTF-8 names read back equal; other bytes keep their latin1 value.
    try {
      return utf8.decode(raw);
    } catch {
      return latin1Text(raw);
    }
  }

  /** 7.3.4.2: balanced parentheses nest, backslash escapes, unescaped end-of-line reads as LF. */
  private readLiteralString(): PdfString {
    const bytes = this.bytes;
    const start = this.pos;
    let pos = start + 1;
    let nesting = 1;
    // A growing byte buffer, not a number[]: a hostile file may hold one string of many megabytes.
    let out = new Uint8Array(64);
    let length = 0;
    const push = (byte: number): void => {
      if (length === out.length) {
        const bigger = new Uint8Array(out.length * 2);
        bigger.set(out);
        out = bigger;
      }
      out[length++] = byte;
    };
    while (pos < bytes.length) {
      const byte = bytes[pos++]!;
      if (byte === 0x5c) {
        if (pos >= bytes.length) break;
        const next = bytes[pos++]!;
        switch (next) {
          case 0x6e: push(LF); break; // \n
          case 0x72: push(CR); break; // \r
          case 0x74: push(0x09); break; // \t
          case 0x62: push(0x08); break; // \b
          case 0x66: push(0x0c); break; // \f
          case CR: // line continuation: backslash + EOL is nothing
            if (bytes[pos] === LF) pos++;
            break;
          case LF:
            break;
          default:
            if (next >= 0x30 && next <= 0x37) {
              let code = next - 0x30;
              for (let digits = 1; digits < 3 && pos < bytes.length && bytes[pos]! >= 0x30 && bytes[pos]! <= 0x37; digits++) {
                code = code * 8 + (bytes[pos++]! - 0x30);
              }
              push(code & 0xff); // high-order overflow is ignored (7.3.4.2)
            } else push(next); // \( \) \\ and unknown escapes: the backslash is ignored
        }
      } else if (byte === 0x28) {
        nesting++;
        push(byte);
      } else if (byte === 0x29) {
        if (--nesting === 0) {
          this.pos = pos;
          return new PdfString(out.slice(0, length));
        }
        push(byte);
      } else if (byte === CR) {
        if (bytes[pos] === LF) pos++;
        push(LF);
      } else push(byte);
    }
    return this.fail('literal string not closed before the end of the file', start);
  }

  /** 7.3.4.3: white-space is ignored; an odd final digit is followed by an implied 0. */
  private readHexString(): PdfString {
    const bytes = this.bytes;
    const start = this.pos;
    const end = bytes.indexOf(0x3e, start + 1);
    if (end < 0) this.fail('hex string not closed before the end of the file', start);
    const out = new Uint8Array((end - start) >> 1);
    let length = 0;
    let high = -1;
    let i = start + 1;
    while (i < end) {
      // Signature /Contents are tens of kilobytes of unbroken hex digit pairs: decode those two at a time.
      if (high < 0 && i + 1 < end) {
        const pairHigh = HEX[bytes[i]!]!;
        const pairLow = HEX[bytes[i + 1]!]!;
        if ((pairHigh | pairLow) >= 0) {
          out[length++] = (pairHigh << 4) | pairLow;
          i += 2;
          continue;
        }
      }
      const byte = bytes[i]!;
      const value = HEX[byte]!;
      if (value < 0) {
        if (CLASS[byte] !== WHITESPACE) this.fail(`'${String.fromCharCode(byte)}' in a hex string`, i);
      } else if (high < 0) high = value;
      else {
        out[length++] = (high << 4) | value;
        high = -1;
      }
      i++;
    }
    let result = out.subarray(0, length);
    if (high >= 0) {
      result = new Uint8Array(length + 1);
      result.set(out.subarray(0, length));
      result[length] = high << 4;
    }
    this.pos = end + 1;
    return new PdfString(result, true);
  }

  /** 7.3.3 numbers, and `n g R` references (7.3.10) which start like one. */
  private readNumberOrReference(): number | PdfRef {
    const start = this.pos;
    const integer = this.scanUnsignedInteger();
    if (integer !== undefined) {
      const afterFirst = this.pos;
      this.skipWhitespace();
      const gen = this.scanUnsignedInteger();
      if (gen !== undefined) {
        this.skipWhitespace();
        if (this.lookingAt('R')) {
          this.pos++;
          if (gen > 65535) this.fail(`reference ${integer} ${gen} R has a generation above 65535`, start);
          return new PdfRef(integer, gen);
        }
      }
      this.pos = afterFirst;
      return integer;
    }
    const token = this.readToken();
    const value = parseNumber(token);
    if (value === undefined) this.fail(`malformed number '${token}'`, start);
    return value;
  }

  /**
   * Reads plain digits ending at a non-regular character as a safe integer, without building a string
   * (content-heavy objects such as font /W arrays hold tens of thousands of them). Leaves the position
   * unchanged and returns undefined for anything else.
   */
  private scanUnsignedInteger(): number | undefined {
    const bytes = this.bytes;
    const start = this.pos;
    let pos = start;
    let value = 0;
    while (pos < bytes.length) {
      const byte = bytes[pos]!;
      if (byte < 0x30 || byte > 0x39) break;
      value = value * 10 + (byte - 0x30);
      pos++;
    }
    if (pos === start || (pos < bytes.length && CLASS[bytes[pos]!] === 0) || !Number.isSafeInteger(value)) return undefined;
    this.pos = pos;
    return value;
  }

  /**
   * Reads `n g obj <value> endobj` at the position. A stream's data is exactly /Length bytes after
   * the EOL that follows `stream`; if `endstream` does not follow them, the object is refused, never re-measured.
   */
  readIndirectObject(resolveLength: LengthResolver): IndirectObject {
    this.skipWhitespace();
    const offset = this.pos;
    const { num, gen } = this.readObjectHeader();
    return this.readObjectBody(num, gen, offset, resolveLength);
  }

  /** Reads `n g obj` and returns n and g. */
  readObjectHeader(): { num: number; gen: number } {
    const num = this.readUnsignedInteger('an object number');
    const gen = this.readUnsignedInteger(`the generation of object ${num}`);
    this.expectKeyword('obj', `after '${num} ${gen}'`);
    return { num, gen };
  }

  /** Reads what follows `n g obj`: the value, its stream data if any, and `endobj`. */
  readObjectBody(num: number, gen: number, offset: number, resolveLength: LengthResolver): IndirectObject {
    let value = this.readValue();
    this.skipWhitespace();
    if (this.lookingAt('stream')) {
      if (!(value instanceof PdfDict)) this.fail(`object ${num}: 'stream' after something that is not a dictionary`);
      value = this.readStreamData(num, value, resolveLength);
      this.skipWhitespace();
    }
    if (!this.lookingAt('endobj')) {
      const at = this.pos;
      this.fail(`object ${num}: expected 'endobj', found '${this.atEnd() ? 'end of file' : this.readToken() || this.describeByte(at)}'`, at);
    }
    this.pos += 6;
    return { num, gen, value, offset, endOffset: this.pos };
  }

  private readStreamData(num: number, dict: PdfDict, resolveLength: LengthResolver): PdfStream {
    const bytes = this.bytes;
    this.pos += 6;
    // 7.3.8.1: `stream` is followed by CRLF or LF, never by CR alone.
    if (bytes[this.pos] === CR && bytes[this.pos + 1] === LF) this.pos += 2;
    else if (bytes[this.pos] === LF) this.pos += 1;
    else this.fail(`object ${num}: 'stream' must be followed by CRLF or LF`);
    const rawLength = dict.get('Length');
    const length = rawLength instanceof PdfRef ? resolveLength(rawLength) : rawLength;
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
      this.fail(`object ${num}: stream /Length is not a non-negative integer`);
    }
    const start = this.pos;
    const end = start + length;
    if (end > bytes.length) this.fail(`object ${num}: stream /Length ${length} runs past the end of the file`, start);
    let pos = end;
    if (bytes[pos] === CR) pos++;
    if (bytes[pos] === LF) pos++;
    this.pos = pos;
    if (!this.lookingAt('endstream')) this.fail(`object ${num}: stream /Length ${length} does not end at 'endstream'`, end);
    this.pos += 9;
    return new PdfStream(dict, bytes.subarray(start, end));
  }
}

/** 7.3.3: optional sign, digits with at most one period; no exponents. */
export function parseNumber(token: string): number | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) return undefined;
  const value = Number(token);
  return Number.isFinite(value) ? value : undefined;
}
