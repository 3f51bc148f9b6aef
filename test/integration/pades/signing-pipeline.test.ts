/**
 * Acceptance of the signing engine: the example assembled and sealed, signed by the ordförande and the
 * justerare, then timestamped; and the same with two justerare. Checked by pdfsig (its text, not its exit
 * code), by `openssl cms -verify` and `openssl ts -verify` on bytes cut out independently of our parser.
 */
import { ADJUSTER_FIELDS, CHAIR_FIELD } from '../../../src/domain/roles';
import type { Extract } from '../../../src/domain/extract';
import { signExtractField } from '../../../src/engines/sign-extract';
import { extractSignatures, opensslCmsPrint, opensslCmsVerify, opensslTsVerify, sha256, signatureTimestamp } from '../../helpers/openssl';
import { updateAfterSignature } from '../../helpers/validation-update';
import { assembleSealed, context, exampleExtract, isPrefix, pdfsigOf, setUp, tearDown, type Setup } from './helpers';

let setup: Setup;
beforeAll(() => {
  setup = setUp();
});
afterAll(() => tearDown(setup));

interface Step {
  name: string;
  pdf: Uint8Array;
}

/** Seals, then signs every required field in order, checking after each step what must hold at that step. */
async function runPipeline(extract: Extract, label: string): Promise<Step[]> {
  const steps: Step[] = [{ name: `${label}-sealed`, pdf: await assembleSealed(extract, setup.keys) }];
  const signers = [
    { field: CHAIR_FIELD, person: extract.participants.chair },
    ...extract.participants.adjusters.map((person, i) => ({ field: ADJUSTER_FIELDS[i], person })),
  ];
  for (const [i, signer] of signers.entries()) {
    const before = steps[steps.length - 1]!.pdf;
    const result = await signExtractField(before, {
      ...context(setup.keys),
      field: signer.field,
      signer: { person: { name: signer.person.name, ...(signer.person.personnummer && { serialNumber: signer.person.personnummer }) } },
    });
    expect(isPrefix(before, result.pdf)).toBe(true);
    expect(result.documentTimestamped).toBe(i === signers.length - 1);
    steps.push({ name: `${label}-${signer.field}`, pdf: result.pdf });
  }
  return steps;
}

function checkPdfsig(step: Step, expectedFields: string[], timestamped: boolean): void {
  const signatures = pdfsigOf(setup, `${step.name}.pdf`, step.pdf);
  expect(signatures.map((s) => s.fieldName)).toEqual(timestamped ? [...expectedFields, 'tidsstampel'] : expectedFields);
  const cmsSignatures = signatures.filter((s) => s.fieldName !== 'tidsstampel');
  for (const signature of cmsSignatures) {
    expect(signature.signatureValidation).toBe('Signature is Valid.');
    expect(signature.certificateValidation).toBe('Certificate is Trusted.');
    expect(signature.signatureType).toBe('ETSI.CAdES.detached');
  }
  // No signature covers the whole file: the last is followed by its validation data, and by nothing else.
  signatures.forEach((signature) => expect(signature.totalDocument).toBe(false));
  expect(updateAfterSignature(step.pdf)).toMatchObject({ last: true, onlyValidationData: true });
}

function checkOpenssl(pdf: Uint8Array, expectedCount: number, timestamped: boolean): void {
  const signatures = extractSignatures(Buffer.from(pdf));
  expect(signatures).toHaveLength(expectedCount + (timestamped ? 1 : 0));
  const cms = timestamped ? signatures.slice(0, -1) : signatures;
  for (const signature of cms) {
    const verified = opensslCmsVerify(signature, setup.rootPem);
    expect(verified.output).toMatch(/Verification successful/);
    expect(verified.ok).toBe(true);
    const dump = opensslCmsPrint(signature.der);
    expect(dump).toMatch(/id-smime-aa-signingCertificateV2/);
    expect(dump).not.toMatch(/signingTime/);
    const { signatureValue, token } = signatureTimestamp(signature.der);
    expect(token).toBeDefined();
    const tsVerified = opensslTsVerify(token!, sha256(signatureValue), setup.rootPem);
    expect(tsVerified.output).toMatch(/Verification: OK/);
  }
  if (timestamped) {
    const documentTimestamp = signatures[signatures.length - 1]!;
    const verified = opensslTsVerify(documentTimestamp.der, sha256(documentTimestamp.signedBytes), setup.rootPem);
    expect(verified.output).toMatch(/Verification: OK/);
    // The token is over this document's bytes only.
    expect(opensslTsVerify(documentTimestamp.der, sha256(Buffer.from('other')), setup.rootPem).ok).toBe(false);
  }
}

