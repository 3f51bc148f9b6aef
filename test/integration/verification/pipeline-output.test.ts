/** Our own pipeline's output verifies: every signature TOTAL_PASSED, roles and times right, justering complete. */
import { pipeline, verify } from './helpers/pipeline';

describe('verifyPdf on the finished example (seal, ordförande, justerare, document timestamp)', () => {
  it('passes every signature and finds the justering complete', async () => {
    const p = await pipeline();
    const report = await verify(p.final);
    const brief = report.signatures.map((s) => [s.field, s.kind, s.indication, s.subIndication, s.level, s.after, s.coverage, s.problems]);
    expect(brief).toEqual([
      ['sigill', 'certification', 'TOTAL_PASSED', undefined, 'B-LTA', 'SIGNATURES_AND_VALIDATION_DATA', 'ENTIRE_REVISION', []],
      ['ordforande', 'approval', 'TOTAL_PASSED', undefined, 'B-LTA', 'SIGNATURES_AND_VALIDATION_DATA', 'ENTIRE_REVISION', []],
      ['justerare-1', 'approval', 'TOTAL_PASSED', undefined, 'B-LTA', 'SIGNATURES_AND_VALIDATION_DATA', 'ENTIRE_REVISION', []],
      ['tidsstampel', 'document-timestamp', 'TOTAL_PASSED', undefined, undefined, 'NOTHING', 'ENTIRE_FILE', []],
    ]);
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.justering).toMatchObject({ complete: true, required: ['ordforande', 'justerare-1'], missing: [], failed: [] });
    const chair = report.signatures[1];
    expect(chair.role).toMatchObject({ sv: 'Ordförande', en: 'Chair' });
    expect(chair.signerNames?.commonName).toBe('Johan Nilsson');
    expect(chair.claimedTime).toBe('2023-10-03T07:32:00.000Z');
    expect(chair.provenTime).toMatchObject({ time: '2023-10-03T07:32:00.000Z', source: 'signature-timestamp' });
    expect(chair.revision).toBe(3);
    expect(report.revisions).toBe(5);
    expect(report.summary.sv).toBe('Äkta. Justerat av ordförande Johan Nilsson 2023-10-03 09:32 och justerare Sara Grolander 2023-10-03 09:32.');
  });
});
