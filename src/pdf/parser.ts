/**
 * A strict, lazy reader of a whole PDF file with every revision it holds (ISO 32000-1, 7.5): follows
 * startxref and the /Prev chain, never rebuilds a broken xref, and resolves objects as of any revision.
 * It knows nothing of signatures; the verifier and the signing code build on it.
 *
 * One tolerance, as files from the wild need it: an xref entry whose offset is a few bytes off its
 * object (a writer that miscounted an EOL). The object is taken from the one header `n g obj` within
 * XREF_OFFSET_TOLERANCE bytes of the offset, and only when a full scan of the file (object-scan.ts)
 * agrees: that header is the last one of the object before the end of the revision whose xref lists
 * it. A reader that rebuilds the xref of that revision's bytes (pdf.js, PDFBox, MuPDF) then reads the
 * same bytes as we do, so a signature over that revision means one thing whichever reader is used; and
 * an object of a later, unsigned update can never stand in for one of a signed revision. Each
 * correction is a warning in `warnings`.
 */
import { PdfFormatError } from '../errors';
import { decodeFilters, FilterStage } from './filters';
import { isDigit, isRegular, isWhitespace, Lexer } from './lexer';
import { PdfLimits, resolveLimits } from './limits';
import { scanObjectHeaders, type ObjectScan } from './object-scan';
import { PdfDict, PdfName, PdfObject, PdfRef, PdfStream } from './objects';
import { readXrefSection, XrefEntry, XrefKind, XrefReadContext } from './xref';

export type { XrefEntry, XrefKind } from './xref';

/** One xref section with its trailer: the state of the document after one (incremental) save. */
export interface Revision {
  /** 0 for the oldest revision. */
  index: number;
  /** Offset of `xref` or of the xref stream object. */
  xrefOffset: number;
  xrefKind: XrefKind;
  /** The trailer dictionary (for an xref stream: the stream's dictionary). */
  trailer: PdfDict;
  /** The objects this section defines (including free entries), by object number. */
  entries: Map<number, XrefEntry>;
  /** Offset of the `startxref` keyword that ends this revision. */
  startxrefOffset: number;
  /** The number written after that `startxref` (normally equal to `xrefOffset`). */
  startxrefValue: number;
  /** The byte just after this revision's `%%EOF` and its end-of-line. */
  endOffset: number;
  /**
   * The byte just after `%%EOF` itself. Differs from `endOffset` when an EOL follows; a writer that
   * ended the file without one may have signed up to here, and a later update then added the EOL.
   */
  eofOffset: number;
  /** For a hybrid file (7.5.8.4): offset of the xref stream named by the trailer's /XRefStm. */
  xrefStreamOffset?: number;
  /** For a `stream` revision: the object number of the xref stream. */
  xrefStreamObjectNumber?: number;
}

export interface ObjectInfo {
  num: number;
  gen: number;
  value: PdfObject;
  entry: XrefEntry;
  /** Offset of `n g obj` (uncompressed objects only). */
  offset?: number;
  /** Offset just after `endobj` (uncompressed objects only). */
  endOffset?: number;
  /** The object stream that holds it (compressed objects only). */
  objectStream?: number;
}

type RevisionRef = number | Revision;

/** An object number and the xref entry it had when a cached result was computed from it. */
interface Dependency {
  num: number;
  entry: XrefEntry | undefined;
}

interface CachedObject {
  info: ObjectInfo;
  deps: Dependency[];
}

interface ObjectStreamIndex {
  data: Uint8Array;
  first: number;
  /** Object number and offset (relative to /First) of each object in the stream. */
  pairs: { num: number; offset: number }[];
  deps: Dependency[];
}

interface DecodedData {
  data: Uint8Array;
  deps: Dependency[];
}

const EOF_MARKER = '%%EOF';

/** How far (in bytes, either way) from its xref offset an object's header is looked for. */
export const XREF_OFFSET_TOLERANCE = 64;

/** Something the parser read past, for the reader to report: never anything that changes a value silently. */
export interface ParserWarning {
  code: 'XREF_OFFSET_CORRECTED';
  objectNumber: number;
  generation: number;
  /** Index (0-based) of the revision whose xref section lists the offset. */
  revision: number;
  offsetGiven: number;
  offsetFound: number;
  message: string;
}

