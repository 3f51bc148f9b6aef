/**
 * Attack files generated from our own signed output and from PDFs prepared here (PADES-NOTES "Known
 * attacks"); each must be reported not TOTAL_PASSED, for the right reason.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../../src/clock';
import { addDocumentTimestamp, sealDocument, signField } from '../../../src/pades';
import { listFields } from '../../../src/pdf/acroform';
import { PdfFile, XREF_OFFSET_TOLERANCE } from '../../../src/pdf/parser';
import { analyseRevision } from '../../../src/verification/diff/difference-analysis';
import { dict, name, PdfRef, PdfStream } from '../../../src/pdf/objects';
import { issueSignerCertificate } from '../../../src/ca/issue-signer-certificate';
import { initKeys } from '../../../src/ca/keys-folder';
import { BuiltinTsa } from '../../../src/tsa/builtin-tsa';
import { signatureTimestamp } from '../../helpers/openssl';
import type { Timestamper } from '../../../src/tsa/timestamper';
import type { ReasonCode, SignatureResult, VerificationReport } from '../../../src/verification/model';
import {
  addAnnotation, appendUpdate, byteRangeText, changePageText, cmsSigner, contentsOf, duplicateSignerInfo, page, replaceSameLength,
  shareSignature, signWith,
} from './helpers/attacks';
import { pipeline, SIGNING_TIME, verify, type Pipeline } from './helpers/pipeline';
import { signingContextFor } from '../../../src/engines/signing-context';

let p: Pipeline;
beforeAll(async () => {
  p = await pipeline();
});

function signature(report: VerificationReport, field: string): SignatureResult {
  const found = report.signatures.find((candidate) => candidate.field === field);
  if (!found) throw new Error(`no signature in ${field}: ${report.signatures.map((s) => s.field).join(', ')}`);
  return found;
}

function codes(result: SignatureResult): ReasonCode[] {
  return result.problems.map((problem) => problem.code);
}

function expectRejected(report: VerificationReport, field: string, code: ReasonCode): SignatureResult {
  const result = signature(report, field);
  expect(result.indication).not.toBe('TOTAL_PASSED');
  expect(codes(result)).toContain(code);
  expect(report.indication).not.toBe('TOTAL_PASSED');
  return result;
}

describe('universal signature forgery: every /ByteRange and /Contents variant fails closed', () => {
  const variants: [string, (range: { text: string; values: number[] }) => string, ReasonCode][] = [
    ['missing', () => '', 'BYTE_RANGE_MISSING'],
    ['null', () => 'null', 'BYTE_RANGE_MISSING'],
    ['empty', () => '[]', 'BYTE_RANGE_MALFORMED'],
    ['wrong length', (r) => `[0 ${r.values[1]} ${r.values[2]}]`, 'BYTE_RANGE_MALFORMED'],
    ['zero', () => '[0 0 0 0]', 'BYTE_RANGE_MALFORMED'],
    ['negative', (r) => `[0 -${r.values[1]} ${r.values[2]} ${r.values[3]}]`, 'BYTE_RANGE_MALFORMED'],
    ['past the end', (r) => `[0 ${r.values[1]} ${r.values[2]} ${r.values[3] + 5000}]`, 'BYTE_RANGE_MALFORMED'],
    ['overlapping', (r) => `[0 ${r.values[2]} ${r.values[1]} ${r.values[3]}]`, 'BYTE_RANGE_MALFORMED'],
    ['not starting at 0', (r) => `[1 ${r.values[1]} ${r.values[2]} ${r.values[3]}]`, 'BYTE_RANGE_MALFORMED'],
    ['gap shifted', (r) => `[0 ${r.values[1] + 2} ${r.values[2]} ${r.values[3]}]`, 'BYTE_RANGE_GAP_NOT_CONTENTS'],
    ['short of the end', (r) => `[0 ${r.values[1]} ${r.values[2]} ${r.values[3] - 10}]`, 'BYTE_RANGE_NOT_AT_REVISION_END'],
  ];
  it.each(variants)('/ByteRange %s', async (_label, make, code) => {
    const range = byteRangeText(p.chairSigned, 'ordforande');
    const replacement = make(range);
    const attacked = replacement === ''
      ? replaceSameLength(p.chairSigned, '/ByteRange', '/ByteRangX', range.at - 12)
      : replaceSameLength(p.chairSigned, range.text, replacement.padEnd(range.text.length, ' '), range.at);
    expectRejected(await verify(attacked), 'ordforande', code);
  });

  it.each([
    ['missing', (text: string) => text.replace('/Contents', '/Contentz'), 'CONTENTS_MISSING'],
    ['null', (text: string) => text.replace(/\/Contents <[0-9A-Fa-f]*>/, (m) => `/Contents null${' '.repeat(m.length - 14)}`), 'CONTENTS_MISSING'],
    ['empty', (text: string) => text.replace(/\/Contents <[0-9A-Fa-f]*>/, (m) => `/Contents <>${' '.repeat(m.length - 12)}`), 'BYTE_RANGE_GAP_NOT_CONTENTS'],
    ['all zero', (text: string) => text.replace(/\/Contents <([0-9A-Fa-f]*)>/, (_m, hex: string) => `/Contents <${'0'.repeat(hex.length)}>`), 'CMS_MALFORMED'],
  ] as const)('/Contents %s', async (_label, edit, code) => {
    const bytes = Buffer.from(p.chairSigned);
    const text = bytes.toString('latin1');
    const at = byteRangeText(p.chairSigned, 'ordforande').at - 200;
    const end = text.indexOf('>>', text.indexOf('/Contents', at) + 12) + 2;
    const edited = edit(text.slice(at, end));
    expect(edited.length).toBe(end - at);
    bytes.write(edited, at, 'latin1');
    expectRejected(await verify(bytes), 'ordforande', code);
  });

  it('unknown /SubFilter', async () => {
    const offset = byteRangeText(p.chairSigned, 'ordforande').at - 400;
    const attacked = replaceSameLength(p.chairSigned, '/ETSI.CAdES.detached', '/ETSI.CAdES.detacheX', offset);
    expectRejected(await verify(attacked), 'ordforande', 'SUBFILTER_UNSUPPORTED');
  });
});

describe('incremental saving attack', () => {
  it('content changed after signing, with a proper xref: an illegal modification with object and page', async () => {
    const attacked = changePageText(p.final, '0 0 0 rg', '1 0 0 rg');
    const report = await verify(attacked);
    for (const field of ['sigill', 'ordforande', 'justerare-1', 'tidsstampel']) {
      const result = expectRejected(report, field, field === 'sigill' ? 'DOCMDP_VIOLATION' : 'ILLEGAL_MODIFICATION');
      expect(result.after).toBe('ILLEGAL_CHANGES');
      // The attacker's update after the nine revisions of the finished example.
      expect(result.modifications[0]).toMatchObject({ revision: 10, page: expect.any(Number), objectNumber: expect.any(Number) });
    }
    expect(report.justering?.complete).toBe(false);
    expect(report.summary.sv).toMatch(/^Inte äkta\./);
  });

  it('bytes appended without an xref section', async () => {
    const tail = Buffer.from('\n4 0 obj\n<< /Type /Page /Contents 99 0 R >>\nendobj\n99 0 obj\n<< /Length 20 >>\nstream\nBT (forged) Tj ET\nendstream\nendobj\n', 'latin1');
    const report = await verify(Buffer.concat([p.final, tail]));
    expectRejected(report, 'ordforande', 'UNREADABLE_REVISION');
    expect(report.documentProblems.map((problem) => problem.code)).toContain('UNREADABLE_REVISION');
  });

  it('an update with an inconsistent xref section', async () => {
    const proper = Buffer.from(changePageText(p.final, '0 0 0 rg', '1 0 0 rg'));
    const text = proper.toString('latin1');
    const xref = text.lastIndexOf('\nxref\n');
    // Shift every offset of the new section by more than the parser's tolerance: they no longer point at their objects.
    const section = text.slice(xref, text.indexOf('trailer', xref)).replace(/^(\d{10}) (\d{5}) n/gm, (_m, offset: string, gen: string) => `${String(Number(offset) + XREF_OFFSET_TOLERANCE + 36).padStart(10, '0')} ${gen} n`);
    const attacked = Buffer.from(text.slice(0, xref) + section + text.slice(text.indexOf('trailer', xref)), 'latin1');
    const report = await verify(attacked);
    // The structure still reads; the objects the bad entries point at do not: an illegal change, never repaired.
    const result = expectRejected(report, 'justerare-1', 'ILLEGAL_MODIFICATION');
    expect(result.modifications.some((modification) => /cannot be read/.test(modification.detail))).toBe(true);
  });

  it('an update whose xref leaves the catalog unreadable falls back to the signed revisions', async () => {
    const proper = Buffer.from(appendUpdate(p.final, (file, update) => update.set(file.trailer().getRef('Root')!, file.catalog().clone())));
    const text = proper.toString('latin1');
    const xref = text.lastIndexOf('\nxref\n');
    const section = text.slice(xref, text.indexOf('trailer', xref)).replace(/^(\d{10}) (\d{5}) n/gm, (_m, offset: string, gen: string) => `${String(Number(offset) + XREF_OFFSET_TOLERANCE + 36).padStart(10, '0')} ${gen} n`);
    const report = await verify(Buffer.from(text.slice(0, xref) + section + text.slice(text.indexOf('trailer', xref)), 'latin1'));
    expectRejected(report, 'justerare-1', 'UNREADABLE_REVISION');
    expect(report.signatures).toHaveLength(4);
  });
});

describe('signature wrapping', () => {
  it('attacker bytes hidden in the /Contents gap', async () => {
    const range = byteRangeText(p.chairSigned, 'ordforande');
    const gapEnd = range.values[2];
    const payload = '>>>\nendobj\n999 0 obj (x) endobj\n<';
    const bytes = Buffer.from(p.chairSigned);
    bytes.write(payload, gapEnd - 1 - payload.length, 'latin1');
    expectRejected(await verify(bytes), 'ordforande', 'BYTE_RANGE_GAP_NOT_CONTENTS');
  });

  it('the signed tail moved back with attacker bytes in front of it (xref fixed up to parse)', async () => {
    const range = byteRangeText(p.chairSigned, 'ordforande');
    const [, a, b, c] = range.values;
    const inserted = Buffer.from(' /Evil (attacker bytes) /X <>', 'latin1');
    const moved = Buffer.concat([Buffer.from(p.chairSigned.subarray(0, b)), inserted, Buffer.from(p.chairSigned.subarray(b))]);
    const newRange = `[0 ${a} ${b + inserted.length} ${c}]`.padEnd(range.text.length, ' ');
    let text = Buffer.from(replaceSameLength(moved, range.text, newRange, range.at)).toString('latin1');
    // Every xref section past the gap (the signature's and the validation data's after it) and the /Prev between them.
    const shift = (offset: number): number => (offset >= b ? offset + inserted.length : offset);
    text = text.slice(0, b) + text.slice(b)
      .replace(/^(\d{10}) (\d{5}) n/gm, (_m, offset: string, gen: string) => `${String(shift(Number(offset))).padStart(10, '0')} ${gen} n`)
      .replace(/startxref\n(\d+)/g, (_m, offset: string) => `startxref\n${shift(Number(offset))}`)
      .replace(/\/Prev (\d+)/g, (_m, offset: string) => `/Prev ${shift(Number(offset))}`);
    const report = await verify(Buffer.from(text, 'latin1'));
    const result = expectRejected(report, 'ordforande', 'BYTE_RANGE_GAP_NOT_CONTENTS');
    expect(result.coverage).toBe('UNCLEAR');
  });

  it('a tail moved without fixing the xref leaves no readable signature and no justering', async () => {
    const range = byteRangeText(p.chairSigned, 'ordforande');
    const b = range.values[2];
    const moved = Buffer.concat([Buffer.from(p.chairSigned.subarray(0, b)), Buffer.from('\n% evil\n'), Buffer.from(p.chairSigned.subarray(b))]);
    const report = await verify(moved);
    expect(report.indication).not.toBe('TOTAL_PASSED');
    expect(report.justering?.complete).toBe(false);
    expect(report.signatures.find((s) => s.field === 'ordforande')?.indication ?? 'absent').not.toBe('TOTAL_PASSED');
  });
});

describe('shadow attacks (content prepared invisibly before signing)', () => {
  let prepared: Uint8Array;
  let shadowNum: number;
  let coverNum: number;
  let signed: Uint8Array;
  beforeAll(async () => {
    prepared = appendUpdate(p.assembled, (_file, update) => {
      const shadow = update.allocate();
      const cover = update.allocate();
      shadowNum = shadow.num;
      coverNum = cover.num;
      update.set(shadow, new PdfStream(dict({}), Buffer.from('BT /F1 24 Tf 72 400 Td (Beslutet avslås) Tj ET', 'latin1')));
      update.set(cover, new PdfStream(dict({}), Buffer.from('1 1 1 rg 0 0 612 792 re f', 'latin1')));
    });
    const context = signingContextFor(p.keys, p.clock);
    const sealed = await sealDocument(prepared, context);
    const chair = await signField(sealed, { ...context, field: 'ordforande', signer: { person: { name: 'Johan Nilsson' } }, role: 'Ordförande', location: 'x', claimedTime: p.clock.now() });
    signed = await signField(chair, { ...context, field: 'justerare-1', signer: { person: { name: 'Sara Grolander' } }, role: 'Justerare', location: 'x', claimedTime: p.clock.now() });
    signed = await addDocumentTimestamp(signed, context);
    const control = await verify(signed);
    expect(control.signatures.map((s) => s.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED', 'TOTAL_PASSED', 'TOTAL_PASSED']);
  });

  it('hide: the prepared cover is added to the page contents', async () => {
    const attacked = appendUpdate(signed, (file, update) => {
      const target = page(file, 0);
      const contents = target.dict.get('Contents');
      update.set(target.ref, target.dict.clone().set('Contents', [...(Array.isArray(contents) ? contents : [contents!]), new PdfRef(coverNum, 0)]));
    });
    const result = expectRejected(await verify(attacked), 'justerare-1', 'ILLEGAL_MODIFICATION');
    expect(result.modifications[0]).toMatchObject({ objectNumber: expect.any(Number), page: 1, what: 'Page' });
  });

  it('replace: a page content object is redefined with the prepared content', async () => {
    const attacked = appendUpdate(signed, (file, update) => {
      const contents = page(file, 0).dict.get('Contents');
      const first = Array.isArray(contents) ? contents[0] : contents;
      const shadow = file.getObject(shadowNum)!.value;
      update.set(first as PdfRef, shadow);
    });
    const result = expectRejected(await verify(attacked), 'ordforande', 'ILLEGAL_MODIFICATION');
    expect(result.modifications.some((modification) => modification.page === 1)).toBe(true);
  });

  it('hide-and-replace: the page is re-pointed to the prepared content', async () => {
    const attacked = appendUpdate(signed, (file, update) => {
      const target = page(file, 0);
      update.set(target.ref, target.dict.clone().set('Contents', new PdfRef(shadowNum, 0)));
    });
    expectRejected(await verify(attacked), 'tidsstampel', 'ILLEGAL_MODIFICATION');
  });
});

describe('certification attacks on the sealed (DocMDP P=2) document', () => {
  it('evil annotation: a FreeText annotation over the content', async () => {
    const report = await verify(addAnnotation(p.sealed));
    const seal = expectRejected(report, 'sigill', 'DOCMDP_VIOLATION');
    expect(seal.modifications[0]).toMatchObject({ what: 'Page', page: 1 });
    expect(seal.modifications[0].detail).toContain('FreeText');
  });

  it('sneaky signature: a new visible signature field over the content', async () => {
    const credentials = issueSignerCertificate(p.keys, { name: 'Mallory' }, { clock: p.clock });
    const attacked = await signWith(p.sealed, { field: 'extra', visibleText: 'Beslutet avslås', sign: cmsSigner(credentials) });
    const report = await verify(attacked);
    expectRejected(report, 'sigill', 'DOCMDP_VIOLATION');
  });

  it('a certification (DocMDP) signature that is not the first is refused', async () => {
    const credentials = issueSignerCertificate(p.keys, { name: 'Sara Grolander' }, { clock: p.clock });
    const attacked = await signWith(p.chairSigned, { field: 'justerare-1', docMdp: 1, sign: cmsSigner(credentials) });
    expectRejected(await verify(attacked), 'justerare-1', 'DOCMDP_NOT_FIRST');
  });

  it('DocMDP P=1 forbids filling a field after certification', async () => {
    const context = signingContextFor(p.keys, p.clock);
    const seal = issueSignerCertificate(p.keys, { name: 'Sigill' }, { clock: p.clock });
    const certified = await signWith(p.assembled, { field: 'sigill', docMdp: 1, sign: cmsSigner(seal, context.timestamper) });
    expect(signature(await verify(certified), 'sigill').indication).toBe('TOTAL_PASSED');
    const chair = await signField(certified, { ...context, field: 'ordforande', signer: { person: { name: 'Johan Nilsson' } }, role: 'Ordförande', location: 'x', claimedTime: p.clock.now() });
    expectRejected(await verify(chair), 'sigill', 'DOCMDP_VIOLATION');
  });
});

describe('CMS-level attacks', () => {
  it('a second SignerInfo', async () => {
    const credentials = issueSignerCertificate(p.keys, { name: 'Sara Grolander' }, { clock: p.clock });
    const sign = cmsSigner(credentials);
    const attacked = await signWith(p.chairSigned, { field: 'justerare-1', sign: async (digest) => duplicateSignerInfo(await sign(digest)) });
    expectRejected(await verify(attacked), 'justerare-1', 'CMS_SIGNER_COUNT');
  });

  it('a timestamp token taken from another signature', async () => {
    const stolen = signatureTimestamp(contentsOf(p.chairSigned, 'ordforande')).token!;
    const credentials = issueSignerCertificate(p.keys, { name: 'Sara Grolander' }, { clock: p.clock });
    const attacked = await signWith(p.chairSigned, { field: 'justerare-1', sign: cmsSigner(credentials, { timestamp: async () => new Uint8Array(stolen) } as unknown as Timestamper) });
    const result = expectRejected(await verify(attacked), 'justerare-1', 'TIMESTAMP_IMPRINT_MISMATCH');
    expect(result.subIndication).toBe('HASH_FAILURE');
  });

  it('a signer certificate from an untrusted CA with the same name', async () => {
    const fakeKeys = initKeys(mkdtempSync(join(tmpdir(), 'justera-fake-ca-')), {
      organisation: 'Hägersten-Älvsjö stadsdelsnämnd', publicBaseUrl: 'http://localhost:3000', clock: fixedClock('2023-01-01T00:00:00Z'),
    });
    expect(fakeKeys.signingCa.parsed.subject).toBe(p.keys.signingCa.parsed.subject);
    const context = signingContextFor(fakeKeys, p.clock, BuiltinTsa.fromKeys(p.keys, p.clock));
    const attacked = await signField(p.chairSigned, { ...context, field: 'justerare-1', signer: { person: { name: 'Sara Grolander' } }, role: 'Justerare', location: 'x', claimedTime: p.clock.now() });
    const report = await verify(attacked);
    const result = expectRejected(report, 'justerare-1', 'CHAIN_NOT_TRUSTED');
    expect(result).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND', integrity: { intact: true, cryptoValid: true } });
    expect(signature(report, 'ordforande').indication).toBe('TOTAL_PASSED');
  });

  it('a signer certificate that expired before a signature no timestamp dates', async () => {
    const credentials = issueSignerCertificate(p.keys, { name: 'Sara Grolander' }, { clock: fixedClock(SIGNING_TIME) });
    const attacked = await signWith(p.chairSigned, { field: 'justerare-1', sign: cmsSigner(credentials) });
    // While the certificate is valid the same signature passes ...
    const during = signature(await verify(attacked, { at: '2023-10-03T07:33:00Z' }), 'justerare-1');
    expect(during.indication).toBe('TOTAL_PASSED');
    // ... afterwards nothing proves it was made in time.
    const result = expectRejected(await verify(attacked), 'justerare-1', 'CERTIFICATE_EXPIRED_NO_POE');
    expect(result).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'OUT_OF_BOUNDS_NO_POE' });
    expect(result.provenTime).toBeUndefined();
  });

  it('a certificate that is not from the signing CA but signs the CMS of another key (signing-certificate-v2 mismatch)', async () => {
    const credentials = issueSignerCertificate(p.keys, { name: 'Sara Grolander' }, { clock: p.clock });
    const other = issueSignerCertificate(p.keys, { name: 'Mallory' }, { clock: p.clock });
    // Mallory's key signs while Sara's certificate is named: the signature does not verify.
    const attacked = await signWith(p.chairSigned, { field: 'justerare-1', sign: cmsSigner({ ...credentials, privateKey: other.privateKey }) });
    expectRejected(await verify(attacked), 'justerare-1', 'SIGNATURE_INVALID');
  });
});

describe('what may and may not follow a signature', () => {
  it('an update that only adds validation data to the DSS keeps every signature valid', async () => {
    const refreshed = appendUpdate(p.final, (file, update) => {
      const catalogRef = file.trailer().getRef('Root')!;
      const catalog = file.catalog();
      const dssValue = catalog.get('DSS');
      const dss = file.resolveDict(dssValue)!.clone();
      const extra = update.allocate();
      update.set(extra, new PdfStream(dict({}), p.keys.tsa.certificate));
      dss.set('Certs', [...(file.resolveArray(dss.get('Certs')) ?? []), extra]);
      if (dssValue instanceof PdfRef) update.set(dssValue, dss);
      else update.set(catalogRef, catalog.clone().set('DSS', dss));
    });
    const report = await verify(refreshed);
    expect(report.signatures.map((s) => [s.field, s.indication, s.after])).toEqual([
      ['sigill', 'TOTAL_PASSED', 'SIGNATURES_AND_VALIDATION_DATA'],
      ['ordforande', 'TOTAL_PASSED', 'SIGNATURES_AND_VALIDATION_DATA'],
      ['justerare-1', 'TOTAL_PASSED', 'SIGNATURES_AND_VALIDATION_DATA'],
      ['tidsstampel', 'TOTAL_PASSED', 'SIGNATURES_AND_VALIDATION_DATA'],
    ]);
    expect(report.justering?.complete).toBe(true);
  });

  it('a signed field removed from /AcroForm /Fields (hiding a signature) is illegal', async () => {
    const attacked = appendUpdate(p.final, (file, update) => {
      const acroFormValue = file.catalog().get('AcroForm');
      const acroForm = file.resolveDict(acroFormValue)!.clone();
      const fields = file.resolveArray(acroForm.get('Fields'))!;
      acroForm.set('Fields', fields.slice(0, -1));
      if (acroFormValue instanceof PdfRef) update.set(acroFormValue, acroForm);
      else update.set(file.trailer().getRef('Root')!, file.catalog().clone().set('AcroForm', acroForm));
    });
    expectRejected(await verify(attacked), 'ordforande', 'ILLEGAL_MODIFICATION');
  });

  it('the /Lock of a signed field changed after signing is illegal', async () => {
    const attacked = appendUpdate(p.final, (file, update) => {
      const field = listFields(file).find((candidate) => candidate.name === 'justerare-1')!;
      update.set(field.ref!, field.dict.clone().set('Lock', dict({ Type: name('SigFieldLock'), Action: name('Include'), Fields: [] })));
    });
    expectRejected(await verify(attacked), 'justerare-1', 'ILLEGAL_MODIFICATION');
  });

  it('the XMP metadata (what the document says it is) changed after signing is illegal', async () => {
    const attacked = appendUpdate(p.final, (file, update) => {
      const metadataRef = file.catalog().get('Metadata') as PdfRef;
      const xmp = Buffer.from(file.decodeStream(file.resolve(metadataRef) as PdfStream)).toString('utf8').replace(/Trygghetsprogram/g, 'Otrygghetsprogram');
      update.set(metadataRef, new PdfStream(dict({ Type: name('Metadata'), Subtype: name('XML') }), Buffer.from(xmp, 'utf8')));
    });
    const report = await verify(attacked);
    const result = expectRejected(report, 'ordforande', 'ILLEGAL_MODIFICATION');
    expect(result.modifications[0].what).toBe('XMP metadata');
    // The report describes the document as signed, not as changed afterwards.
    expect(report.metadata.title).toBe('Stockholms stads Trygghetsprogram 2024-2027');
  });
});

describe('structural oddities', () => {
  it('an unreadable signature dictionary is a failed signature, not an unreadable file', async () => {
    const offset = byteRangeText(p.final, 'ordforande').at - 300;
    const attacked = replaceSameLength(p.final, '/Type /Sig', '/Type (Sig', offset);
    const report = await verify(attacked);
    expectRejected(report, 'ordforande', 'SIGNATURE_DICTIONARY_MALFORMED');
    expect(signature(report, 'sigill').indication).not.toBe('TOTAL_PASSED');
  });

  it('a document too complex for the analysis budget fails closed', () => {
    // A change no rule explains: only then is the whole document walked.
    const file = PdfFile.parse(changePageText(p.final, '0 0 0 rg', '1 0 0 rg'));
    const changes = analyseRevision(file, file.revisions.length - 1, undefined, { remaining: 3 });
    expect(changes.illegal.map((modification) => modification.detail)).toContainEqual(expect.stringContaining('too large or too complex'));
  });

  it('one signature value cannot fill two required fields', async () => {
    const attacked = shareSignature(p.chairSigned, 'ordforande', 'justerare-1');
    const report = await verify(attacked);
    // Reported once, as the chair's signature that also fills the adjuster's field; that field is not accepted.
    expect(report.signatures.map((result) => result.field)).not.toContain('justerare-1');
    expect(signature(report, 'ordforande').alsoFields).toEqual(['justerare-1']);
    expect(report.justering).toMatchObject({ complete: false, missing: [], failed: expect.arrayContaining(['justerare-1']) });
    expect(report.justering?.sentence.sv).toMatch(/"justerare-1" godtas inte/);
  });

  it('a signature over an earlier revision is ENTIRE_REVISION with what came after', async () => {
    const report = await verify(p.final);
    expect(signature(report, 'ordforande')).toMatchObject({ coverage: 'ENTIRE_REVISION', revision: 4, after: 'SIGNATURES_AND_VALIDATION_DATA' });
  });

  it('an unsigned extract has no signatures and an incomplete justering', async () => {
    const report = await verify(p.assembled);
    expect(report.signatures).toEqual([]);
    expect(report.indication).toBe('INDETERMINATE');
    expect(report.justering).toMatchObject({ complete: false, missing: ['ordforande', 'justerare-1'] });
    expect(report.unsignedFields).toEqual(['sigill', 'ordforande', 'justerare-1', 'tidsstampel']);
  });

  it('a document timestamp in a required field is no justering', async () => {
    const tsa = BuiltinTsa.fromKeys(p.keys, p.clock);
    const attacked = await signWith(p.chairSigned, { field: 'justerare-1', subFilter: 'ETSI.RFC3161', sign: (digest) => tsa.timestamp(digest, 'SHA-256') });
    const report = await verify(attacked);
    expect(signature(report, 'justerare-1')).toMatchObject({ kind: 'document-timestamp', indication: 'TOTAL_PASSED' });
    expect(report.justering).toMatchObject({ complete: false, failed: ['justerare-1'] });
  });

  it('an incomplete justering names the missing field', async () => {
    const report = await verify(p.chairSigned);
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.justering).toMatchObject({ complete: false, missing: ['justerare-1'] });
    expect(report.justering?.sentence.sv).toBe('Inte justerat: "justerare-1" har inte signerats.');
  });

  it('an object of the signed revision re-pointed to a deleted (free) object is caught', async () => {
    const attacked = appendUpdate(p.final, (file, update) => {
      const target = page(file, 0);
      update.set(target.ref, target.dict.clone().set('Resources', dict({})).set('Rotate', 90).set('Type', name('Page')));
    });
    expectRejected(await verify(attacked), 'justerare-1', 'ILLEGAL_MODIFICATION');
  });
});
