/**
 * Which CMS signed attributes a PAdES signature carries, as a named value handed with the `Signer`
 * (pades/signer.ts), so the CMS builder writes what the policy says instead of a list of its own.
 * Names follow the standards (ETSI EN 319 142-1 §5.2 and §6.3, EN 319 122-1 §5.2) as EU DSS
 * (`SignatureLevel.PAdES_BASELINE_B`, `BLevelParameters.commitmentTypeIndications`) and pyHanko
 * (`CAdESSignedAttrSpec.commitment_type`) do.
 *
 * Never written, whatever the policy: signing-time (the claimed time is the signature dictionary's /M),
 * signer-location (/Location) and a claimed role in signer-attributes-v2 (the role is /Reason), since
 * PAdES puts each of them in the signature dictionary, where pdfsig and Acrobat read them.
 */
import { OID } from '../asn1/oids';
import { commitmentTypeIndicationAttribute } from '../cms/cms-attributes';
import { essSigningCertificateV2 } from '../cms/signed-data-writer';

/** ETSI EN 319 122-1 §5.2.3 (RFC 5126 §5.11.1): the commitments id-cti-ets-proofOf*. */
export type CommitmentType = 'proofOfOrigin' | 'proofOfReceipt' | 'proofOfDelivery' | 'proofOfSender' | 'proofOfApproval' | 'proofOfCreation';

const COMMITMENT_OIDS: Record<CommitmentType, string> = {
  proofOfOrigin: OID.ctiProofOfOrigin,
  proofOfReceipt: OID.ctiProofOfReceipt,
  proofOfDelivery: OID.ctiProofOfDelivery,
  proofOfSender: OID.ctiProofOfSender,
  proofOfApproval: OID.ctiProofOfApproval,
  proofOfCreation: OID.ctiProofOfCreation,
};

export interface SignedAttributesPolicy {
  /** The profile's name as the standard gives it; shown in docs and errors, never written into a file. */
  readonly name: 'PAdES-baseline-B';
  /**
   * A commitment-type-indication, telling a machine why the signer signed (a justerare: proofOfApproval).
   * Then the signature dictionary carries no /Reason: EN 319 142-1 does not use the Reason entry when a
   * commitment-type-indication is present.
   */
  readonly commitmentType?: CommitmentType;
}

/**
 * ETSI EN 319 142-1 §6.3 baseline B-B: content-type, message-digest and ESS signing-certificate-v2,
 * nothing else. The default of every signer; what the engine wrote before the policy had a name.
 */
export const PADES_BASELINE_B: SignedAttributesPolicy = { name: 'PAdES-baseline-B' };

/** The DER attributes `policy` adds to content-type and message-digest for the signer certificate `certificate`. */
export function policySignedAttributes(policy: SignedAttributesPolicy, certificate: Uint8Array): Uint8Array[] {
  return [
    essSigningCertificateV2(certificate),
    ...(policy.commitmentType ? [commitmentTypeIndicationAttribute(COMMITMENT_OIDS[policy.commitmentType])] : []),
  ];
}