export class PdfFile {
  readonly limits: PdfLimits;
  /** Revisions, oldest first. */
  readonly revisions: Revision[] = [];
  /** The version in the header, e.g. `1.7`. */
  readonly version: string;
  /** Tolerances applied while reading, in the order objects were read (each entry once). */
  readonly warnings: ParserWarning[] = [];

  /** Per object number, its entries in revision order: what `entry()` searches. */
  private readonly history = new Map<number, { revision: number; entry: XrefEntry }[]>();
  private readonly objects = new Map<XrefEntry, CachedObject[]>();
  private readonly objectStreams = new WeakMap<CachedObject, ObjectStreamIndex>();
  private readonly loading = new Set<XrefEntry>();
  private readonly decoded = new WeakMap<PdfStream, DecodedData[]>();
  private decodedTotal = 0;
  /** The revision whose xref section holds each entry. */
  private readonly definedIn = new Map<XrefEntry, number>();
  /** Corrected offsets (see the module comment), by entry; undefined when the entry cannot be corrected. */
  private readonly corrections = new Map<XrefEntry, number | undefined>();
  private headerScan?: { scan: ObjectScan; byObject: Map<string, number[]> };

  private constructor(
    readonly bytes: Uint8Array,
    limits: Partial<PdfLimits>,
  ) {
    this.limits = resolveLimits(limits);
    if (bytes.length > this.limits.maxFileSize) {
      throw new PdfFormatError(`the file has ${bytes.length} bytes, more than the limit of ${this.limits.maxFileSize}`, { code: 'ERR_PDF_LIMIT_EXCEEDED' });
    }
    this.version = readHeaderVersion(bytes);
  }

  /**
   * Reads the file's structure (every xref section and trailer); objects are parsed only when resolved.
   * Throws PdfFormatError for anything that is not a well-formed PDF.
   */
  static parse(bytes: Uint8Array, limits: Partial<PdfLimits> = {}): PdfFile {
    const file = new PdfFile(bytes, limits);
    file.readRevisions();
    return file;
  }

  /**
   * The file `bytes`, which are this file's bytes with incremental updates appended (what the writer
   * returns): only the appended xref sections are read and every object already read is kept, so that
   * signing, the validation data after it and the document timestamp parse the document once. Anything
   * else (other bytes, garbage after this file's last %%EOF, no EOL ending it) is parsed afresh.
   */
  extendedTo(bytes: Uint8Array): PdfFile {
    const end = this.latest.endOffset;
    const last = this.bytes[end - 1];
    const appended = end === this.bytes.length && (last === 0x0a || last === 0x0d) && bytes.length > end && samePrefix(bytes, this.bytes);
    if (!appended) return PdfFile.parse(bytes, this.limits);
    const file = new PdfFile(bytes, this.limits);
    file.warnings.push(...this.warnings);
    for (const [num, history] of this.history) file.history.set(num, [...history]);
    for (const [entry, cached] of this.objects) file.objects.set(entry, [...cached]);
    for (const [entry, index] of this.definedIn) file.definedIn.set(entry, index);
    for (const [entry, offset] of this.corrections) file.corrections.set(entry, offset);
    file.revisions.push(...this.revisions);
    file.readRevisions(this.latest.xrefOffset, end);
    return file;
  }

  get latest(): Revision {
    return this.revisions[this.revisions.length - 1]!;
  }

  private revisionIndex(revision: RevisionRef | undefined): number {
    if (revision === undefined) return this.revisions.length - 1;
    const index = typeof revision === 'number' ? revision : revision.index;
    if (!Number.isInteger(index) || index < 0 || index >= this.revisions.length) {
      throw new RangeError(`revision ${index} does not exist (the file has ${this.revisions.length})`);
    }
    return index;
  }

  // -------------------------------------------------------------------------------------------
  // Structure

