/**
 * The report says what format a document claims (PDF/A, PDF/UA from its XMP; tagged from its catalog), in
 * every renderer the archivist reads, and says plainly when it claims none: our tagged extract, a
 * Ghostscript PDF/A-1b, a tagged protocol claiming PDF/UA-1, and a hand-written PDF that claims nothing.
 */
import { loadKeys } from '../../../src/ca/keys-folder';
import { NodeCryptoProvider } from '../../../src/crypto/node-crypto-provider';
import { reportBlocks } from '../../../src/documents/verification-report-pdf';
import { renderHtml } from '../../../src/verification/render/html';
import { renderText } from '../../../src/verification/render/text';
import { verifyPdf } from '../../../src/verification/verify-pdf';
import { handWrittenProtocol, pdfA1bProtocol, taggedTwoPageProtocol } from '../../fixtures/pdf/foreign-protocols';
import { assembleSealed, exampleExtract, KEYS_DIR } from '../pades/helpers';

const keys = loadKeys(KEYS_DIR);
const verify = (pdf: Uint8Array) => verifyPdf(pdf, { trustAnchors: keys.trustAnchors, crypto: new NodeCryptoProvider() });

it('reads our sealed extract as PDF/A-2a, PDF/UA-1 and tagged, and every renderer says so', async () => {
  const report = await verify(await assembleSealed(exampleExtract(), keys));
  expect(report.metadata.format).toEqual({ pdfa: 'PDF/A-2a', pdfua: 'PDF/UA-1', tagged: true });
  const sv = 'Anger PDF/A-2a och PDF/UA-1; taggad (struktur för skärmläsare). Det är dokumentets egna uppgifter, inte en kontroll mot standarden.';
  expect(renderText([{ file: 'utdrag.pdf', report }], 'sv')).toContain(`Format: ${sv}`);
  expect(renderText([{ file: 'utdrag.pdf', report }], 'en')).toContain('Format: Claims PDF/A-2a and PDF/UA-1; tagged (structure for screen readers).');
  expect(renderHtml([{ file: 'utdrag.pdf', report }], report.verifiedAt)).toContain(`<dt>Format</dt><dd>${sv}</dd>`);
  expect(reportBlocks(report)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'facts', rows: expect.arrayContaining([['Format', sv]]) })]));
});

it.each([
  ['a PDF/A-1b made by Ghostscript', pdfA1bProtocol, { pdfa: 'PDF/A-1b', tagged: false }, 'Anger PDF/A-1b; inte taggad.'],
  ['a tagged protocol claiming PDF/UA-1', () => taggedTwoPageProtocol({ top: 'document', pdfua: true }), { pdfua: 'PDF/UA-1', tagged: true }, 'Anger PDF/UA-1; taggad'],
])('reads %s', async (_name, make, format, sentence) => {
  const report = await verify(make());
  expect(report.metadata.format).toEqual(format);
  expect(renderText([{ file: 'protokoll.pdf', report }], 'sv')).toContain(`Format: ${sentence}`);
});

it('says plainly that a PDF claiming nothing is not PDF/A', async () => {
  const report = await verify(handWrittenProtocol());
  expect(report.metadata.format).toBeUndefined();
  expect(renderText([{ file: 'brev.pdf', report }], 'sv')).toContain('Format: Anger inte PDF/A (arkivformat); inte taggad.');
  expect(renderText([{ file: 'brev.pdf', report }], 'en')).toContain('Format: Claims no PDF/A (archival format); not tagged.');
});
