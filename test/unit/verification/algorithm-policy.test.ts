/**
 * The cryptographic constraints and the profile as policy: a weak algorithm is judged at the signature's
 * proven time against its sunset date (accepted with a warning before, INDETERMINATE after), an unknown one
 * is INDETERMINATE; a plain CMS is valid but "CMS, not PAdES baseline", and fails only under the strict
 * profile of our own documents.
 */
import { judgeAlgorithms } from '../../../src/verification/algorithm-policy';
import type { AlgorithmFacts, SignatureFacts, SignatureResult } from '../../../src/verification/model';
import { judge, signatureProfile } from '../../../src/verification/policy';
import { documentKind } from '../../../src/verification/justering';
import { profileSentence, signatureSentence } from '../../../src/verification/sentences';

const RSA_2048: AlgorithmFacts = { digest: 'SHA-256', signature: 'RSASSA-PKCS1-v1_5 with SHA-256', signatureDigest: 'SHA-256', key: { type: 'RSA', bits: 2048 } };
const SHA1 = { ...RSA_2048, digest: 'SHA-1', signature: 'RSASSA-PKCS1-v1_5 with SHA-1', signatureDigest: 'SHA-1' };
const NOW = new Date('2026-01-15T12:00:00Z');

function facts(overrides: Partial<SignatureFacts> = {}): SignatureFacts {
  return {
    field: 'extern', kind: 'approval', coverage: 'ENTIRE_FILE', revisions: 1, revision: 1, subFilter: 'ETSI.CAdES.detached',
    integrity: { intact: true, cryptoValid: true }, hasValidationData: false, after: 'NOTHING', modifications: [], problems: [],
    chain: { certificates: [], trusted: true, validationTime: NOW.toISOString(), problems: [], revocationChecked: true },
    algorithms: RSA_2048, cms: { signedAttributes: true, essSigningCertificate: 'v2' },
    ...overrides,
  };
}

function codes(reasons: { code: string }[]): string[] {
  return reasons.map((reason) => reason.code);
}

describe('judgeAlgorithms', () => {
  it('accepts SHA-256 with a 2048-bit RSA key at any time', () => {
    expect(judgeAlgorithms(RSA_2048, NOW, false)).toEqual([]);
  });

  it('SHA-1 before its sunset is a warning, after it expired (one reason, not one per field)', () => {
    expect(codes(judgeAlgorithms(SHA1, new Date('2018-06-01T00:00:00Z'), true))).toEqual(['ALGORITHM_WEAK']);
    const after = judgeAlgorithms(SHA1, new Date('2019-01-01T00:00:00Z'), true);
    expect(codes(after)).toEqual(['ALGORITHM_EXPIRED']);
    expect(after[0].detail).toContain('2019-01-01');
  });

  it('judges short RSA keys and small curves by their own sunsets', () => {
    expect(codes(judgeAlgorithms({ ...RSA_2048, key: { type: 'RSA', bits: 1024 } }, new Date('2015-01-01T00:00:00Z'), true))).toEqual(['ALGORITHM_WEAK']);
    expect(codes(judgeAlgorithms({ ...RSA_2048, key: { type: 'RSA', bits: 1024 } }, NOW, false))).toEqual(['ALGORITHM_EXPIRED']);
    expect(codes(judgeAlgorithms({ ...RSA_2048, key: { type: 'RSA', bits: 768 } }, new Date('2015-01-01T00:00:00Z'), true))).toEqual(['ALGORITHM_EXPIRED']);
    expect(codes(judgeAlgorithms({ ...RSA_2048, key: { type: 'EC', bits: 192, curve: 'P-192' } }, NOW, false))).toEqual(['ALGORITHM_EXPIRED']);
    expect(judgeAlgorithms({ ...RSA_2048, key: { type: 'Ed25519', bits: 256 } }, NOW, false)).toEqual([]);
  });

  it('counts the SHA-1 an adbe.pkcs7.sha1 document digest or a token imprint uses', () => {
    expect(codes(judgeAlgorithms({ ...RSA_2048, contentDigest: 'SHA-1' }, NOW, false))).toEqual(['ALGORITHM_EXPIRED']);
    expect(codes(judgeAlgorithms({ ...RSA_2048, imprint: 'SHA-1' }, NOW, false))).toEqual(['ALGORITHM_EXPIRED']);
  });
});