  /**
   * Reads the xref sections from the file's last one back along /Prev; with `known`, only those appended
   * after `known.end`, down to the section at `known.xrefOffset` (the revisions read before, kept).
   */
  private readRevisions(knownXrefOffset?: number, knownEnd = 0): void {
    const { bytes } = this;
    const base = this.revisions.length;
    // Every `startxref` position, found in one pass: each section looks up the first one after it,
    // and many sections must not each scan the rest of a large file.
    const startxrefs = allIndexesOf(bytes, 'startxref', knownEnd);
    const startxrefAt = startxrefs[startxrefs.length - 1];
    if (startxrefAt === undefined) throw new PdfFormatError('no startxref found: the file is truncated or not a PDF');
    const sections: Revision[] = [];
    const visited = new Set<number>();
    let totalEntries = this.revisions.reduce((sum, revision) => sum + revision.entries.size, 0);
    const context: XrefReadContext = {
      bytes,
      maxDepth: this.limits.maxDepth,
      maxEntries: this.limits.maxObjects,
      decode: (stream, what) => this.decodeDirect(stream, what),
    };
    let offset: number | undefined = readStartxref(bytes, startxrefAt).value;
    while (offset !== undefined && offset !== knownXrefOffset) {
      if (visited.has(offset)) throw new PdfFormatError(`the /Prev chain loops back to the xref section at byte ${offset}`);
      if (knownXrefOffset !== undefined && offset < knownEnd) throw new PdfFormatError(`the /Prev chain of the appended updates leads to byte ${offset}, not to the xref section at byte ${knownXrefOffset}`);
      if (base + visited.size >= this.limits.maxRevisions) {
        throw new PdfFormatError(`more than ${this.limits.maxRevisions} xref sections`, { code: 'ERR_PDF_LIMIT_EXCEEDED' });
      }
      visited.add(offset);
      context.maxEntries = this.limits.maxObjects - totalEntries;
      const section = readXrefSection(offset, context);
      totalEntries += section.entries.size;
      const trailer = section.trailer;
      const revision: Revision = {
        index: -1,
        xrefOffset: offset,
        xrefKind: section.kind,
        trailer,
        entries: section.entries,
        startxrefOffset: -1,
        startxrefValue: -1,
        endOffset: -1,
        eofOffset: -1,
      };
      if (section.streamObjectNumber !== undefined) revision.xrefStreamObjectNumber = section.streamObjectNumber;
      if (section.kind === 'table' && trailer.has('XRefStm')) {
        const streamOffset = trailerOffset(trailer, 'XRefStm', offset);
        context.maxEntries = this.limits.maxObjects - totalEntries;
        const hybrid = readXrefSection(streamOffset, context);
        if (hybrid.kind !== 'stream') throw new PdfFormatError(`/XRefStm ${streamOffset} of the trailer at byte ${offset} is not an xref stream`);
        totalEntries += hybrid.entries.size;
        revision.xrefStreamOffset = streamOffset;
        revision.entries = mergeHybrid(section.entries, hybrid.entries);
      }
      this.checkTrailer(trailer, offset);
      const end = findRevisionEnd(bytes, startxrefs, section.endOffset, offset);
      revision.startxrefOffset = end.startxrefOffset;
      revision.startxrefValue = end.value;
      revision.endOffset = end.endOffset;
      revision.eofOffset = end.eofOffset;
      sections.push(revision);
      offset = trailer.has('Prev') ? trailerOffset(trailer, 'Prev', offset) : undefined;
    }
    if (offset !== knownXrefOffset) throw new PdfFormatError(`the appended updates do not lead back to the xref section at byte ${knownXrefOffset}`);
    sections.reverse();
    (base === 0 ? mergeLinearizedSections(sections, bytes, this.limits.maxDepth) : sections).forEach((revision, position) => {
      const index = base + position;
      revision.index = index;
      this.revisions.push(revision);
      for (const [num, entry] of revision.entries) {
        this.definedIn.set(entry, index);
        const history = this.history.get(num);
        if (history) history.push({ revision: index, entry });
        else this.history.set(num, [{ revision: index, entry }]);
      }
    });
  }

