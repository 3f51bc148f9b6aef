import { PdfFormatError } from '../../../src/errors';
import { Lexer } from '../../../src/pdf/lexer';
import { PdfDict, PdfName, PdfObject, PdfRef, PdfStream, PdfString } from '../../../src/pdf/objects';

function read(text: string, maxDepth = 100): PdfObject {
  return new Lexer(Buffer.from(text, 'latin1'), maxDepth).readValue();
}

function bytesOf(value: PdfObject): string {
  expect(value).toBeInstanceOf(PdfString);
  return Buffer.from((value as PdfString).bytes).toString('latin1');
}

const noIndirectLength = (): PdfObject => {
  throw new Error('no indirect length expected');
};

describe('Lexer.readValue', () => {
  it('reads names with #xx escapes as the decoded name', () => {
    expect(read('/A#20B#2fC')).toBe(PdfName.of('A B/C'));
    expect(read('/#c3#96')).toBe(PdfName.of('Ö'));
    expect(read('/Lime#20Green')).toBe(PdfName.of('Lime Green'));
    expect(read('/')).toBe(PdfName.of(''));
    expect(() => read('/A#2')).toThrow(PdfFormatError);
    expect(() => read('/A#zz')).toThrow(PdfFormatError);
  });

  it('reads literal strings with escapes, octal codes, nesting and line continuations', () => {
    expect(bytesOf(read('(a\\(b\\)\\\\c)'))).toBe('a(b)\\c');
    expect(bytesOf(read('(x (nested (twice)) y)'))).toBe('x (nested (twice)) y');
    expect(bytesOf(read('(\\n\\r\\t\\b\\f)'))).toBe('\n\r\t\b\f');
    expect(bytesOf(read('(\\101\\60\\0053)'))).toBe('A0\x053');
    expect(bytesOf(read('(\\q)'))).toBe('q');
    expect(bytesOf(read('(split \\\r\nline \\\nhere)'))).toBe('split line here');
    expect(bytesOf(read('(cr\rcrlf\r\nlf\n)'))).toBe('cr\ncrlf\nlf\n');
    expect(() => read('(never closed')).toThrow(PdfFormatError);
  });

  it('reads hex strings with white-space and an odd final digit', () => {
    expect(Array.from((read('<48 65\n6C6c 6F>') as PdfString).bytes)).toEqual([0x48, 0x65, 0x6c, 0x6c, 0x6f]);
    expect(Array.from((read('<901FA>') as PdfString).bytes)).toEqual([0x90, 0x1f, 0xa0]);
    expect((read('<>') as PdfString).bytes).toHaveLength(0);
    expect((read('<00>') as PdfString).hex).toBe(true);
    expect(() => read('<0G>')).toThrow(PdfFormatError);
    expect(() => read('<00')).toThrow(PdfFormatError);
  });

  it('reads numbers with signs and leading or trailing periods, and refuses other forms', () => {
    expect(read('+17')).toBe(17);
    expect(read('-98')).toBe(-98);
    expect(read('34.5')).toBe(34.5);
    expect(read('-.002')).toBe(-0.002);
    expect(read('.5')).toBe(0.5);
    expect(read('4.')).toBe(4);
    for (const bad of ['1e5', '--1', '1.2.3', '+', '.', '12a']) expect(() => read(bad)).toThrow(PdfFormatError);
  });

  it('reads references, booleans and null, and tells numbers from references', () => {
    expect(read('12 0 R')).toEqual(new PdfRef(12, 0));
    expect(read('[1 2 3 0 R 4]')).toEqual([1, 2, new PdfRef(3, 0), 4]);
    expect(read('[1 0 2 0]')).toEqual([1, 0, 2, 0]);
    expect(() => read('[1 -2 R]')).toThrow(/unexpected 'R'/);
    expect(read('true')).toBe(true);
    expect(read('false')).toBe(false);
    expect(read('null')).toBeNull();
    expect(() => read('truthy')).toThrow(PdfFormatError);
  });

  it('reads arrays, dictionaries and comments', () => {
    const value = read('<< /Type /Page % a comment\n /Kids [1 0 R 2 0 R] /Nums [0 -1 2.5 true false null] /Sub <</A (x)>> >>');
    expect(value).toBeInstanceOf(PdfDict);
    const dict = value as PdfDict;
    expect(dict.getName('Type')).toBe('Page');
    expect(dict.get('Kids')).toEqual([new PdfRef(1, 0), new PdfRef(2, 0)]);
    expect(dict.get('Nums')).toEqual([0, -1, 2.5, true, false, null]);
    expect(bytesOf((dict.get('Sub') as PdfDict).get('A')!)).toBe('x');
    expect(read('[]')).toEqual([]);
    expect(read('<<>>')).toEqual(new PdfDict());
  });

  it('refuses duplicate keys, missing values, non-name keys and stray tokens', () => {
    expect(() => read('<</A 1 /A 2>>')).toThrow(/appears twice/);
    expect(() => read('<</A>>')).toThrow(/has no value/);
    expect(() => read('<<1 2>>')).toThrow(/must be a name/);
    expect(() => read('[1 2')).toThrow(/not closed/);
    expect(() => read('endobj')).toThrow(PdfFormatError);
    expect(() => read(')')).toThrow(PdfFormatError);
    expect(() => read('{')).toThrow(PdfFormatError);
  });

  it('refuses 10,000 nested arrays with a limit error instead of overflowing the stack', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    expect(() => read(deep)).toThrow(expect.objectContaining({ code: 'ERR_PDF_LIMIT_EXCEEDED' }));
    expect(() => read('<</A '.repeat(5000) + '>>'.repeat(5000))).toThrow(expect.objectContaining({ code: 'ERR_PDF_LIMIT_EXCEEDED' }));
    expect(read('[[[1]]]', 3)).toEqual([[[1]]]);
    expect(() => read('[[[[1]]]]', 3)).toThrow(PdfFormatError);
  });
});

