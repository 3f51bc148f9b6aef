/**
 * Files from the wild (issue 10, item 6), generated from our own pipeline's output: xref offsets a few
 * bytes off, truncated and corrupted files that still hold signature dictionaries, signatures an update
 * removed from the form, and one signature dictionary named by two fields.
 */
import { sealDocument, signField } from '../../../src/pades';
import { listFields } from '../../../src/pdf/acroform';
import { PdfRef, type PdfObject } from '../../../src/pdf/objects';
import { PdfFile, XREF_OFFSET_TOLERANCE } from '../../../src/pdf/parser';
import type { ReasonCode, SignatureResult, VerificationReport } from '../../../src/verification/model';
import { jsonEntry } from '../../../src/verification/render/json';
import { renderText } from '../../../src/verification/render/text';
import { appendUpdate, changePageText, page, shareSignature } from './helpers/attacks';
import { pipeline, verify, type Pipeline } from './helpers/pipeline';
import { signingContextFor } from '../../../src/engines/signing-context';

let p: Pipeline;
beforeAll(async () => {
  p = await pipeline();
});

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

function signature(report: VerificationReport, field: string): SignatureResult {
  const found = report.signatures.find((candidate) => candidate.field === field);
  if (!found) throw new Error(`no signature in ${field}: ${report.signatures.map((s) => s.field).join(', ')}`);
  return found;
}

const codes = (result: SignatureResult): ReasonCode[] => result.problems.map((problem) => problem.code);

/** The bytes with the classic xref entry of object `num` in the section at `xrefAt` moved by `delta` (same length). */
function shiftEntry(bytes: Uint8Array, xrefAt: number, num: number, delta: number): { bytes: Uint8Array; offset: number } {
  const text = latin1(bytes);
  const table = text.slice(xrefAt, text.indexOf('trailer', xrefAt));
  const sub = /(\d+) (\d+)\r?\n/.exec(table.slice(5))!;
  const first = Number(sub[1]);
  const entryAt = xrefAt + 5 + sub.index + sub[0].length + (num - first) * 20;
  const offset = Number(text.slice(entryAt, entryAt + 10));
  const out = Buffer.from(bytes);
  out.write(String(offset + delta).padStart(10, '0'), entryAt, 'latin1');
  return { bytes: new Uint8Array(out), offset };
}

/** The page and form as they lose field `name`: out of /AcroForm /Fields and the page's /Annots (or only its /V). */
function removeField(bytes: Uint8Array, name: string, only: 'field' | 'value'): Uint8Array {
  return appendUpdate(bytes, (file, update) => {
    const field = listFields(file).find((candidate) => candidate.name === name)!;
    if (only === 'value') {
      const withoutValue = field.dict.clone();
      withoutValue.delete('V');
      update.set(field.ref!, withoutValue);
      return;
    }
    const isField = (item: PdfObject): boolean => !(item instanceof PdfRef && item.num === field.ref!.num);
    const catalog = file.catalog();
    const formValue = catalog.get('AcroForm');
    const form = file.resolveDict(formValue)!.clone();
    form.set('Fields', (file.resolveArray(form.get('Fields')) ?? []).filter(isField));
    if (formValue instanceof PdfRef) update.set(formValue, form);
    else update.set(file.trailer().getRef('Root')!, catalog.clone().set('AcroForm', form));
    for (let index = 0; ; index++) {
      const target = page(file, index);
      if (!target.ref) break;
      const annots = file.resolveArray(target.dict.get('Annots'));
      if (annots?.some((item) => !isField(item))) update.set(target.ref, target.dict.clone().set('Annots', annots.filter(isField)));
    }
  });
}