  private checkTrailer(trailer: PdfDict, offset: number): void {
    if (trailer.has('Encrypt')) throw new PdfFormatError('encrypted PDFs are not supported', { code: 'ERR_PDF_UNSUPPORTED' });
    const size = trailer.get('Size');
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
      throw new PdfFormatError(`the trailer of the xref section at byte ${offset} has no valid /Size`);
    }
    if (size > this.limits.maxObjects) {
      throw new PdfFormatError(`/Size ${size} exceeds the limit of ${this.limits.maxObjects} objects`, { code: 'ERR_PDF_LIMIT_EXCEEDED' });
    }
  }

  /** The trailer of a revision (default: the latest). */
  trailer(revision?: RevisionRef): PdfDict {
    return this.revisions[this.revisionIndex(revision)]!.trailer;
  }

  /** The document catalog (/Root) as of a revision (default: the latest). */
  catalog(revision?: RevisionRef): PdfDict {
    const index = this.revisionIndex(revision);
    const root = this.resolve(this.revisions[index]!.trailer.get('Root'), index);
    if (!(root instanceof PdfDict)) throw new PdfFormatError(`the trailer of revision ${index} has no /Root dictionary`);
    return root;
  }

  /** The xref entry in force for an object number as of a revision (later sections win). */
  entry(num: number, revision?: RevisionRef): XrefEntry | undefined {
    const index = this.revisionIndex(revision);
    const history = this.history.get(num);
    if (!history) return undefined;
    // Binary search for the last definition at or before `index`: a hostile file may redefine one
    // object in every one of many revisions, and lookups must not walk them all.
    let low = 0;
    let high = history.length - 1;
    let found: XrefEntry | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const item = history[middle]!;
      if (item.revision <= index) {
        found = item.entry;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }

  /** Every entry in force as of a revision (including free ones), by object number. */
  visibleEntries(revision?: RevisionRef): Map<number, XrefEntry> {
    const merged = new Map<number, XrefEntry>();
    for (let index = 0; index <= this.revisionIndex(revision); index++) {
      for (const [num, entry] of this.revisions[index]!.entries) merged.set(num, entry);
    }
    return merged;
  }

  // -------------------------------------------------------------------------------------------
  // Objects

  /** The object `num` as of a revision, or undefined when it is free or not in any xref section. */
  getObject(num: number, revision?: RevisionRef): ObjectInfo | undefined {
    return this.load(num, this.revisionIndex(revision))?.info;
  }

  /** True when every object a cached result was computed from still has the same entry in revision `index`. */
  private holds(deps: readonly Dependency[], index: number): boolean {
    for (const dep of deps) if (this.entry(dep.num, index) !== dep.entry) return false;
    return true;
  }

  /**
   * Loads object `num` as of revision `index`. Its value may depend on other objects (an indirect
   * /Length, its object stream, an indirect /N or /Filter). A cached value is reused only in revisions
   * where each of those has the same entry: a later revision that redefines an indirect /Length or an
   * object stream changes what unchanged entries read as, and that must show. `deps` collects them.
   */
  private load(num: number, index: number, deps?: Dependency[]): CachedObject | undefined {
    if (num === 0) return undefined;
    const entry = this.entry(num, index);
    deps?.push({ num, entry });
    if (!entry || entry.type === 'free') return undefined;
    let records = this.objects.get(entry);
    let record = records?.find((candidate) => this.holds(candidate.deps, index));
    if (!record) {
      if (this.loading.has(entry)) throw new PdfFormatError(`object ${num} refers to itself while it is being read (a reference cycle)`);
      this.loading.add(entry);
      try {
        record = entry.type === 'uncompressed' ? this.loadUncompressed(entry, index) : this.loadCompressed(entry, index);
      } finally {
        this.loading.delete(entry);
      }
      if (!records) this.objects.set(entry, (records = []));
      records.push(record);
    }
    deps?.push(...record.deps);
    return record;
  }

  private loadUncompressed(entry: XrefEntry & { type: 'uncompressed' }, index: number): CachedObject {
    const { num, gen } = entry;
    let offset = entry.offset;
    let lexer: Lexer;
    try {
      lexer = this.headerLexer(offset, num, gen);
    } catch (error) {
      const corrected = this.correctedOffset(entry);
      if (corrected === undefined) throw error;
      offset = corrected;
      lexer = this.headerLexer(offset, num, gen);
    }
    const deps: Dependency[] = [];
    const object = lexer.readObjectBody(num, gen, offset, (length) => this.resolveIn(length, index, deps) ?? null);
    return { info: { num, gen, value: object.value, entry, offset, endOffset: object.endOffset }, deps };
  }

  /** A lexer just after `num gen obj` read at `offset`, or a PdfFormatError saying what is there instead. */
  private headerLexer(offset: number, num: number, gen: number): Lexer {
    const bytes = this.bytes;
    // White-space before the object number is tolerated (as before `xref`); a comment or anything else is not.
    let start = offset;
    while (start < bytes.length && isWhitespace(bytes[start]!)) start++;
    const lexer = new Lexer(bytes, this.limits.maxDepth, start);
    let header: { num: number; gen: number };
    try {
      if (!isDigit(bytes[start] ?? -1)) throw new PdfFormatError('no object number there');
      // An offset into the middle of a number ("21 0 obj" + 1) must not read as another object. Poppler
      // appends its update right after a final %%EOF that has no EOL ("%%EOF2 0 obj"): that is allowed.
      if (offset > 0 && isRegular(bytes[offset - 1]!) && !endsWithEof(bytes, offset)) throw new PdfFormatError('inside a token');
      header = lexer.readObjectHeader();
    } catch (error) {
      throw new PdfFormatError(`object ${num} ${gen}: the xref offset ${offset} does not point at '${num} ${gen} obj'`, { cause: error });
    }
    if (header.num !== num || header.gen !== gen) {
      throw new PdfFormatError(`object ${num} ${gen}: the xref offset ${offset} points at object ${header.num} ${header.gen} instead`);
    }
    return lexer;
  }

  /** The offset of the entry's object when the rule of the module comment finds it; records the warning. */
  private correctedOffset(entry: XrefEntry & { type: 'uncompressed' }): number | undefined {
    if (this.corrections.has(entry)) return this.corrections.get(entry);
    const { num, gen, offset } = entry;
    const revision = this.definedIn.get(entry) ?? this.revisions.length - 1;
    const { scan, byObject } = this.objectHeaders();
    const offsets = scan.truncated ? [] : byObject.get(`${num} ${gen}`) ?? [];
    const near = offsets.filter((at) => Math.abs(at - offset) <= XREF_OFFSET_TOLERANCE);
    const revisionEnd = this.revisions[revision]?.endOffset ?? this.bytes.length;
    const lastInRevision = offsets.filter((at) => at < revisionEnd).pop();
    const found = near.length === 1 && near[0] === lastInRevision ? near[0] : undefined;
    this.corrections.set(entry, found);
    if (found !== undefined) {
      this.warnings.push({
        code: 'XREF_OFFSET_CORRECTED', objectNumber: num, generation: gen, revision, offsetGiven: offset, offsetFound: found,
        message: `object ${num} ${gen}: the xref section of revision ${revision + 1} gives offset ${offset}; its header is at ${found} (${found - offset > 0 ? '+' : ''}${found - offset} bytes)`,
      });
    }
    return found;
  }

  private objectHeaders(): { scan: ObjectScan; byObject: Map<string, number[]> } {
    if (!this.headerScan) {
      const scan = scanObjectHeaders(this.bytes, this.limits.maxObjects);
      const byObject = new Map<string, number[]>();
      for (const header of scan.headers) {
        const key = `${header.num} ${header.gen}`;
        const list = byObject.get(key);
        if (list) list.push(header.offset);
        else byObject.set(key, [header.offset]);
      }
      this.headerScan = { scan, byObject };
    }
    return this.headerScan;
  }

  private loadCompressed(entry: XrefEntry & { type: 'compressed' }, index: number): CachedObject {
    const { num, streamNum } = entry;
    const deps: Dependency[] = [];
    const streamRecord = this.load(streamNum, index, deps);
    if (!streamRecord || streamRecord.info.entry.type !== 'uncompressed') {
      throw new PdfFormatError(`object ${num}: its object stream ${streamNum} is not an uncompressed object`);
    }
    const stream = this.objectStreamIndex(streamRecord, index);
    deps.push(...stream.deps);
    const pair = stream.pairs[entry.index];
    if (!pair || pair.num !== num) {
      throw new PdfFormatError(`object ${num}: object stream ${streamNum} holds no object ${num} at index ${entry.index}`);
    }
    const lexer = new Lexer(stream.data, this.limits.maxDepth, stream.first + pair.offset);
    let value: PdfObject;
    try {
      value = lexer.readValue();
    } catch (error) {
      if (error instanceof PdfFormatError && error.code !== 'ERR_PDF_MALFORMED') throw error;
      throw new PdfFormatError(`object ${num} in object stream ${streamNum}: ${(error as Error).message}`, { cause: error });
    }
    if (value instanceof PdfRef) throw new PdfFormatError(`object ${num} in object stream ${streamNum} is a bare reference`);
    return { info: { num, gen: 0, value, entry, objectStream: streamNum }, deps };
  }

  /** 7.5.7: an object stream's header is N pairs `objnum offset`; the objects start at /First. */
  private objectStreamIndex(record: CachedObject, index: number): ObjectStreamIndex {
    const cached = this.objectStreams.get(record);
    if (cached && this.holds(cached.deps, index)) return cached;
    const streamNum = record.info.num;
    const stream = record.info.value;
    if (!(stream instanceof PdfStream) || stream.dict.getName('Type') !== 'ObjStm') {
      throw new PdfFormatError(`object ${streamNum} is referenced as an object stream but is not one (/Type /ObjStm)`);
    }
    const what = `object stream ${streamNum}`;
    const deps: Dependency[] = [];
    const count = this.resolveIn(stream.dict.get('N'), index, deps);
    const first = this.resolveIn(stream.dict.get('First'), index, deps);
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0 || count > this.limits.maxObjects) {
      throw new PdfFormatError(`${what}: /N is not a valid count`);
    }
    const data = this.decodeIn(stream, index, deps, what);
    if (typeof first !== 'number' || !Number.isSafeInteger(first) || first < 0 || first > data.length) {
      throw new PdfFormatError(`${what}: /First is not an offset inside its data`);
    }
    const lexer = new Lexer(data.subarray(0, first), this.limits.maxDepth);
    const pairs: { num: number; offset: number }[] = [];
    for (let i = 0; i < count; i++) {
      const num = lexer.readUnsignedInteger(`the object number of entry ${i} of ${what}`);
      const offset = lexer.readUnsignedInteger(`the offset of entry ${i} of ${what}`);
      if (first + offset >= data.length) throw new PdfFormatError(`${what}: object ${num} lies outside the stream`);
      pairs.push({ num, offset });
    }
    const result = { data, first, pairs, deps };
    this.objectStreams.set(record, result);
    return result;
  }

  /**
   * Follows references until a direct object, as of a revision (default: the latest). A reference to
   * a free or missing object, or with another generation, is null (7.3.10). Undefined stays undefined.
   * `used`, when given, collects the number of every object the value was read from (each reference
   * followed, an object stream, an indirect /Length): a later revision whose xref section lists none of
   * them reads the same value.
   */
  resolve(value: PdfObject | undefined, revision?: RevisionRef, used?: Set<number>): PdfObject | undefined {
    if (!used) return this.resolveIn(value, this.revisionIndex(revision));
    const deps: Dependency[] = [];
    const result = this.resolveIn(value, this.revisionIndex(revision), deps);
    for (const dep of deps) used.add(dep.num);
    return result;
  }

  private resolveIn(value: PdfObject | undefined, index: number, deps?: Dependency[]): PdfObject | undefined {
    let current = value;
    let steps = 0;
    while (current instanceof PdfRef) {
      if (++steps > this.limits.maxReferenceChain) {
        throw new PdfFormatError(`reference chain from ${String(value)} is longer than ${this.limits.maxReferenceChain} (a cycle?)`, {
          code: 'ERR_PDF_LIMIT_EXCEEDED',
        });
      }
      const record = this.load(current.num, index, deps);
      current = record && record.info.gen === current.gen ? record.info.value : null;
    }
    return current;
  }

  /**
   * Reads every object that every xref section defines, as of that section's revision, so that an entry
   * pointing at the wrong bytes fails now rather than only when the object is used. Returns the count.
   */
  readAllObjects(): number {
    let count = 0;
    for (const revision of this.revisions) {
      for (const num of revision.entries.keys()) {
        if (this.getObject(num, revision.index)) count++;
      }
    }
    return count;
  }

  /** Resolves to a dictionary (a stream gives its dictionary), or undefined for anything else. */
  resolveDict(value: PdfObject | undefined, revision?: RevisionRef, used?: Set<number>): PdfDict | undefined {
    const resolved = this.resolve(value, revision, used);
    if (resolved instanceof PdfDict) return resolved;
    return resolved instanceof PdfStream ? resolved.dict : undefined;
  }

  resolveArray(value: PdfObject | undefined, revision?: RevisionRef, used?: Set<number>): PdfObject[] | undefined {
    const resolved = this.resolve(value, revision, used);
    return Array.isArray(resolved) ? resolved : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Streams

  /** The decoded data of a stream; /Filter and /DecodeParms may be references (resolved as of `revision`). */
  decodeStream(stream: PdfStream, revision?: RevisionRef): Uint8Array {
    return this.decodeIn(stream, this.revisionIndex(revision), undefined, 'a stream');
  }

  private decodeIn(stream: PdfStream, index: number, deps: Dependency[] | undefined, what: string): Uint8Array {
    let records = this.decoded.get(stream);
    let record = records?.find((candidate) => this.holds(candidate.deps, index));
    if (!record) {
      const own: Dependency[] = [];
      const filter = this.resolveIn(stream.dict.get('Filter'), index, own);
      const parms = this.resolveIn(stream.dict.get('DecodeParms'), index, own);
      const filters = filter === undefined || filter === null ? [] : Array.isArray(filter) ? filter.map((item) => this.resolveIn(item, index, own)) : [filter];
      const parmsList = parms === undefined || parms === null ? [] : Array.isArray(parms) ? parms.map((item) => this.resolveIn(item, index, own)) : [parms];
      record = { data: this.decodeWith(stream, filters, parmsList, what), deps: own };
      if (!records) this.decoded.set(stream, (records = []));
      records.push(record);
    }
    deps?.push(...record.deps);
    return record.data;
  }

  /** For xref streams, whose /Filter and /DecodeParms are direct (7.5.8.2). */
  private decodeDirect(stream: PdfStream, what: string): Uint8Array {
    const filter = stream.dict.get('Filter');
    const parms = stream.dict.get('DecodeParms');
    const filters = filter === undefined || filter === null ? [] : Array.isArray(filter) ? filter : [filter];
    const parmsList = parms === undefined || parms === null ? [] : Array.isArray(parms) ? parms : [parms];
    return this.decodeWith(stream, filters, parmsList, what);
  }

  private decodeWith(stream: PdfStream, filters: (PdfObject | undefined)[], parmsList: (PdfObject | undefined)[], what: string): Uint8Array {
    if (stream.dict.has('F')) throw new PdfFormatError(`${what}: external stream data (/F) is not supported`, { code: 'ERR_PDF_UNSUPPORTED' });
    const stages: FilterStage[] = filters.map((filter, i) => {
      if (!(filter instanceof PdfName)) throw new PdfFormatError(`${what}: /Filter must be a name or an array of names`);
      const parms = parmsList[i];
      if (parms !== undefined && parms !== null && !(parms instanceof PdfDict)) {
        throw new PdfFormatError(`${what}: /DecodeParms must be a dictionary or null`);
      }
      return parms ? { name: filter.value, parms } : { name: filter.value };
    });
    const remaining = this.limits.maxTotalDecodedSize - this.decodedTotal;
    if (remaining <= 0) {
      throw new PdfFormatError(`decoded streams exceed the total limit of ${this.limits.maxTotalDecodedSize} bytes`, { code: 'ERR_PDF_LIMIT_EXCEEDED' });
    }
    const data = decodeFilters(stream.data, stages, Math.min(this.limits.maxStreamSize, remaining), what);
    this.decodedTotal += data.length;
    return data;
  }
}

