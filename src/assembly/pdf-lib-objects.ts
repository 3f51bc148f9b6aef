/**
 * pdf-lib objects that write themselves with one copy: pdf-lib builds and writes its objects value by value
 * and a stream's bytes one at a time, which for what every document repeats (font programs, the ICC
 * profile, a subset's widths) cost more than the rest of the document. The bytes written are pdf-lib's own.
 */
import { PDFObject, PDFStream, type PDFContext, type PDFDict } from 'pdf-lib';

/**
 * A direct object written once and copied into each document as bytes: building and writing hundreds of
 * pdf-lib numbers per document cost more than the rest of a font's objects.
 */
export class SerializedObject extends PDFObject {
  private constructor(private readonly bytes: Uint8Array) {
    super();
  }

  static of(object: PDFObject): SerializedObject {
    const bytes = new Uint8Array(object.sizeInBytes());
    object.copyBytesInto(bytes, 0);
    return new SerializedObject(bytes);
  }

  override clone(): SerializedObject {
    return this;
  }

  override toString(): string {
    return Buffer.from(this.bytes).toString('latin1');
  }

  override sizeInBytes(): number {
    return this.bytes.length;
  }

  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    buffer.set(this.bytes, offset);
    return this.bytes.length;
  }
}

const STREAM = Buffer.from('\nstream\n', 'latin1');
const END_STREAM = Buffer.from('\nendstream', 'latin1');

/** A stream of bytes written with one copy; the same bytes as pdf-lib's PDFRawStream. */
class CopiedStream extends PDFStream {
  constructor(
    dict: PDFDict,
    private readonly contents: Uint8Array,
  ) {
    super(dict);
  }

  override clone(context?: PDFContext): CopiedStream {
    return new CopiedStream(this.dict.clone(context), this.contents.slice());
  }

  override getContents(): Uint8Array {
    return this.contents;
  }

  override getContentsSize(): number {
    return this.contents.length;
  }

  override getContentsString(): string {
    return Buffer.from(this.contents).toString('latin1');
  }

  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    this.updateDict();
    let at = offset + this.dict.copyBytesInto(buffer, offset);
    buffer.set(STREAM, at);
    at += STREAM.length;
    buffer.set(this.contents, at);
    at += this.contents.length;
    buffer.set(END_STREAM, at);
    return at + END_STREAM.length - offset;
  }
}

/** What `context.stream(contents, dict)` makes, written with one copy. */
export function copiedStream(context: PDFContext, contents: Uint8Array, dict: NonNullable<Parameters<PDFContext['stream']>[1]>): PDFStream {
  return new CopiedStream(context.obj(dict), contents);
}