describe('xref offsets a few bytes off', () => {
  it('a file whose xref is off by a byte before it was signed: the signatures verify, the correction is a warning', async () => {
    const assembled = PdfFile.parse(p.assembled);
    const root = assembled.trailer().getRef('Root')!;
    const shifted = shiftEntry(p.assembled, assembled.latest.xrefOffset, root.num, 1);
    const context = signingContextFor(p.keys, p.clock);
    const sealed = await sealDocument(shifted.bytes, context);
    const signed = await signField(sealed, { ...context, field: 'ordforande', signer: { person: { name: 'Johan Nilsson' } }, role: 'Ordförande', claimedTime: p.clock.now() });

    const report = await verify(signed);
    expect(signature(report, 'sigill').indication).toBe('TOTAL_PASSED');
    expect(signature(report, 'ordforande').indication).toBe('TOTAL_PASSED');
    expect(report.documentWarnings).toEqual([
      expect.objectContaining({ code: 'XREF_OFFSET_CORRECTED', objectNumber: root.num, revision: 1, offsetGiven: shifted.offset + 1, offsetFound: shifted.offset }),
    ]);
    expect(renderText([{ file: 'wild.pdf', report }])).toMatch(/! Varning XREF_OFFSET_CORRECTED: object \d+ 0: the xref section of revision 1 gives offset/);
    expect(JSON.parse(jsonEntry({ file: 'wild.pdf', report })).documentWarnings[0].code).toBe('XREF_OFFSET_CORRECTED');
  });

  it('an update after the signatures with its offsets off is read as the objects it wrote: still an illegal change, and a warning', async () => {
    const proper = changePageText(p.final, '0 0 0 rg', '1 0 0 rg');
    const text = latin1(proper);
    const xref = text.lastIndexOf('\nxref\n') + 1;
    const section = text.slice(xref, text.indexOf('trailer', xref)).replace(/^(\d{10}) (\d{5}) n/gm, (_m, offset: string, gen: string) => `${String(Number(offset) + 7).padStart(10, '0')} ${gen} n`);
    const report = await verify(Buffer.from(text.slice(0, xref) + section + text.slice(text.indexOf('trailer', xref)), 'latin1'));
    const result = signature(report, 'justerare-1');
    expect(result.indication).toBe('TOTAL_FAILED');
    expect(codes(result)).toContain('ILLEGAL_MODIFICATION');
    expect(result.modifications.some((modification) => modification.what === 'content stream' || modification.page !== undefined)).toBe(true);
    expect(report.documentWarnings?.map((warning) => warning.revision)).toContain(10);
  });

  it('a signed revision whose entry is off by more than the tolerance is never corrected', async () => {
    const file = PdfFile.parse(p.assembled);
    const root = file.trailer().getRef('Root')!;
    const far = shiftEntry(p.assembled, file.latest.xrefOffset, root.num, XREF_OFFSET_TOLERANCE + 40);
    await expect(verify(far.bytes)).rejects.toMatchObject({ code: 'ERR_PDF_MALFORMED' });
  });
});