// ---------------------------------------------------------------------------------------------
// Byte scanning helpers

function readHeaderVersion(bytes: Uint8Array): string {
  // 7.5.2: the first line is %PDF-1.n (or %PDF-2.0). Junk before it would shift every offset.
  const head = String.fromCharCode(...bytes.subarray(0, 16));
  const match = /^%PDF-(\d\.\d)/.exec(head);
  if (!match) throw new PdfFormatError('the file does not start with a %PDF- header');
  return match[1]!;
}

function endsWithEof(bytes: Uint8Array, end: number): boolean {
  if (end < EOF_MARKER.length) return false;
  for (let i = 0; i < EOF_MARKER.length; i++) if (bytes[end - EOF_MARKER.length + i] !== EOF_MARKER.charCodeAt(i)) return false;
  return true;
}

function allIndexesOf(bytes: Uint8Array, text: string, from = 0): number[] {
  const found: number[] = [];
  const first = text.charCodeAt(0);
  for (let i = bytes.indexOf(first, from); i >= 0 && i <= bytes.length - text.length; i = bytes.indexOf(first, i + 1)) {
    let match = true;
    for (let j = 1; j < text.length && match; j++) match = bytes[i + j] === text.charCodeAt(j);
    if (match) found.push(i);
  }
  return found;
}

