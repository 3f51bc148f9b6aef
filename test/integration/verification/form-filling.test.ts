/**
 * Issue 10, item 1: the form-filling, signature-field, AcroForm, FieldMDP and structure-tree rules of the
 * graded change analysis. Each honest change (filled as Acrobat fills a form, signed into a field made at
 * signing, a tagged comment) is cleared on a PDF made elsewhere; each sneaky twin is refused and the
 * report names the rule that refused it.
 */
import { dict, name, PdfRef } from '../../../src/pdf/objects';
import { signField } from '../../../src/pades';
import { issueSignerCertificate } from '../../../src/ca/issue-signer-certificate';
import { BuiltinTsa } from '../../../src/tsa/builtin-tsa';
import type { VerificationReport } from '../../../src/verification/model';
import { addTaggedComment, rewriteInObjectStream, CHOICE_FIELD, fillLikeAcrobat, foreignFormPdf, SIGNATURE_FIELD, TEXT_FIELD, type FormPdfOptions } from '../../fixtures/pdf/form-filling';
import { appendUpdate, cmsSigner, signWith } from './helpers/attacks';
import { pipeline, verify, type Pipeline } from './helpers/pipeline';
import { signingContextFor } from '../../../src/engines/signing-context';

let p: Pipeline;
let signed: Uint8Array;

async function signedForm(options: FormPdfOptions = {}): Promise<Uint8Array> {
  const context = signingContextFor(p.keys, p.clock);
  return signField(await foreignFormPdf(options), { ...context, field: SIGNATURE_FIELD, signer: { person: { name: 'Anna Andersson' } }, role: 'Ordförande', claimedTime: p.clock.now() });
}

beforeAll(async () => {
  p = await pipeline();
  signed = await signedForm();
});

function chair(report: VerificationReport) {
  return report.signatures.find((candidate) => candidate.field === SIGNATURE_FIELD)!;
}

function refusedBy(report: VerificationReport, rule: string): string[] {
  return chair(report).modifications.filter((modification) => modification.rule === rule).map((modification) => modification.detail);
}

describe('form-fields rule', () => {
  it('clears a text field filled as Acrobat fills it (XMP, /Info, new font in /DR, /DA, regenerated appearance) at FORM_FILLING', async () => {
    const report = await verify(fillLikeAcrobat(signed, { field: TEXT_FIELD, value: 'Anna Andersson' }));
    expect(report.indication).toBe('TOTAL_PASSED');
    const allowed = chair(report).allowedChanges!;
    expect(allowed.every((note) => note.level === 'FORM_FILLING')).toBe(true);
    expect(allowed.map((note) => note.what)).toEqual(expect.arrayContaining([
      `form field "${TEXT_FIELD}" filled`, '/AcroForm /DR fonts added: /ArialMT', '/AcroForm /DA changed', expect.stringContaining('XMP metadata updated'),
    ]));
  });

  it('clears a choice field filled the same way', async () => {
    const report = await verify(fillLikeAcrobat(signed, { field: CHOICE_FIELD, value: 'Avslag' }));
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(chair(report).allowedChanges).toContainEqual(expect.objectContaining({ level: 'FORM_FILLING', what: `form field "${CHOICE_FIELD}" filled`, page: 1 }));
  });

  it('refuses a new appearance on a field whose value did not change', async () => {
    const report = await verify(fillLikeAcrobat(signed, { field: TEXT_FIELD }));
    expect(report.indication).toBe('TOTAL_FAILED');
    expect(refusedBy(report, 'form-fields')).toEqual([expect.stringContaining('appearance changed although its value did not')]);
  });

  it('refuses a fill whose widget /Rect moved (over page content)', async () => {
    const report = await verify(fillLikeAcrobat(signed, { field: TEXT_FIELD, value: 'Anna', rect: [0, 0, 595, 842] }));
    expect(report.indication).toBe('TOTAL_FAILED');
    expect(refusedBy(report, 'form-fields')).toEqual([expect.stringContaining('/Rect changed')]);
  });

  it('clears an appearance rewritten in place, but refuses it when that object is also page content', async () => {
    const honest = await verify(fillLikeAcrobat(signed, { field: TEXT_FIELD, value: 'Anna', inPlace: true }));
    expect(honest.indication).toBe('TOTAL_PASSED');
    const shared = await signedForm({ appearanceSharedWithPage: true });
    expect((await verify(shared)).indication).toBe('TOTAL_PASSED');
    const report = await verify(fillLikeAcrobat(shared, { field: TEXT_FIELD, value: 'Anna', inPlace: true }));
    expect(report.indication).toBe('TOTAL_FAILED');
    expect(refusedBy(report, 'form-fields')).toEqual([expect.stringContaining('is also page content')]);
  });

  it('refuses form filling under a certification with DocMDP P=1', async () => {
    const seal = issueSignerCertificate(p.keys, { name: 'Sigill' }, { clock: p.clock });
    const certified = await signWith(await foreignFormPdf(), { field: SIGNATURE_FIELD, docMdp: 1, sign: cmsSigner(seal, BuiltinTsa.fromKeys(p.keys, p.clock)) });
    const report = await verify(fillLikeAcrobat(certified, { field: TEXT_FIELD, value: 'Anna' }));
    expect(chair(report).problems.map((problem) => problem.code)).toContain('DOCMDP_VIOLATION');
    expect(refusedBy(report, 'form-fields')).toEqual([expect.stringContaining('DocMDP P=1')]);
  });
});

