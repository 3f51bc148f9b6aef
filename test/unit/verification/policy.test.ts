/** The validation policy and the sentences: which reason decides the indication, the PAdES level, the words. */
import type { SignatureFacts, SignatureResult } from '../../../src/verification/model';
import { judge, padesLevel } from '../../../src/verification/policy';
import { justeringSentence } from '../../../src/verification/justering';
import { signatureSentence, swedishTime } from '../../../src/verification/sentences';

function facts(overrides: Partial<SignatureFacts> = {}): SignatureFacts {
  return {
    field: 'ordforande', kind: 'approval', coverage: 'ENTIRE_REVISION', revisions: 4, revision: 3, subFilter: 'ETSI.CAdES.detached',
    integrity: { intact: true, cryptoValid: true }, hasValidationData: true, after: 'NOTHING', modifications: [], problems: [],
    chain: { certificates: [], trusted: true, validationTime: '2023-10-03T07:32:00.000Z', problems: [], revocationChecked: true },
    provenTime: { time: '2023-10-03T07:32:00.000Z', source: 'signature-timestamp', tsa: 'CN=TSA' },
    claimedTime: '2023-10-03T07:32:00.000Z', signerNames: { commonName: 'Johan Nilsson' },
    ...overrides,
  };
}

function result(overrides: Partial<SignatureFacts> = {}): SignatureResult {
  const base = facts(overrides);
  const verdict = judge(base);
  const out: SignatureResult = { ...base, ...verdict, problems: [...base.problems, ...verdict.problems], role: { field: base.field, sv: 'Ordförande', en: 'Chair' }, sentence: { sv: '', en: '' } };
  out.sentence = signatureSentence(out);
  return out;
}

describe('judge', () => {
  it('passes clean facts and lets failures outrank indeterminate ones', () => {
    expect(judge(facts())).toMatchObject({ indication: 'TOTAL_PASSED' });
    expect(judge(facts({ problems: [{ code: 'CHAIN_NOT_TRUSTED' }, { code: 'MESSAGE_DIGEST_MISMATCH' }] }))).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
    expect(judge(facts({ problems: [{ code: 'ILLEGAL_MODIFICATION' }, { code: 'SIGNATURE_INVALID' }] }))).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(judge(facts({ problems: [{ code: 'CERTIFICATE_EXPIRED_NO_POE' }] }))).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'OUT_OF_BOUNDS_NO_POE' });
    expect(judge(facts({ problems: [{ code: 'REVOCATION_UNKNOWN' }] }))).toMatchObject({ indication: 'TOTAL_PASSED' });
  });

  it('never passes without integrity or a trusted chain, even with no problem recorded', () => {
    expect(judge(facts({ integrity: { intact: false, cryptoValid: true } })).indication).toBe('TOTAL_FAILED');
    expect(judge(facts({ chain: undefined })).indication).toBe('INDETERMINATE');
  });
});

describe('padesLevel', () => {
  it('climbs from B-B to B-LTA with timestamp, validation data and a later document timestamp', () => {
    expect(padesLevel(facts({ provenTime: undefined }), false)).toBe('B-B');
    expect(padesLevel(facts({ hasValidationData: false }), false)).toBe('B-T');
    expect(padesLevel(facts(), false)).toBe('B-LT');
    expect(padesLevel(facts(), true)).toBe('B-LTA');
    expect(padesLevel(facts({ subFilter: 'adbe.pkcs7.detached' }), true)).toBeUndefined();
  });
});

describe('sentences', () => {
  it('speak Swedish time and name the signer and the reason', () => {
    expect(swedishTime('2023-10-03T07:32:00.000Z')).toBe('2023-10-03 09:32');
    expect(swedishTime('2023-12-03T07:32:00.000Z')).toBe('2023-12-03 08:32');
    expect(result().sentence).toEqual({
      sv: 'Giltig signatur av ordförande Johan Nilsson 2023-10-03 09:32 (tidsstämplad).',
      en: 'Valid signature by chair Johan Nilsson 2023-10-03 09:32 (timestamped).',
    });
    expect(result({ problems: [{ code: 'ILLEGAL_MODIFICATION', detail: 'object 5' }] }).sentence.sv).toBe(
      'Ogiltig signatur i fältet "ordforande" (ordförande Johan Nilsson): dokumentet har ändrats efter signeringen.',
    );
  });

  it('state the justering or what is missing', () => {
    const chair = result();
    const adjuster = { ...result({ field: 'justerare-1', signerNames: { commonName: 'Sara Grolander' } }), role: { field: 'justerare-1', sv: 'Justerare', en: 'Adjuster' } };
    expect(justeringSentence({ complete: true, required: ['ordforande', 'justerare-1'], signed: ['ordforande', 'justerare-1'], missing: [], failed: [] }, [chair, adjuster]).sv)
      .toBe('Justerat av ordförande Johan Nilsson 2023-10-03 09:32 och justerare Sara Grolander 2023-10-03 09:32.');
    expect(justeringSentence({ complete: false, required: ['ordforande', 'justerare-1'], signed: ['ordforande'], missing: ['justerare-1'], failed: ['ordforande'] }, [chair]))
      .toEqual({
        sv: 'Inte justerat: signaturen i "ordforande" godtas inte; "justerare-1" har inte signerats.',
        en: 'Not approved (justering incomplete): the signature in "ordforande" is not accepted; "justerare-1" not signed yet.',
      });
  });
});