function samePrefix(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  let i = 0;
  // Four bytes a step where both are aligned alike (Node's pooled buffers are 8-aligned): a byte loop over
  // a whole document is most of extendedTo.
  if (bytes.byteOffset % 4 === 0 && prefix.byteOffset % 4 === 0) {
    const words = prefix.length >>> 2;
    const a = new Uint32Array(bytes.buffer, bytes.byteOffset, words);
    const b = new Uint32Array(prefix.buffer, prefix.byteOffset, words);
    for (; i < words; i++) if (a[i] !== b[i]) return false;
    i = words << 2;
  }
  for (; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** 7.5.5: `startxref` EOL offset EOL `%%EOF` EOL. Returns the offset and the byte after the final EOL. */
function readStartxref(bytes: Uint8Array, at: number): { value: number; eofOffset: number; endOffset: number } {
  let pos = at + 'startxref'.length;
  while (pos < bytes.length && isWhitespace(bytes[pos]!)) pos++;
  const digitsStart = pos;
  while (pos < bytes.length && isDigit(bytes[pos]!)) pos++;
  if (pos === digitsStart) throw new PdfFormatError(`startxref at byte ${at} is not followed by an offset`);
  const value = Number(String.fromCharCode(...bytes.subarray(digitsStart, pos)));
  while (pos < bytes.length && isWhitespace(bytes[pos]!)) pos++;
  for (let i = 0; i < EOF_MARKER.length; i++) {
    if (bytes[pos + i] !== EOF_MARKER.charCodeAt(i)) throw new PdfFormatError(`startxref at byte ${at} is not followed by %%EOF (truncated file?)`);
  }
  pos += EOF_MARKER.length;
  const eofOffset = pos;
  if (bytes[pos] === 0x0d) pos++;
  if (bytes[pos] === 0x0a) pos++;
  return { value, eofOffset, endOffset: pos };
}

function findRevisionEnd(
  bytes: Uint8Array,
  startxrefs: readonly number[],
  from: number,
  xrefOffset: number,
): { startxrefOffset: number; value: number; eofOffset: number; endOffset: number } {
  let low = 0;
  let high = startxrefs.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (startxrefs[middle]! < from) low = middle + 1;
    else high = middle;
  }
  const startxrefOffset = startxrefs[low];
  if (startxrefOffset === undefined) throw new PdfFormatError(`no startxref follows the xref section at byte ${xrefOffset}`);
  return { startxrefOffset, ...readStartxref(bytes, startxrefOffset) };
}

/**
 * Annex F: a linearized file holds one revision in two xref sections, the first-page section near the
 * start whose /Prev points forward to the main section at the end. Seen oldest first, the main section
 * comes just before a section at a lower offset; the two become one revision ending at the main
 * section's %%EOF. Any other forward /Prev is left as it is, for the caller to judge.
 */
function mergeLinearizedSections(sections: Revision[], bytes: Uint8Array, maxDepth: number): Revision[] {
  if (sections.length < 2 || !startsWithLinearizationDict(bytes, maxDepth)) return sections;
  const [main, firstPage] = sections as [Revision, Revision];
  if (main.trailer.has('Prev') || firstPage.xrefOffset >= main.xrefOffset) return sections;
  const merged: Revision = {
    ...firstPage,
    entries: new Map([...main.entries, ...firstPage.entries]),
    startxrefOffset: main.startxrefOffset,
    startxrefValue: main.startxrefValue,
    endOffset: main.endOffset,
    eofOffset: main.eofOffset,
  };
  return [merged, ...sections.slice(2)];
}

function startsWithLinearizationDict(bytes: Uint8Array, maxDepth: number): boolean {
  const lexer = new Lexer(bytes, maxDepth, 0);
  try {
    lexer.skipWhitespace(); // the header and the binary comment are comments
    lexer.readObjectHeader();
    const value = lexer.readValue();
    return value instanceof PdfDict && value.has('Linearized');
  } catch {
    return false;
  }
}

function trailerOffset(trailer: PdfDict, key: string, offset: number): number {
  const value = trailer.get(key);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new PdfFormatError(`/${key} in the trailer at byte ${offset} is not a byte offset`);
  }
  return value;
}

/**
 * 7.5.8.4: in a hybrid file the table hides compressed objects from old readers as free entries; the
 * /XRefStm stream gives their real entries. Entries in use in the table win.
 */
function mergeHybrid(table: Map<number, XrefEntry>, stream: Map<number, XrefEntry>): Map<number, XrefEntry> {
  const merged = new Map(stream);
  for (const [num, entry] of table) if (entry.type !== 'free' || !merged.has(num)) merged.set(num, entry);
  return merged;
}
