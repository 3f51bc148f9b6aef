/**
 * The salvage scan (facts/salvage.ts) over files whose structure cannot be read: what it takes for a
 * signature dictionary, which field names it, why it fails, and that hostile shapes neither hide a later
 * signature nor make stream data count.
 */
import { DEFAULT_LIMITS } from '../../../src/pdf/limits';
import { scanObjectHeaders } from '../../../src/pdf/object-scan';
import { salvageSignatures } from '../../../src/verification/facts/salvage';

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
const FIELD = '1 0 obj\n<< /FT /Sig /T (Justerare) /V 2 0 R /Rect [0 0 0 0] >>\nendobj\n';
const signature = (range: string, contents = '<3082>'): string => `2 0 obj\n<< /Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange [${range}] /Contents ${contents} >>\nendobj\n`;

describe('salvageSignatures', () => {
  it('finds a signature dictionary and the field that names it, failed because the structure cannot be read', () => {
    const file = `%PDF-1.7\n${FIELD}${signature('0 10 20 5')}${'%'.repeat(40)}\n`;
    expect(salvageSignatures(bytes(file), 0, DEFAULT_LIMITS, 'no startxref')).toEqual([{
      objectNumber: 2, offset: file.indexOf('2 0 obj'), field: 'Justerare', kind: 'signature', subFilter: 'ETSI.CAdES.detached', byteRange: [0, 10, 20, 5],
      reason: { code: 'UNREADABLE_REVISION', detail: expect.stringContaining('cannot be read: no startxref') },
    }]);
  });

  it('says the file is truncated when the /ByteRange reaches past its end, or when the file ends inside the dictionary', () => {
    const past = `%PDF-1.7\n${FIELD}${signature('0 10 20 5000')}`;
    expect(salvageSignatures(bytes(past), 0, DEFAULT_LIMITS, 'x')[0]!.reason).toEqual({
      code: 'FILE_TRUNCATED', detail: `the file is truncated: /ByteRange [0 10 20 5000] reaches byte 5020, beyond the end of the file (${past.length} bytes)`,
    });
    const cut = `%PDF-1.7\n${FIELD}2 0 obj\n<< /Type /DocTimeStamp /SubFilter /ETSI.RFC3161 /ByteRange [0 10 20 30] /Contents <30820a0b`;
    expect(salvageSignatures(bytes(cut), 0, DEFAULT_LIMITS, 'x')).toEqual([expect.objectContaining({
      kind: 'document-timestamp', field: 'Justerare', byteRange: [0, 10, 20, 30], reason: { code: 'FILE_TRUNCATED', detail: expect.stringMatching(/ends inside the signature dictionary \(object 2/) },
    })]);
  });

  it('takes no header inside stream data, and only what lies after `from`', () => {
    const hidden = signature('0 1 2 3');
    const stream = `3 0 obj\n<< /Length ${hidden.length} >>\nstream\n${hidden}\nendstream\nendobj\n`;
    expect(salvageSignatures(bytes(`%PDF-1.7\n${stream}`), 0, DEFAULT_LIMITS, 'x')).toEqual([]);
    const file = `%PDF-1.7\n${FIELD}${signature('0 1 2 3')}`;
    expect(salvageSignatures(bytes(file), file.indexOf('2 0 obj') + 1, DEFAULT_LIMITS, 'x')).toEqual([]);
  });

  it('a file of unterminated objects does not hide the signature after them', () => {
    const junk = Array.from({ length: 20_000 }, (_, i) => `${i + 10} 0 obj\n(unterminated\n`).join('');
    const found = salvageSignatures(bytes(`%PDF-1.7\n${junk}${FIELD}${signature('0 1 2 3')}`), 0, DEFAULT_LIMITS, 'x');
    expect(found.map((item) => [item.objectNumber, item.field])).toEqual([[2, 'Justerare']]);
  });
});

describe('scanObjectHeaders', () => {
  it('finds headers after white-space or delimiters, not inside tokens, and stops at the limit', () => {
    const text = '%PDF-1.7\n1 0 obj\nnull\nendobj\n(x)2 0 obj null endobj x13 0 obj null endobj 4  7 obj null endobj';
    expect(scanObjectHeaders(bytes(text), 10)).toEqual({
      headers: [{ num: 1, gen: 0, offset: 9 }, { num: 2, gen: 0, offset: text.indexOf('2 0 obj') }, { num: 4, gen: 7, offset: text.indexOf('4  7 obj') }],
      truncated: false,
    });
    expect(scanObjectHeaders(bytes(text), 2)).toMatchObject({ truncated: true, headers: [{ num: 1 }, { num: 2 }] });
  });
});
