import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, dict, name, serializeIndirectObject, serializeValue } from '../../../src/pdf/objects';

describe('serializeValue', () => {
  it('writes names with delimiters and non-ASCII bytes as #xx escapes', () => {
    expect(serializeValue(name('A B/C'))).toBe('/A#20B#2fC');
    expect(serializeValue(name('Ö'))).toBe('/#c3#96');
  });

  it('escapes parentheses and backslashes in literal strings and keeps hex strings hex', () => {
    expect(serializeValue(PdfString.fromText('a(b)\\c'))).toBe('(a\\(b\\)\\\\c)');
    expect(serializeValue(PdfString.hexOf(Uint8Array.from([0, 255])))).toBe('<00FF>');
  });

  it('encodes non-ASCII text strings as UTF-16BE with a byte order mark and decodes them back', () => {
    const text = PdfString.fromText('Åsa Öberg – §');
    expect(Array.from(text.bytes.subarray(0, 2))).toEqual([0xfe, 0xff]);
    expect(text.toText()).toBe('Åsa Öberg – §');
  });

  it('writes dictionaries, arrays, references and numbers without exponents', () => {
    const value = dict({ Type: name('Sig'), Rect: [0, 1.5, 0.1234567, 100], P: new PdfRef(3, 0), N: null, B: true });
    expect(serializeValue(value)).toBe('<</Type /Sig /Rect [0 1.5 0.123457 100] /P 3 0 R /N null /B true>>');
    expect(() => serializeValue(Number.NaN)).toThrow(RangeError);
  });

  it('writes a stream with a /Length that matches its data', () => {
    const bytes = serializeIndirectObject(new PdfRef(7, 0), new PdfStream(new PdfDict(), Buffer.from('BT ET')));
    expect(bytes.toString('latin1')).toBe('7 0 obj\n<</Length 5>>\nstream\nBT ET\nendstream\nendobj\n');
  });

  it('decodes text strings without Buffer: surrogate pairs, UTF-8 with BOM, and ISO 8859-1 bytes as themselves', () => {
    expect(PdfString.fromText('𝄞 Åsa').toText()).toBe('𝄞 Åsa');
    expect(new PdfString(Uint8Array.from([0xef, 0xbb, 0xbf, 0xc3, 0x96])).toText()).toBe('Ö');
    expect(new PdfString(Uint8Array.from([0x41, 0x96, 0xe9])).toText()).toBe('A\u0096é');
    expect(new PdfString(Uint8Array.from([0xfe, 0xff, 0x00, 0x41, 0x00])).toText()).toBe('A');
  });

  it('interns names so they compare by identity', () => {
    expect(PdfName.of('Sig')).toBe(name('Sig'));
  });
});
