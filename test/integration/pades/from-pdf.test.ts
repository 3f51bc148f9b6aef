/**
 * Acceptance of `assemble --from-pdf` (issue 16): protocols made by other programs go through assemble
 * (with the seal) → ordförande → justerare → our verifier, pdfsig and poppler. The protocol's pages keep
 * their text, the document has one page more, the justering is complete; the verifier's change analysis
 * judges the signatures as in our own documents (the fields were laid before the seal).
 */
import { execFileSync } from 'node:child_process';
import { PDFDocument } from 'pdf-lib';
import { conversionNotes, describeConversion } from '../../../src/assembly/from-pdf';
import { NodeCryptoProvider } from '../../../src/crypto/node-crypto-provider';
import { assembleProtocol, type AssembledProtocol } from '../../../src/engines/assemble-extract';
import { organisationSeal } from '../../../src/engines/seal-extract';
import { signExtractField } from '../../../src/engines/sign-extract';
import { systemClock } from '../../../src/clock';
import { PdfRef, PdfString } from '../../../src/pdf/objects';
import { PdfFile } from '../../../src/pdf/parser';
import { appendUpdate } from '../verification/helpers/attacks';
import { verifyPdf } from '../../../src/verification/verify-pdf';
import { withPdfFile } from '../../helpers/poppler';
import { checkTagging } from '../../helpers/tagged-pdf';
import {
  activeContentProtocol,
  formProtocol,
  handWrittenProtocol,
  objectStreamProtocol,
  pdfA1bProtocol,
  protocolMeta,
  taggedProtocol,
} from '../../fixtures/pdf/foreign-protocols';
import { context, isPrefix, pdfsigOf, setUp, tearDown, type Setup } from './helpers';

let setup: Setup;
beforeAll(() => {
  setup = setUp();
});
afterAll(() => tearDown(setup));

function pageText(pdf: Uint8Array, page: number): string {
  return withPdfFile(pdf, (path) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), path, '-'], { encoding: 'utf8' }));
}

