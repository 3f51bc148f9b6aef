/**
 * Incremental update (ISO 32000-1, 7.5.6): appends new and replaced objects, an xref section of the same
 * kind as the file's latest one, and a trailer with /Prev, leaving every earlier byte untouched so that
 * earlier signatures stay valid. Knows nothing of signatures: the caller decides what to write.
 */
import { PdfFormatError } from '../errors';
import { PdfDict, PdfName, PdfObject, PdfRef, PdfStream, serializeIndirectObject, serializeValue } from './objects';

export interface IncrementalWriteResult {
  bytes: Buffer;
  /** Offset of each written `n g obj`, by object number (the xref stream of the update included). */
  objectOffsets: Map<number, number>;
  /**
   * The file as this update leaves it, for a further update appended without parsing it again. It holds
   * `bytes` itself, so what the caller fills in place before that (a signature's /Contents) is kept.
   */
  next: UpdateBase;
}

/** What an update is appended to: a parsed file, or the result of the update before it. */
export interface UpdateBase {
  readonly bytes: Uint8Array;
  /** The latest trailer (/Size, /Root, /Info, /ID, /Encrypt). */
  trailer(): PdfDict;
  readonly latest: { readonly xrefKind: 'table' | 'stream'; readonly xrefOffset: number };
}

type Pending = { ref: PdfRef; value: PdfObject } | { ref: PdfRef; raw: Buffer };

const TRAILER_KEYS_COPIED = ['Root', 'Info', 'ID'] as const;

export class IncrementalUpdate {
  private readonly pending = new Map<number, Pending>();
  private nextNumber: number;

  constructor(private readonly file: UpdateBase) {
    if (file.trailer().has('Encrypt')) throw new PdfFormatError('cannot update an encrypted PDF', { code: 'ERR_PDF_UNSUPPORTED' });
    this.nextNumber = file.trailer().getNumber('Size') ?? 0;
  }

  /** A new object number past the latest /Size (generation 0). */
  allocate(): PdfRef {
    return new PdfRef(this.nextNumber++, 0);
  }

  /** Writes `value` as object `ref`: a new object, or a new version of an existing one (same number and generation). */
  set(ref: PdfRef, value: PdfObject): this {
    this.checkRef(ref);
    this.pending.set(ref.num, { ref, value });
    return this;
  }

  /** Writes `body` verbatim between `n g obj\n` and `\nendobj\n`, for bytes whose offsets the caller must control. */
  setRaw(ref: PdfRef, body: Buffer): this {
    this.checkRef(ref);
    this.pending.set(ref.num, { ref, raw: body });
    return this;
  }

  private checkRef(ref: PdfRef): void {
    if (!Number.isSafeInteger(ref.num) || ref.num <= 0 || !Number.isInteger(ref.gen) || ref.gen < 0 || ref.gen > 65535) {
      throw new RangeError(`cannot write object ${ref.toString()}: invalid object number or generation`);
    }
    if (ref.num >= this.nextNumber) this.nextNumber = ref.num + 1;
  }

