/**
 * A TrueType font program cut down to the glyphs a signature appearance needs (ISO 32000-1, 9.9: the
 * tables glyf, head, hhea, hmtx, loca, maxp, cvt, fpgm, prep), renumbered from 0 (.notdef) on, with the
 * components of composite glyphs ("Å" is A + ring) pulled in. Glyph bytes are copied, never decoded:
 * fontkit's subsetter decodes and re-encodes every table and costs ~3 ms per call, a third of the
 * 10 ms a whole signature may take. Layout per the OpenType spec ('glyf', 'loca', 'hmtx', table directory).
 */

const REQUIRED_TABLES = ['glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp'] as const;
/** Hinting tables are copied as they are when the font has them: glyph instructions may call into them. */
const COPIED_TABLES = ['cvt ', 'fpgm', 'prep'] as const;

// Composite glyph flags (OpenType 'glyf', Composite Glyph Description).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

export interface TrueTypeSubset {
  /** The font program, for a FontFile2 stream. */
  fontFile: Buffer;
  /** New glyph id (the CID, with CIDToGIDMap /Identity) of each requested original glyph id. */
  newIdOf: Map<number, number>;
  /** Advance width of each new glyph, in font units. */
  advanceWidths: number[];
}

export class TrueTypeSubsetter {
  private readonly tables = new Map<string, Buffer>();
  private readonly numGlyphs: number;
  private readonly numberOfHMetrics: number;
  private readonly longLoca: boolean;
  /** The copied tables' checksums, the same in every subset. */
  private readonly copiedChecksums = new Map<string, number>();

  constructor(font: Buffer) {
    const numTables = font.readUInt16BE(4);
    for (let i = 0; i < numTables; i++) {
      const record = 12 + 16 * i;
      const tag = font.toString('latin1', record, record + 4);
      const offset = font.readUInt32BE(record + 8);
      const length = font.readUInt32BE(record + 12);
      if (offset + length > font.length) throw new RangeError(`TrueType table '${tag}' runs past the end of the font`);
      this.tables.set(tag, font.subarray(offset, offset + length));
    }
    for (const tag of REQUIRED_TABLES) if (!this.tables.has(tag)) throw new RangeError(`The font has no '${tag}' table`);
    this.numGlyphs = this.table('maxp').readUInt16BE(4);
    this.numberOfHMetrics = this.table('hhea').readUInt16BE(34);
    this.longLoca = this.table('head').readInt16BE(50) === 1;
    for (const tag of COPIED_TABLES) {
      const table = this.tables.get(tag);
      if (table) this.copiedChecksums.set(tag, checksum(table));
    }
  }

  /** The subset holding .notdef, `glyphIds` in the order given, then the components they need. */
  subset(glyphIds: readonly number[]): TrueTypeSubset {
    const order: number[] = [];
    const newIdOf = new Map<number, number>();
    const add = (id: number): void => {
      if (newIdOf.has(id)) return;
      if (!(id >= 0 && id < this.numGlyphs)) throw new RangeError(`Glyph ${id} is not in the font (${this.numGlyphs} glyphs)`);
      newIdOf.set(id, order.length);
      order.push(id);
    };
    add(0);
    glyphIds.forEach(add);
    // Components are appended as they are found; the loop also visits the ones it appends.
    for (let i = 0; i < order.length; i++) for (const component of this.components(this.glyph(order[i]!))) add(component);

    const glyphs = order.map((id) => this.renumbered(this.glyph(id), newIdOf));
    const loca = Buffer.alloc(4 * (order.length + 1));
    const glyf = Buffer.alloc(glyphs.reduce((total, glyph) => total + padded(glyph.length), 0));
    let offset = 0;
    glyphs.forEach((glyph, i) => {
      loca.writeUInt32BE(offset, 4 * i);
      glyph.copy(glyf, offset);
      offset += padded(glyph.length);
    });
    loca.writeUInt32BE(offset, 4 * order.length);

    const advanceWidths = order.map((id) => this.advanceWidth(id));
    const hmtx = Buffer.alloc(4 * order.length);
    order.forEach((id, i) => {
      hmtx.writeUInt16BE(advanceWidths[i]!, 4 * i);
      hmtx.writeInt16BE(this.leftSideBearing(id), 4 * i + 2);
    });
    const head = Buffer.from(this.table('head'));
    head.writeUInt32BE(0, 8); // checkSumAdjustment, set once the whole font is known
    head.writeInt16BE(1, 50); // indexToLocFormat: long offsets
    const hhea = Buffer.from(this.table('hhea'));
    hhea.writeUInt16BE(order.length, 34);
    const maxp = Buffer.from(this.table('maxp'));
    maxp.writeUInt16BE(order.length, 4);

    const tables = new Map<string, Buffer>([
      ['glyf', glyf],
      ['head', head],
      ['hhea', hhea],
      ['hmtx', hmtx],
      ['loca', loca],
      ['maxp', maxp],
    ]);
    for (const tag of COPIED_TABLES) {
      const table = this.tables.get(tag);
      if (table) tables.set(tag, table);
    }
    return { fontFile: assemble(tables, this.copiedChecksums), newIdOf, advanceWidths };
  }