function pageCount(pdf: Uint8Array): number {
  const info = withPdfFile(pdf, (path) => execFileSync('pdfinfo', [path], { encoding: 'utf8' }));
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

async function assembleSealed(protocol: Uint8Array): Promise<AssembledProtocol> {
  const createdAt = systemClock.now();
  return assembleProtocol(protocolMeta(), protocol, { createdAt, publicBaseUrl: 'http://localhost:3000', seal: organisationSeal(setup.keys, { time: createdAt }) });
}

const kinds: Array<[string, () => Buffer | Promise<Buffer>, { pdfa: boolean; tagged: boolean }]> = [
  ['a hand-written minimal PDF', handWrittenProtocol, { pdfa: false, tagged: false }],
  ['a PDF with object streams (qpdf)', objectStreamProtocol, { pdfa: false, tagged: false }],
  ['a PDF with a form (pdf-lib)', formProtocol, { pdfa: false, tagged: false }],
  ['a tagged PDF', taggedProtocol, { pdfa: false, tagged: true }],
  ['a PDF/A-1b (Ghostscript)', pdfA1bProtocol, { pdfa: true, tagged: false }],
];

describe.each(kinds)('%s', (name, make, expected) => {
  it('is assembled, sealed, signed by the ordförande and the justerare, and verifies', async () => {
    const protocol = await make();
    const pages = pageCount(protocol);
    const assembled = await assembleSealed(protocol);
    expect(assembled.conversion).toMatchObject({ protocolPages: pages, pdfa: expected.pdfa, tagged: expected.tagged });
    expect(describeConversion(assembled.conversion).join(' ')).toMatch(expected.pdfa ? /the result is PDF\/A-2b/ : /the result is NOT PDF\/A, because/);
    // What the service keeps for the secretary's page says the same.
    const notes = conversionNotes(assembled.conversion);
    expect({ keptPages: notes.keptPages, pdfa: notes.pdfaLevel !== undefined, reasons: notes.notPdfAReasons.length > 0, tagged: notes.tagged }).toEqual({ keptPages: pages, pdfa: expected.pdfa, reasons: !expected.pdfa, tagged: expected.tagged });
    // Rewritten once (classic xref, no object streams), then the seal as an incremental update.
    expect(PdfFile.parse(assembled.pdf).revisions.map((revision) => revision.xrefKind)[0]).toBe('table');

    const chair = await signExtractField(assembled.pdf, { ...context(setup.keys), field: 'ordforande', signer: { person: { name: 'Johan Nilsson' } } });
    const adjuster = await signExtractField(chair.pdf, { ...context(setup.keys), field: 'justerare-1', signer: { person: { name: 'Sara Grolander' } } });
    expect(adjuster.remainingFields).toEqual([]);
    expect(adjuster.documentTimestamped).toBe(true);
    expect(isPrefix(assembled.pdf, chair.pdf) && isPrefix(chair.pdf, adjuster.pdf)).toBe(true);

    const report = await verifyPdf(adjuster.pdf, { trustAnchors: setup.keys.trustAnchors, crypto: new NodeCryptoProvider() });
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.justering?.complete).toBe(true);

    const signatures = pdfsigOf(setup, `${name.replace(/\W+/g, '-')}.pdf`, adjuster.pdf);
    expect(signatures.map((s) => s.fieldName)).toEqual(['sigill', 'ordforande', 'justerare-1', 'tidsstampel']);
    for (const signature of signatures.filter((s) => s.fieldName !== 'tidsstampel')) {
      expect(signature.signatureValidation).toBe('Signature is Valid.');
      expect(signature.certificateValidation).toBe('Certificate is Trusted.');
    }

    // A tagged protocol stays tagged, our page joined to its tree; an untagged one gets no tree.
    const info = withPdfFile(adjuster.pdf, (path) => execFileSync('pdfinfo', [path], { encoding: 'utf8' }));
    expect(info).toMatch(expected.tagged ? /^Tagged:\s+yes$/m : /^Tagged:\s+no$/m);
    if (expected.tagged) expect(checkTagging(adjuster.pdf).problems).toEqual([]);

    expect(pageCount(adjuster.pdf)).toBe(pages + 1);
    for (let page = 1; page <= pages; page++) expect(pageText(adjuster.pdf, page)).toBe(pageText(protocol, page));
    const signaturePage = pageText(adjuster.pdf, pages + 1);
    expect(signaturePage).toContain('Signerat av');
    expect(signaturePage).toContain(`Kontrollkod: ${assembled.verificationCode}`);
    expect(signaturePage).toContain(`Sida ${pages + 1} av ${pages + 1}`);

    // Our XMP (uncompressed) claims PDF/A-2b exactly when the input allowed it; the protocol's XMP is gone.
    const bytes = Buffer.from(adjuster.pdf).toString('latin1');
    expect(bytes.includes('<pdfaid:part>2</pdfaid:part>')).toBe(expected.pdfa);
    expect(bytes).not.toMatch(/pdfaid:part='1'/);
    expect(bytes).toContain(`<justera:verificationCode>${assembled.verificationCode}</justera:verificationCode>`);
  });
});

it('removes JavaScript and embedded files, says so, and the result carries neither', async () => {
  const assembled = await assembleSealed(activeContentProtocol());
  expect(assembled.conversion.stripped).toEqual({ scripts: 1, files: ['bilaga.txt'] });
  expect(describeConversion(assembled.conversion)).toEqual(expect.arrayContaining(['Removed 1 JavaScript action.', 'Removed 1 embedded file: bilaga.txt.']));
  const text = Buffer.from(assembled.pdf).toString('latin1');
  expect(text).not.toMatch(/\/JavaScript|\/EmbeddedFile|app\.alert|en bilaga/);
  const info = withPdfFile(assembled.pdf, (path) => execFileSync('pdfinfo', [path], { encoding: 'utf8' }));
  expect(info).toMatch(/^JavaScript:\s+no/m);
  expect((await PDFDocument.load(assembled.pdf)).getPageCount()).toBe(3);
});

