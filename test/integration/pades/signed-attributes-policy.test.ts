/**
 * The signed-attributes policy handed with the Signer decides the CMS signed attributes: PAdES baseline
 * B-B by default (content-type, message-digest, signing-certificate-v2), with a commitment-type-indication
 * (and then no /Reason) when the policy names one. Read back with our DER reader, checked by pdfsig and
 * by our verifier.
 */
import { decodeOid, elementBytes, readChildren, readElement } from '../../../src/asn1/der';
import { OID } from '../../../src/asn1/oids';
import { parseSignedData } from '../../../src/cms/parse-signed-data';
import { createVerifier } from '../../../src/engines/verify-document';
import { signExtractField } from '../../../src/engines/sign-extract';
import { PADES_BASELINE_B, type SignedAttributesPolicy } from '../../../src/pades';
import { extractSignatures } from '../../helpers/openssl';
import { assembleSealed, context, exampleExtract, pdfsigOf, setUp, tearDown, type Setup } from './helpers';

let setup: Setup;
let sealed: Uint8Array;
beforeAll(async () => {
  setup = setUp();
  sealed = await assembleSealed(exampleExtract(), setup.keys);
});
afterAll(() => tearDown(setup));

/** The signed attributes of the CMS in the PDF's last /ByteRange: their types, and each one's first value's DER. */
function lastSignedAttributes(pdf: Uint8Array): Map<string, Uint8Array> {
  const signatures = extractSignatures(Buffer.from(pdf));
  const attributes = parseSignedData(signatures[signatures.length - 1]!.der).signerInfos[0]!.signedAttributes!;
  const set = readElement(attributes.der, 0);
  const found = new Map<string, Uint8Array>();
  for (const attribute of readChildren(attributes.der, set)) {
    const [type, values] = readChildren(attributes.der, attribute);
    const first = readChildren(attributes.der, values!)[0]!;
    found.set(decodeOid(attributes.der, type!), elementBytes(attributes.der, first));
  }
  return found;
}

async function signChair(signedAttributes?: SignedAttributesPolicy): Promise<Uint8Array> {
  const signer = { person: { name: 'Johan Nilsson' }, ...(signedAttributes && { signedAttributes }) };
  return (await signExtractField(sealed, { ...context(setup.keys), field: 'ordforande', signer })).pdf;
}

describe.each<[string, SignedAttributesPolicy | undefined, string[]]>([
  ['no policy given (PADES_BASELINE_B)', undefined, [OID.contentType, OID.messageDigest, OID.signingCertificateV2]],
  ['PADES_BASELINE_B', PADES_BASELINE_B, [OID.contentType, OID.messageDigest, OID.signingCertificateV2]],
  ['PADES_BASELINE_B with proofOfApproval', { ...PADES_BASELINE_B, commitmentType: 'proofOfApproval' }, [OID.contentType, OID.messageDigest, OID.signingCertificateV2, OID.commitmentType]],
])('a signature with %s', (label, policy, expectedTypes) => {
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = await signChair(policy);
  });

  it('carries exactly the policy\u2019s signed attributes, never signingTime', () => {
    const attributes = lastSignedAttributes(pdf);
    expect([...attributes.keys()].sort()).toEqual([...expectedTypes].sort());
    expect(attributes.has(OID.signingTime)).toBe(false);
    const commitment = attributes.get(OID.commitmentType);
    if (policy?.commitmentType) {
      // CommitmentTypeIndication ::= SEQUENCE { commitmentTypeId, … }
      const [id] = readChildren(commitment!, readElement(commitment!, 0));
      expect(decodeOid(commitment!, id!)).toBe(OID.ctiProofOfApproval);
    }
  });

  it('is valid for pdfsig and passes our verifier, with /Reason only when no commitment type stands for it', async () => {
    const signatures = pdfsigOf(setup, `policy-${label.replace(/\W+/g, '-')}.pdf`, pdf);
    expect(signatures.map((s) => [s.fieldName, s.signatureValidation])).toEqual([
      ['sigill', 'Signature is Valid.'],
      ['ordforande', 'Signature is Valid.'],
    ]);
    const report = await createVerifier([setup.keys.root.certificate]).verify(pdf);
    const chair = report.signatures.find((s) => s.field === 'ordforande')!;
    expect(chair.indication).toBe('TOTAL_PASSED');
    expect(chair.reason).toBe(policy?.commitmentType ? undefined : 'Ordförande');
  });
});
