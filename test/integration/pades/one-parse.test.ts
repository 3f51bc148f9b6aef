/**
 * A signature parses the document once (issue 13): signExtractField reads the input, signs on that parse,
 * and appends the document timestamp on the same parse extended by the signature's own updates
 * (PdfFile.extendedTo reads only the appended xref sections). Before, one signature parsed it up to five times.
 */
import { createHash } from 'node:crypto';
import { signingContextFor } from '../../../src/engines/signing-context';
import { signExtractField } from '../../../src/engines/sign-extract';
import { PdfFile } from '../../../src/pdf/parser';
import { pipeline, verify } from '../verification/helpers/pipeline';

afterEach(() => jest.restoreAllMocks());

it('parses once for a signature, and once for the signature that completes the justering with its document timestamp', async () => {
  const p = await pipeline();
  const context = signingContextFor(p.keys, p.clock);
  const parse = jest.spyOn(PdfFile, 'parse');
  const chair = await signExtractField(p.sealed, { ...context, field: 'ordforande', signer: { person: { name: 'Johan Nilsson' } } });
  expect(parse).toHaveBeenCalledTimes(1);
  expect(chair.documentTimestamped).toBe(false);

  parse.mockClear();
  const last = await signExtractField(chair.pdf, { ...context, field: 'justerare-1', signer: { person: { name: 'Sara Grolander' } } });
  expect(parse).toHaveBeenCalledTimes(1);
  expect(last).toMatchObject({ documentTimestamped: true, remainingFields: [] });
  parse.mockRestore();

  // The document timestamp was written on the extended parse: the file is whole, every signature passes.
  const revisions = PdfFile.parse(last.pdf).revisions;
  expect(revisions.find((revision) => revision.endOffset === last.signedEnd)).toBeDefined();
  const report = await verify(last.pdf);
  expect(report.signatures.map((s) => [s.field, s.indication])).toEqual([
    ['sigill', 'TOTAL_PASSED'], ['ordforande', 'TOTAL_PASSED'], ['justerare-1', 'TOTAL_PASSED'], ['tidsstampel', 'TOTAL_PASSED'],
  ]);
  expect(report.justering?.complete).toBe(true);
});

it('hashes once: the SHA-256 of each revision goes on from the digest it signed, and is the file\'s own', async () => {
  const p = await pipeline();
  const context = signingContextFor(p.keys, p.clock);
  const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
  const chair = await signExtractField(p.sealed, { ...context, field: 'ordforande', signer: { person: { name: 'Johan Nilsson' } } });
  expect(chair.sha256).toBe(sha256(chair.pdf));
  expect(chair.signedSha256).toBe(chair.sha256);

  const last = await signExtractField(chair.pdf, { ...context, field: 'justerare-1', signer: { person: { name: 'Sara Grolander' } } });
  expect(last.documentTimestamped).toBe(true);
  expect(last.signedSha256).toBe(sha256(last.pdf.subarray(0, last.signedEnd)));
  expect(last.sha256).toBe(sha256(last.pdf));
});