describe('judge with the crypto constraints', () => {
  it('SHA-1 proven (by a timestamp) before the sunset passes with a warning that the sentence does not make decisive', () => {
    const weak = facts({ algorithms: SHA1, provenTime: { time: '2018-06-01T00:00:00.000Z', source: 'signature-timestamp', tsa: 'CN=TSA' } });
    const verdict = judge(weak, { validationTime: NOW });
    expect(verdict).toMatchObject({ indication: 'TOTAL_PASSED' });
    expect(codes(verdict.problems)).toEqual(['ALGORITHM_WEAK']);
    const result: SignatureResult = { ...weak, ...verdict, problems: [...weak.problems, ...verdict.problems], sentence: { sv: '', en: '' } };
    expect(signatureSentence(result).en).toMatch(/^Valid signature by /);
  });

  it('SHA-1 proven only after the sunset, or not proven at all: INDETERMINATE / CRYPTO_CONSTRAINTS_FAILURE_NO_POE', () => {
    const late = facts({ algorithms: SHA1, provenTime: { time: '2020-06-01T00:00:00.000Z', source: 'document-timestamp', tsa: 'CN=TSA' } });
    expect(judge(late, { validationTime: NOW })).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE' });
    expect(judge(facts({ algorithms: SHA1 }), { validationTime: NOW })).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE' });
  });

  it('a document timestamp cannot prove its own SHA-1 old enough', () => {
    const own = facts({ algorithms: SHA1, provenTime: { time: '2018-06-01T00:00:00.000Z', source: 'this-timestamp', tsa: 'CN=TSA' } });
    expect(judge(own, { validationTime: NOW }).subIndication).toBe('CRYPTO_CONSTRAINTS_FAILURE_NO_POE');
  });

  it('a broken signature stays TOTAL_FAILED whatever its algorithm', () => {
    expect(judge(facts({ algorithms: SHA1, problems: [{ code: 'SIGNATURE_INVALID' }] }), { validationTime: NOW }).indication).toBe('TOTAL_FAILED');
  });

  it('an unsupported algorithm is INDETERMINATE / CRYPTO_CONSTRAINTS_FAILURE, not a failed signature', () => {
    const unknown = facts({ integrity: { intact: true, cryptoValid: false }, problems: [{ code: 'ALGORITHM_UNSUPPORTED', detail: 'signature algorithm 1.3.101.127 cannot be checked' }] });
    expect(judge(unknown, { validationTime: NOW })).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'CRYPTO_CONSTRAINTS_FAILURE' });
  });
});

describe('profile is not validity', () => {
  const plainCms = facts({ subFilter: 'adbe.pkcs7.detached', cms: { signedAttributes: true, signingTime: '2025-01-01T00:00:00.000Z', essSigningCertificate: 'none' } });

  it('a plain CMS passes and reports "CMS, not PAdES baseline" with why', () => {
    expect(judge(plainCms, { validationTime: NOW })).toEqual({ indication: 'TOTAL_PASSED', problems: [] });
    const profile = signatureProfile(plainCms, false)!;
    expect(profile).toMatchObject({ padesBaseline: false, level: 'CMS' });
    expect(profileSentence(profile).en).toBe('CMS, not PAdES baseline: /SubFilter /adbe.pkcs7.detached (PAdES uses ETSI.CAdES.detached); signingTime attribute present; no ESS signing-certificate-v2 attribute');
    expect(profileSentence(profile).sv).toMatch(/^CMS, inte PAdES baseline: /);
  });

  it('the strict profile of our own documents fails the same signature as a format failure', () => {
    const cades = { ...plainCms, subFilter: 'ETSI.CAdES.detached' };
    const verdict = judge(cades, { strictProfile: true, validationTime: NOW });
    expect(verdict).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(codes(verdict.problems)).toEqual(['SIGNING_CERTIFICATE_REFERENCE_MISSING', 'CMS_SIGNING_TIME_PRESENT']);
    expect(judge({ ...plainCms, cms: { signedAttributes: false, essSigningCertificate: 'none' } }, { strictProfile: true }).subIndication).toBe('FORMAT_FAILURE');
    expect(judge({ ...plainCms, subFilter: 'adbe.pkcs7.sha1' }, { strictProfile: true }).subIndication).toBe('FORMAT_FAILURE');
  });

  it('a baseline signature gives its PAdES level', () => {
    expect(signatureProfile(facts({ provenTime: { time: NOW.toISOString(), source: 'signature-timestamp', tsa: 'CN=TSA' }, hasValidationData: true }), true))
      .toEqual({ padesBaseline: true, level: 'PAdES B-LTA', notes: [] });
  });

  it('a document is ours when it carries Justera metadata', () => {
    expect(documentKind({ verificationCode: 'ABCD-1234' })).toBe('justering');
    expect(documentKind({ requiredFields: ['ordforande'] })).toBe('justering');
    expect(documentKind({ title: 'Protokoll' })).toBe('other');
  });
});