  private table(tag: (typeof REQUIRED_TABLES)[number]): Buffer {
    return this.tables.get(tag)!;
  }

  private glyph(id: number): Buffer {
    const loca = this.table('loca');
    const start = this.longLoca ? loca.readUInt32BE(4 * id) : 2 * loca.readUInt16BE(2 * id);
    const end = this.longLoca ? loca.readUInt32BE(4 * id + 4) : 2 * loca.readUInt16BE(2 * id + 2);
    const glyf = this.table('glyf');
    if (end < start || end > glyf.length) throw new RangeError(`Glyph ${id} has a broken 'loca' entry`);
    return glyf.subarray(start, end);
  }

  /** The component glyph ids of a composite glyph (numberOfContours < 0), with where each id is stored. */
  private *componentSlots(glyph: Buffer): Generator<{ at: number; id: number }> {
    if (glyph.length < 10 || glyph.readInt16BE(0) >= 0) return;
    let at = 10;
    for (;;) {
      const flags = glyph.readUInt16BE(at);
      yield { at: at + 2, id: glyph.readUInt16BE(at + 2) };
      at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
      if (flags & WE_HAVE_A_SCALE) at += 2;
      else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
      else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
      if (!(flags & MORE_COMPONENTS)) return;
    }
  }

  private components(glyph: Buffer): number[] {
    return [...this.componentSlots(glyph)].map((slot) => slot.id);
  }

  /** A copy of the glyph with its component ids rewritten to the subset's numbering. */
  private renumbered(glyph: Buffer, newIdOf: Map<number, number>): Buffer {
    const slots = [...this.componentSlots(glyph)];
    if (slots.length === 0) return glyph;
    const copy = Buffer.from(glyph);
    for (const slot of slots) copy.writeUInt16BE(newIdOf.get(slot.id)!, slot.at);
    return copy;
  }

  private advanceWidth(id: number): number {
    return this.table('hmtx').readUInt16BE(4 * Math.min(id, this.numberOfHMetrics - 1));
  }

  private leftSideBearing(id: number): number {
    const hmtx = this.table('hmtx');
    return id < this.numberOfHMetrics ? hmtx.readInt16BE(4 * id + 2) : hmtx.readInt16BE(4 * this.numberOfHMetrics + 2 * (id - this.numberOfHMetrics));
  }
}

function padded(length: number): number {
  return (length + 3) & ~3;
}

/** OpenType table checksum: the sum of the big-endian uint32s, the last one zero-padded. */
function checksum(data: Buffer): number {
  let sum = 0;
  const whole = data.length & ~3;
  for (let i = 0; i < whole; i += 4) sum = (sum + ((data[i]! << 24) | (data[i + 1]! << 16) | (data[i + 2]! << 8) | data[i + 3]!)) >>> 0;
  let tail = 0;
  for (let i = whole; i < data.length; i++) tail |= data[i]! << (24 - 8 * (i - whole));
  return (sum + (tail >>> 0)) >>> 0;
}

/**
 * The table directory (sorted by tag) and the tables, each 4-byte aligned; then head.checkSumAdjustment.
 * `checksums` holds the checksums already known (the copied tables'): the font's own is their sum with the
 * directory's, every table being zero-padded to 4 bytes.
 */
function assemble(tables: Map<string, Buffer>, checksums: ReadonlyMap<string, number>): Buffer {
  const tags = [...tables.keys()].sort();
  const entrySelector = Math.floor(Math.log2(tags.length));
  const searchRange = 16 * 2 ** entrySelector;
  const headerLength = 12 + 16 * tags.length;
  const total = headerLength + tags.reduce((sum, tag) => sum + padded(tables.get(tag)!.length), 0);
  const out = Buffer.alloc(total);
  out.writeUInt32BE(0x00010000, 0);
  out.writeUInt16BE(tags.length, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(tags.length * 16 - searchRange, 10);
  let offset = headerLength;
  let headOffset = 0;
  let tablesSum = 0;
  tags.forEach((tag, i) => {
    const table = tables.get(tag)!;
    const record = 12 + 16 * i;
    const sum = checksums.get(tag) ?? checksum(table);
    tablesSum = (tablesSum + sum) >>> 0;
    out.write(tag, record, 'latin1');
    out.writeUInt32BE(sum, record + 4);
    out.writeUInt32BE(offset, record + 8);
    out.writeUInt32BE(table.length, record + 12);
    table.copy(out, offset);
    if (tag === 'head') headOffset = offset;
    offset += padded(table.length);
  });
  const fontSum = (checksum(out.subarray(0, headerLength)) + tablesSum) >>> 0;
  out.writeUInt32BE((0xb1b0afba - fontSum) >>> 0, headOffset + 8);
  return out;
}