describe.each([
  ['the example (ordförande + one justerare)', () => exampleExtract(), ['sigill', 'ordforande', 'justerare-1']],
  [
    'an extract with two justerare and an ordförande named Åsa Öberg',
    () =>
      exampleExtract((json) => {
        const participants = json.participants as { chair: { name: string }; adjusters: { name: string; personnummer?: string; email?: string }[] };
        participants.chair.name = 'Åsa Öberg';
        participants.adjusters.push({ name: 'Erik Ångström-Lindqvist', email: 'erik.angstrom-lindqvist@example.org' });
      }),
    ['sigill', 'ordforande', 'justerare-1', 'justerare-2'],
  ],
])('%s: sealed, signed, timestamped', (label, makeExtract, fields) => {
  let steps: Step[];
  beforeAll(async () => {
    steps = await runPipeline(makeExtract(), fields.length === 3 ? 'example' : 'two-justerare');
  });

  it('every signature is valid and trusted after every step, and only validation data follows the last', () => {
    steps.forEach((step, i) => {
      const last = i === steps.length - 1;
      checkPdfsig(step, fields.slice(0, i + 1), last);
    });
  });

  it('each file is a byte-exact prefix of the next', () => {
    for (let i = 1; i < steps.length; i++) expect(isPrefix(steps[i - 1]!.pdf, steps[i]!.pdf)).toBe(true);
  });

  it('openssl verifies every CMS against the root, every signature-time-stamp and the document timestamp', () => {
    const final = steps[steps.length - 1]!.pdf;
    checkOpenssl(final, fields.length, true);
  });

  it('pdfsig gives back the signers\u2019 names exactly', () => {
    const extract = makeExtract();
    const signatures = pdfsigOf(setup, `${label.length}-names.pdf`, steps[steps.length - 1]!.pdf);
    expect(signatures.find((s) => s.fieldName === 'ordforande')?.commonName).toBe(extract.participants.chair.name);
    expect(signatures.find((s) => s.fieldName === 'justerare-1')?.commonName).toBe(extract.participants.adjusters[0]!.name);
  });

  it('one flipped byte in a signature\u2019s signed range makes pdfsig report that signature as failed', () => {
    const final = Buffer.from(steps[steps.length - 1]!.pdf);
    const extracted = extractSignatures(final);
    // Inside each CMS signature's own dictionary (the /M date digits), and one in the original document's body.
    extracted.slice(0, -1).forEach((signature, index) => {
      const [, contentsAt] = signature.byteRange;
      const dictionary = final.subarray(Math.max(0, contentsAt - 2000), contentsAt).toString('latin1');
      const dateAt = contentsAt - 2000 + dictionary.lastIndexOf('/M (D:') + 8;
      const tampered = Buffer.from(final);
      tampered[dateAt] = tampered[dateAt] === 0x31 ? 0x32 : 0x31;
      const signatures = pdfsigOf(setup, `flipped-${fields.length}-${index}.pdf`, tampered);
      expect(signatures[index]!.fieldName).toBe(fields[index]);
      expect(signatures[index]!.signatureValidation).not.toBe('Signature is Valid.');
      signatures.slice(0, index).forEach((earlier) => expect(earlier.signatureValidation).toBe('Signature is Valid.'));
    });
    const body = final.indexOf('stream\n', 2000) + 40;
    const tampered = Buffer.from(final);
    tampered[body] ^= 0x01;
    const signatures = pdfsigOf(setup, `flipped-${fields.length}-body.pdf`, tampered);
    for (const signature of signatures.filter((s) => s.fieldName !== 'tidsstampel')) {
      expect(signature.signatureValidation).not.toBe('Signature is Valid.');
    }
    const documentTimestamp = extractSignatures(tampered).at(-1)!;
    expect(opensslTsVerify(documentTimestamp.der, sha256(documentTimestamp.signedBytes), setup.rootPem).ok).toBe(false);
  });
});
