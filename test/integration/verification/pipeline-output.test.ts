/** Our own pipeline's output verifies: every signature TOTAL_PASSED, roles and times right, justering complete. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderExtractPdf } from '../../../src/assembly/render-extract-pdf';
import { parseExtract } from '../../../src/domain/extract';
import { sealDocument } from '../../../src/pades';
import { signExtractField } from '../../../src/engines/sign-extract';
import { pipeline, verify } from './helpers/pipeline';
import { signingContextFor } from '../../../src/engines/signing-context';

describe('verifyPdf on the finished example (seal, ordförande, justerare, document timestamp)', () => {
  it('passes every signature and finds the justering complete', async () => {
    const p = await pipeline();
    const report = await verify(p.final);
    const brief = report.signatures.map((s) => [s.field, s.kind, s.indication, s.subIndication, s.level, s.after, s.coverage, s.problems]);
    expect(brief).toEqual([
      ['sigill', 'certification', 'TOTAL_PASSED', undefined, 'B-LTA', 'SIGNATURES_AND_VALIDATION_DATA', 'ENTIRE_REVISION', []],
      ['ordforande', 'approval', 'TOTAL_PASSED', undefined, 'B-LTA', 'SIGNATURES_AND_VALIDATION_DATA', 'ENTIRE_REVISION', []],
      ['justerare-1', 'approval', 'TOTAL_PASSED', undefined, 'B-LTA', 'SIGNATURES_AND_VALIDATION_DATA', 'ENTIRE_REVISION', []],
      // The TSA's validation data follows the document timestamp in an update of its own.
      ['tidsstampel', 'document-timestamp', 'TOTAL_PASSED', undefined, undefined, 'SIGNATURES_AND_VALIDATION_DATA', 'ENTIRE_REVISION', []],
    ]);
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.justering).toMatchObject({ complete: true, required: ['ordforande', 'justerare-1'], missing: [], failed: [] });
    const chair = report.signatures[1];
    expect(chair.role).toMatchObject({ sv: 'Ordförande', en: 'Chair' });
    expect(chair.signerNames?.commonName).toBe('Johan Nilsson');
    expect(chair.claimedTime).toBe('2023-10-03T07:32:00.000Z');
    expect(chair.provenTime).toMatchObject({ time: '2023-10-03T07:32:00.000Z', source: 'signature-timestamp' });
    // Assembly, then each signature and the update with its validation data after it.
    expect(report.signatures.map((s) => s.revision)).toEqual([2, 4, 6, 8]);
    expect(report.revisions).toBe(9);
    expect(report.summary.sv).toBe('Äkta. Justerat av ordförande Johan Nilsson 2023-10-03 09:32 och justerare Sara Grolander 2023-10-03 09:32.');
  });
});

describe('verifyPdf on an extract with two justerare, signed through signExtractField', () => {
  it('requires and finds all three signatures; the document timestamp follows the last one', async () => {
    const p = await pipeline();
    const json = JSON.parse(readFileSync(join(__dirname, '../../../examples/extract-ha-2023-418-p12.json'), 'utf8'));
    json.participants.adjusters.push({ name: 'Åsa Öberg', email: 'asa.oberg@example.org' });
    const extract = parseExtract(json);
    const context = signingContextFor(p.keys, p.clock);
    let pdf: Uint8Array = await sealDocument(await renderExtractPdf(extract, { createdAt: new Date('2023-09-22T10:00:00Z'), publicBaseUrl: 'http://localhost:3000' }), context);
    const order: [string, string][] = [['justerare-2', 'Åsa Öberg'], ['ordforande', 'Johan Nilsson'], ['justerare-1', 'Sara Grolander']];
    for (const [field, name] of order) {
      const before = await verify(pdf);
      expect(before.justering?.complete).toBe(false);
      pdf = (await signExtractField(pdf, { ...context, field, signer: { person: { name } } })).pdf;
    }
    const report = await verify(pdf);
    expect(report.signatures.map((s) => [s.field, s.indication])).toEqual([
      ['sigill', 'TOTAL_PASSED'], ['justerare-2', 'TOTAL_PASSED'], ['ordforande', 'TOTAL_PASSED'], ['justerare-1', 'TOTAL_PASSED'], ['tidsstampel', 'TOTAL_PASSED'],
    ]);
    expect(report.justering).toMatchObject({ complete: true, required: ['ordforande', 'justerare-1', 'justerare-2'] });
    expect(report.summary.sv).toBe('Äkta. Justerat av ordförande Johan Nilsson 2023-10-03 09:32, justerare Sara Grolander 2023-10-03 09:32 och justerare Åsa Öberg 2023-10-03 09:32.');
  });
});
