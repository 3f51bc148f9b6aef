import { createHash } from 'node:crypto';
import { SigningError } from '../../../src/errors';
import { buildSignaturePlaceholder, digestSignedBytes, fillContents, placeSignature } from '../../../src/pades/byte-range';
import { dict, name } from '../../../src/pdf/objects';

function writeWithPlaceholder(capacity: number) {
  const placeholder = buildSignaturePlaceholder(dict({ Type: name('Sig'), Filter: name('Adobe.PPKLite') }), capacity);
  const prefix = Buffer.from('%PDF-1.7\n% earlier revision\n', 'latin1');
  const objectOffset = prefix.length;
  const file = Buffer.concat([prefix, Buffer.from('7 0 obj\n'), placeholder.body, Buffer.from('\nendobj\ntrailer\n%%EOF\n')]);
  return { placeholder, file, objectOffset };
}

describe('signature placeholder', () => {
  it('declares a byte range that excludes exactly the /Contents hex string and keeps the file length', () => {
    const { placeholder, file, objectOffset } = writeWithPlaceholder(64);
    const length = file.length;
    const placed = placeSignature(file, objectOffset, placeholder);
    const [a, b, c, d] = placed.byteRange;
    expect(file.length).toBe(length);
    expect(a).toBe(0);
    expect(file[b]).toBe(0x3c);
    expect(file[c - 1]).toBe(0x3e);
    expect(c - b).toBe(64 * 2 + 2);
    expect(c + d).toBe(file.length);
    expect(file.toString('latin1')).toMatch(new RegExp(`/ByteRange \\[0 ${b} ${c} ${d} *\\] /Contents <0{128}>`));
  });

  it('digests the bytes outside the gap and fills /Contents in place without moving a byte', () => {
    const { placeholder, file, objectOffset } = writeWithPlaceholder(16);
    const placed = placeSignature(file, objectOffset, placeholder);
    const [, b, c] = placed.byteRange;
    const expected = createHash('sha256').update(Buffer.concat([file.subarray(0, b), file.subarray(c)])).digest();
    expect(digestSignedBytes(file, placed, 'SHA-256')).toEqual(expected);
    const before = Buffer.from(file);
    fillContents(file, placed, Buffer.from([0x30, 0x03, 0x02, 0x01, 0xff]));
    expect(file.subarray(b, c).toString('latin1')).toBe(`<30030201FF${'0'.repeat(22)}>`);
    expect(Buffer.concat([file.subarray(0, b), file.subarray(c)])).toEqual(Buffer.concat([before.subarray(0, b), before.subarray(c)]));
  });

  it('refuses a signature larger than the placeholder', () => {
    const { placeholder, file, objectOffset } = writeWithPlaceholder(4);
    const placed = placeSignature(file, objectOffset, placeholder);
    expect(() => fillContents(file, placed, Buffer.alloc(5))).toThrow(SigningError);
    expect(() => fillContents(file, placed, Buffer.alloc(5))).toThrow(expect.objectContaining({ code: 'ERR_PLACEHOLDER_TOO_SMALL' }));
  });

  it('refuses an offset that does not point at the placeholder', () => {
    const { placeholder, file } = writeWithPlaceholder(4);
    expect(() => placeSignature(file, 0, placeholder)).toThrow(/not written where/);
  });
});