describe('Lexer.readIndirectObject', () => {
  function readObject(text: string, resolveLength = noIndirectLength) {
    return new Lexer(Buffer.from(text, 'latin1'), 100).readIndirectObject(resolveLength);
  }

  it('reads an object with its offsets', () => {
    const text = '  7 0 obj\n<</A 1>>\nendobj\n';
    const object = readObject(text);
    expect(object).toMatchObject({ num: 7, gen: 0, offset: 2, endOffset: text.indexOf('endobj') + 6 });
  });

  it('reads stream data of exactly /Length bytes, direct or indirect', () => {
    const stream = readObject('1 0 obj\n<</Length 5>>\nstream\r\nhello\nendstream\nendobj').value as PdfStream;
    expect(Buffer.from(stream.data).toString('latin1')).toBe('hello');
    const indirect = readObject('1 0 obj <</Length 9 0 R>> stream\nhi!endstream endobj', () => 3).value as PdfStream;
    expect(Buffer.from(indirect.data).toString('latin1')).toBe('hi!');
  });

  it('refuses a stream whose /Length does not end at endstream, never re-measuring it', () => {
    expect(() => readObject('1 0 obj\n<</Length 4>>\nstream\nhello\nendstream\nendobj')).toThrow(/does not end at 'endstream'/);
    expect(() => readObject('1 0 obj\n<</Length 8>>\nstream\nhello\nendstream\nendobj')).toThrow(/does not end at 'endstream'/);
    expect(() => readObject('1 0 obj\n<</Length 99>>\nstream\nhello\nendstream\nendobj')).toThrow(/past the end/);
    expect(() => readObject('1 0 obj\n<</Length -1>>\nstream\nhello\nendstream\nendobj')).toThrow(/not a non-negative integer/);
    expect(() => readObject('1 0 obj\n<</Length 5>>\nstream\rhello\nendstream\nendobj')).toThrow(/CRLF or LF/);
  });

  it('refuses a missing endobj and a malformed header', () => {
    expect(() => readObject('1 0 obj <</A 1>> 2 0 obj')).toThrow(/expected 'endobj'/);
    expect(() => readObject('1 0 ob <<>> endobj')).toThrow(/expected 'obj'/);
    expect(() => readObject('x 0 obj <<>> endobj')).toThrow(/object number/);
  });
});