describe('acroform rule', () => {
  it('refuses /DR fonts added on our own document (only what our workflow writes)', async () => {
    const updated = appendUpdate(p.final, (file, update) => {
      const acroFormRef = file.catalog().get('AcroForm') as PdfRef;
      const font = update.allocate();
      update.set(font, dict({ Type: name('Font'), Subtype: name('Type1'), BaseFont: name('Helvetica') }));
      update.set(acroFormRef, file.resolveDict(acroFormRef)!.clone().set('DR', dict({ Font: dict({ Helv: font }) })));
    });
    const report = await verify(updated);
    expect(report.indication).toBe('TOTAL_FAILED');
    expect(report.signatures[0]!.modifications).toContainEqual(expect.objectContaining({ rule: 'acroform', detail: expect.stringContaining('/AcroForm /DR') }));
  });

  it('refuses an /AcroForm /XFA added after the signature of a foreign PDF', async () => {
    const updated = appendUpdate(signed, (file, update) => {
      const acroFormRef = file.catalog().get('AcroForm') as PdfRef;
      update.set(acroFormRef, file.resolveDict(acroFormRef)!.clone().set('XFA', dict({})));
    });
    const report = await verify(updated);
    expect(report.indication).toBe('TOTAL_FAILED');
    expect(refusedBy(report, 'acroform')).toEqual(['/AcroForm /XFA changed']);
  });
});

describe('signature-fields rule', () => {
  it('clears a signature field created while signing (widget in the page\'s /Annots, field in /AcroForm /Fields)', async () => {
    const credentials = issueSignerCertificate(p.keys, { name: 'Sara Grolander' }, { clock: p.clock });
    const report = await verify(await signWith(signed, { field: 'justerare', visibleText: 'Sara Grolander', sign: cmsSigner(credentials, BuiltinTsa.fromKeys(p.keys, p.clock)) }));
    expect(chair(report).indication).toBe('TOTAL_PASSED');
    expect(chair(report).after).toBe('SIGNATURES_AND_VALIDATION_DATA');
  });

  it('refuses a new field that reuses an existing signature dictionary', async () => {
    const updated = appendUpdate(signed, (file, update) => {
      const acroFormRef = file.catalog().get('AcroForm') as PdfRef;
      const acroForm = file.resolveDict(acroFormRef)!;
      const fields = file.resolveArray(acroForm.get('Fields'))!;
      const chairField = fields.map((item) => file.resolveDict(item)!).find((field) => field.get('V') instanceof PdfRef)!;
      const copy = update.allocate();
      update.set(copy, dict({ FT: name('Sig'), T: chairField.get('T')!, V: chairField.get('V')!, Rect: [0, 0, 0, 0], Type: name('Annot'), Subtype: name('Widget') }));
      update.set(acroFormRef, acroForm.clone().set('Fields', [...fields, copy]));
    });
    const report = await verify(updated);
    expect(refusedBy(report, 'signature-fields')).toEqual([expect.stringContaining('without a new signature')]);
  });
});

describe('field-mdp rule', () => {
  it('refuses a locked field filled after the signature that locked it (FIELD_LOCKED); an unlocked field may be filled', async () => {
    const locked = await signedForm({ lock: [TEXT_FIELD] });
    const report = await verify(fillLikeAcrobat(locked, { field: TEXT_FIELD, value: 'Mallory' }));
    expect(report.indication).toBe('TOTAL_FAILED');
    expect(chair(report).problems.map((problem) => problem.code)).toEqual(['FIELD_LOCKED']);
    expect(refusedBy(report, 'field-mdp')).toEqual([expect.stringContaining(`field "${TEXT_FIELD}" is locked`)]);
    expect((await verify(fillLikeAcrobat(locked, { field: CHOICE_FIELD, value: 'Bifall' }))).indication).toBe('TOTAL_PASSED');
  });
});

describe('struct-tree rule', () => {
  it('clears a comment with its /Annot structure element and /ParentTree entry on a tagged PDF', async () => {
    const tagged = await signedForm({ tagged: true });
    const report = await verify(addTaggedComment(tagged));
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(chair(report).allowedChanges).toEqual([expect.objectContaining({ level: 'ANNOTATIONS', what: 'annotation /FreeText added' })]);
  });

  it('refuses a structure element that serves no new annotation', async () => {
    const tagged = await signedForm({ tagged: true });
    const report = await verify(addTaggedComment(tagged, 'P'));
    expect(report.indication).toBe('TOTAL_FAILED');
    expect(refusedBy(report, 'struct-tree')).toContainEqual(expect.stringContaining('/P was added'));
  });
});

describe('equal values re-written', () => {
  it('the catalog and a page re-written unchanged into an object stream (xref stream) are no change', async () => {
    const report = await verify(rewriteInObjectStream(signed));
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(chair(report).modifications).toEqual([]);
    expect(chair(report).allowedChanges).toBeUndefined();
    expect(chair(report).unreferencedAfter).toBeUndefined();
  });

  it('the same re-write with the page turned (/Rotate 90) is refused by the page rule', async () => {
    const report = await verify(rewriteInObjectStream(signed, (value, isPage) => (isPage ? value.set('Rotate', 90) : value)));
    expect(report.indication).toBe('TOTAL_FAILED');
    expect(refusedBy(report, 'page-annotations')).toEqual([expect.stringContaining('/Rotate')]);
  });
});
