/**
 * A PDF we did not assemble: written by pdf-lib with object streams and an xref stream, an indirect
 * /AcroForm, no XMP of ours. Signing still works (the update gets an xref stream), the required fields
 * fall back to the visible signature fields, and no document timestamp is added without its field.
 */
import { PdfFile } from '../../../src/pdf/parser';
import { pdfLibWithSignatureFields } from '../../fixtures/pdf/sample-pdfs';
import { signExtractField } from '../../../src/engines/sign-extract';
import { context, isPrefix, pdfsigOf, setUp, tearDown, type Setup } from './helpers';
import { updateAfterSignature } from '../../helpers/validation-update';

let setup: Setup;
beforeAll(() => {
  setup = setUp();
});
afterAll(() => tearDown(setup));

it('signs a pdf-lib file with object streams; pdfsig finds both signatures valid', async () => {
  const original = await pdfLibWithSignatureFields({ useObjectStreams: true });
  expect(PdfFile.parse(original).latest.xrefKind).toBe('stream');
  const first = await signExtractField(original, { ...context(setup.keys), field: 'ordforande', signer: { person: { name: 'Johan Nilsson' } } });
  expect(first.remainingFields).toEqual(['justerare-1']);
  const second = await signExtractField(first.pdf, { ...context(setup.keys), field: 'justerare-1', signer: { person: { name: 'Sara Grolander' } } });
  expect(second.remainingFields).toEqual([]);
  expect(second.documentTimestamped).toBe(false);
  expect(isPrefix(original, first.pdf) && isPrefix(first.pdf, second.pdf)).toBe(true);

  const file = PdfFile.parse(second.pdf);
  // Each signature and its validation data after it: all with xref streams.
  expect(file.revisions.map((revision) => revision.xrefKind)).toEqual(['stream', 'stream', 'stream', 'stream', 'stream']);
  // The indirect /AcroForm got /SigFlags 3 in its own object.
  expect(file.resolveDict(file.catalog().get('AcroForm'))?.getNumber('SigFlags')).toBe(3);
  const signatures = pdfsigOf(setup, 'pdf-lib-signed.pdf', second.pdf);
  expect(signatures.map((s) => [s.fieldName, s.signatureValidation, s.certificateValidation])).toEqual([
    ['ordforande', 'Signature is Valid.', 'Certificate is Trusted.'],
    ['justerare-1', 'Signature is Valid.', 'Certificate is Trusted.'],
  ]);
  expect(signatures[1]!.totalDocument).toBe(false);
  expect(updateAfterSignature(second.pdf)).toMatchObject({ last: true, onlyValidationData: true });
});