describe('one § of a protocol justerad on its own (the secretary picks its pages)', () => {
  it('keeps only the picked pages, then the signature page; signed and verified', async () => {
    const protocol = await formProtocol();
    const createdAt = systemClock.now();
    const meta = { ...protocolMeta(), immediateAdjustment: true };
    const assembled = await assembleProtocol(meta, protocol, { createdAt, publicBaseUrl: 'http://localhost:3000', seal: organisationSeal(setup.keys, { time: createdAt }), pages: [2] });
    expect(assembled.conversion).toMatchObject({ protocolPages: 1, pickedPages: [2] });
    expect(describeConversion(assembled.conversion)[0]).toBe('Kept page 2 of the protocol and added the signature page.');
    const chair = await signExtractField(assembled.pdf, { ...context(setup.keys), field: 'ordforande', signer: { person: { name: 'Johan Nilsson' } } });
    const adjuster = await signExtractField(chair.pdf, { ...context(setup.keys), field: 'justerare-1', signer: { person: { name: 'Sara Grolander' } } });
    const report = await verifyPdf(adjuster.pdf, { trustAnchors: setup.keys.trustAnchors, crypto: new NodeCryptoProvider() });
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.justering?.complete).toBe(true);
    expect(pageCount(adjuster.pdf)).toBe(2);
    expect(pageText(adjuster.pdf, 1)).toBe(pageText(protocol, 2));
    expect(pageText(adjuster.pdf, 2)).toContain('Paragrafen justerades omedelbart.');
    // The form's text field sat on page 2 and stays; the check box of page 1 went with its page.
    const form = (await PDFDocument.load(adjuster.pdf)).getForm().getFields().map((field) => field.getName());
    expect(form).toEqual(expect.arrayContaining(['group.title', 'ordforande', 'justerare-1']));
    expect(form).not.toContain('agree');
  });

  it('removes the structure tree of a tagged protocol and says so', async () => {
    const createdAt = systemClock.now();
    const assembled = await assembleProtocol(protocolMeta(), taggedProtocol(), { createdAt, publicBaseUrl: 'http://localhost:3000', pages: [1] });
    expect(assembled.conversion).toMatchObject({ structureRemoved: true, tagged: false });
    expect(describeConversion(assembled.conversion)).toContain('Untagged: the protocol was tagged, but its structure tree was removed with the pages not picked.');
  });

  it('refuses a page the protocol does not have', async () => {
    await expect(assembleProtocol(protocolMeta(), handWrittenProtocol(), { createdAt: systemClock.now(), publicBaseUrl: 'http://localhost:3000', pages: [2, 5] }))
      .rejects.toMatchObject({ code: 'ERR_INPUT_INVALID', field: 'pages', message: 'pages must name pages of the protocol, 1 to 2; it has no page 5' });
  });
});

it("refuses a change of the protocol's own form field after the seal: only the pre-laid fields may be filled", async () => {
  const assembled = await assembleSealed(await formProtocol());
  const chair = await signExtractField(assembled.pdf, { ...context(setup.keys), field: 'ordforande', signer: { person: { name: 'Johan Nilsson' } } });
  // DocMDP P=2 would let a form be filled; our documents' profile allows only the signature fields.
  const changed = appendUpdate(chair.pdf, (file, update) => {
    const fields = file.resolveArray(file.resolveDict(file.catalog().get('AcroForm'))!.get('Fields'))!;
    const named = (item: unknown, title: string): boolean => item instanceof PdfRef && (file.resolveDict(item)?.get('T') as PdfString | undefined)?.toText() === title;
    // pdf-lib made "group.title" a field "group" with the kid "title".
    const group = fields.find((item) => named(item, 'group')) as PdfRef;
    const title = file.resolveArray(file.resolveDict(group)!.get('Kids'))!.find((item) => named(item, 'title')) as PdfRef;
    update.set(title, file.resolveDict(title)!.clone().set('V', PdfString.fromText('Ändrat efter sigillet')));
  });
  const adjuster = await signExtractField(changed, { ...context(setup.keys), field: 'justerare-1', signer: { person: { name: 'Sara Grolander' } } });
  const report = await verifyPdf(adjuster.pdf, { trustAnchors: setup.keys.trustAnchors, crypto: new NodeCryptoProvider() });
  expect(report.indication).toBe('TOTAL_FAILED');
  expect(JSON.stringify(report)).toContain('ILLEGAL_MODIFICATION');
});