describe('corrupted and truncated files that still hold signature dictionaries', () => {
  it('truncated inside the last signature: that signature fails as truncated, the others as changed after signing', async () => {
    // The last /Contents of the finished example is the document timestamp's.
    const truncated = p.final.subarray(0, latin1(p.final).lastIndexOf('/Contents <') + 200);
    const report = await verify(truncated);
    const salvaged = report.signatures.filter((result) => result.salvaged);
    expect(salvaged).toHaveLength(1);
    expect(salvaged[0]).toMatchObject({ kind: 'document-timestamp', indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(codes(salvaged[0]!)).toEqual(['FILE_TRUNCATED']);
    expect(salvaged[0]!.problems[0]!.detail).toMatch(/truncated|ends inside/);
    expect(signature(report, 'ordforande').indication).toBe('TOTAL_FAILED');
    expect(report.indication).toBe('TOTAL_FAILED');
    expect(report.summary.sv).toMatch(/^Inte äkta\./);
  });

  it('a file with no readable xref at all: every signature dictionary is listed as failed, not "no signatures"', async () => {
    const broken = Buffer.from(latin1(p.adjusterSigned).replace(/startxref/g, 'startxrex'), 'latin1');
    const report = await verify(broken);
    expect(report.signatures.map((result) => result.field).sort()).toEqual(['justerare-1', 'ordforande', 'sigill']);
    for (const result of report.signatures) {
      expect(result).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE', salvaged: true, coverage: 'UNCLEAR' });
      expect(codes(result)).toEqual(['UNREADABLE_REVISION']);
    }
    expect(report.revisions).toBe(0);
    expect(report.documentProblems[0]!.detail).toMatch(/no startxref/);
    expect(report.summary.sv).toMatch(/^Inte äkta\./);
  });

  it('a file cut short and without a readable xref: the signature whose /ByteRange reaches past the end is truncated', async () => {
    const text = latin1(p.chairSigned).replace(/startxref/g, 'startxrex');
    const chairRange = text.lastIndexOf('/ByteRange');
    const report = await verify(Buffer.from(text.slice(0, chairRange + 400), 'latin1'));
    const truncated = report.signatures.filter((result) => codes(result).includes('FILE_TRUNCATED'));
    expect(truncated).toHaveLength(1);
    expect(truncated[0]!.problems[0]!.detail).toMatch(/\/ByteRange \[0 \d+ \d+ \d+\] reaches byte \d+, beyond the end of the file/);
    expect(signature(report, 'sigill').problems.map((problem) => problem.code)).toEqual(['UNREADABLE_REVISION']);
  });

  it('bytes that hold no signature dictionary stay an unreadable file', async () => {
    await expect(verify(Buffer.from(latin1(p.assembled).replace(/startxref/g, 'startxrex'), 'latin1'))).rejects.toMatchObject({ code: 'ERR_PDF_MALFORMED' });
  });
});

describe('signatures an update removed from the form', () => {
  it('a signature field removed after signing: the signature is reported as removed, over the revision it signed, and fails', async () => {
    const removed = removeField(p.final, 'justerare-1', 'field');
    const report = await verify(removed);
    const result = signature(report, 'justerare-1');
    const signedRevision = (await verify(p.final)).signatures.find((candidate) => candidate.field === 'justerare-1')!.revision;
    expect(result).toMatchObject({ removed: { revision: 10, how: 'field-removed' }, revision: signedRevision, coverage: 'ENTIRE_REVISION', indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(result.integrity).toEqual({ intact: true, cryptoValid: true });
    expect(codes(result)[0]).toBe('SIGNATURE_REMOVED');
    expect(result.sentence.sv).toMatch(/har tagits bort ur dokumentets formulär/);
    expect(report.summary.sv).toMatch(/^Inte äkta\./);
    expect(report.justering?.complete).toBe(false);
    expect(renderText([{ file: 'removed.pdf', report }])).toMatch(/Borttagen ur formuläret i version 10 \(field-removed\)/);
  });

  it('a signature value removed from its field: the field is not "not signed yet" but a failed signature', async () => {
    const report = await verify(removeField(p.final, 'justerare-1', 'value'));
    expect(signature(report, 'justerare-1')).toMatchObject({ removed: { revision: 10, how: 'value-removed' }, indication: 'TOTAL_FAILED' });
    expect(report.justering).toMatchObject({ complete: false, missing: [], failed: expect.arrayContaining(['justerare-1']) });
    expect(report.unsignedFields).toContain('justerare-1');
  });
});

describe('one signature dictionary named by two fields', () => {
  it('is reported once, with the other field, and shown so in the text report', async () => {
    const attacked = shareSignature(p.final, 'ordforande', 'justerare-1');
    const report = await verify(attacked);
    const chair = signature(report, 'ordforande');
    expect(chair.alsoFields).toEqual(['justerare-1']);
    expect(report.signatures.filter((result) => result.signatureObject === chair.signatureObject)).toHaveLength(1);
    // The adjuster's own signature is no longer in the form: reported as replaced.
    expect(signature(report, 'justerare-1').removed?.how).toBe('value-replaced');
    expect(report.justering).toMatchObject({ complete: false, missing: [] });
    expect(renderText([{ file: 'shared.pdf', report }])).toMatch(/Samma signatur är även värdet i: justerare-1/);
  });
});

it('the finished example has no warnings, no removed and no salvaged signatures', async () => {
  const report = await verify(p.final);
  expect(report.documentWarnings).toBeUndefined();
  expect(report.signatures.some((result) => result.removed || result.salvaged || result.alsoFields)).toBe(false);
  expect(report.indication).toBe('TOTAL_PASSED');
});