  /** The original bytes followed by the update. The same input and calls give the same bytes. */
  write(): IncrementalWriteResult {
    const original = this.file.bytes;
    const chunks: Buffer[] = [Buffer.from(original.buffer, original.byteOffset, original.byteLength)];
    let length = original.length;
    const push = (chunk: Buffer): void => {
      chunks.push(chunk);
      length += chunk.length;
    };
    // The new objects must start on a line of their own; the original stays a byte-exact prefix.
    const last = original[original.length - 1];
    if (last !== 0x0a && last !== 0x0d) push(Buffer.from('\n', 'latin1'));

    const objectOffsets = new Map<number, number>();
    const written: { num: number; gen: number; offset: number }[] = [];
    for (const item of [...this.pending.values()].sort((a, b) => a.ref.num - b.ref.num)) {
      objectOffsets.set(item.ref.num, length);
      written.push({ num: item.ref.num, gen: item.ref.gen, offset: length });
      if ('raw' in item) {
        push(Buffer.concat([Buffer.from(`${item.ref.num} ${item.ref.gen} obj\n`, 'latin1'), item.raw, Buffer.from('\nendobj\n', 'latin1')]));
      } else push(serializeIndirectObject(item.ref, item.value));
    }

    const previous = this.file.latest;
    const trailer = new PdfDict();
    const xrefOffset = length;
    if (previous.xrefKind === 'stream') {
      const streamRef = new PdfRef(this.nextNumber, 0);
      const size = Math.max(this.nextNumber + 1, this.previousSize());
      written.push({ num: streamRef.num, gen: 0, offset: xrefOffset });
      objectOffsets.set(streamRef.num, xrefOffset);
      this.fillTrailer(trailer, size, previous.xrefOffset);
      push(serializeIndirectObject(streamRef, xrefStream(trailer, written)));
    } else {
      const size = Math.max(this.nextNumber, this.previousSize());
      this.fillTrailer(trailer, size, previous.xrefOffset);
      push(Buffer.from(`${xrefTable(written)}trailer\n${serializeValue(trailer)}\n`, 'latin1'));
    }
    push(Buffer.from(`startxref\n${xrefOffset}\n%%EOF\n`, 'latin1'));
    const bytes = Buffer.concat(chunks, length);
    const xrefKind = previous.xrefKind;
    return { bytes, objectOffsets, next: { bytes, trailer: () => trailer, latest: { xrefKind, xrefOffset } } };
  }

  private previousSize(): number {
    return this.file.trailer().getNumber('Size') ?? 0;
  }

  private fillTrailer(trailer: PdfDict, size: number, prev: number): void {
    trailer.set('Size', size);
    const previous = this.file.trailer();
    for (const key of TRAILER_KEYS_COPIED) {
      const value = previous.get(key);
      if (value !== undefined) trailer.set(key, value);
    }
    trailer.set('Prev', prev);
  }
}

/** 7.5.4: one subsection per run of consecutive object numbers, 20-byte entries. */
function xrefTable(written: { num: number; gen: number; offset: number }[]): string {
  const sorted = [...written].sort((a, b) => a.num - b.num);
  let out = 'xref\n';
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j]!.num === sorted[j - 1]!.num + 1) j++;
    out += `${sorted[i]!.num} ${j - i}\n`;
    for (let k = i; k < j; k++) {
      out += `${String(sorted[k]!.offset).padStart(10, '0')} ${String(sorted[k]!.gen).padStart(5, '0')} n\r\n`;
    }
    i = j;
  }
  return out;
}

/** 7.5.8: an uncompressed xref stream (type 1 entries only) carrying the trailer keys. */
function xrefStream(trailer: PdfDict, written: { num: number; gen: number; offset: number }[]): PdfStream {
  const sorted = [...written].sort((a, b) => a.num - b.num);
  const maxOffset = Math.max(...sorted.map((entry) => entry.offset));
  let offsetWidth = 1;
  while (maxOffset >= 256 ** offsetWidth) offsetWidth++;
  const rowWidth = 1 + offsetWidth + 2;
  const data = Buffer.alloc(sorted.length * rowWidth);
  const index: number[] = [];
  sorted.forEach((entry, row) => {
    const at = row * rowWidth;
    data[at] = 1;
    data.writeUIntBE(entry.offset, at + 1, offsetWidth);
    data.writeUInt16BE(entry.gen, at + 1 + offsetWidth);
    const previous = sorted[row - 1];
    if (previous && previous.num === entry.num - 1) index[index.length - 1]! += 1;
    else index.push(entry.num, 1);
  });
  const dict = new PdfDict([['Type', PdfName.of('XRef')]]);
  for (const [key, value] of trailer.map) dict.set(key, value);
  dict.set('Index', index).set('W', [1, offsetWidth, 2]);
  return new PdfStream(dict, data);
}
