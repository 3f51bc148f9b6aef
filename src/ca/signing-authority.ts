/**
 * The keys folder as the signing engine sees it (pades/signer.ts SigningAuthority): one-time signer
 * certificates from the signing CA, the organisation's seal, and the DSS data of our CAs (their
 * certificates above a signature's, current CRLs). The CA private keys stay behind this object.
 */
import type { Clock } from '../clock';
import { bytesEqual } from '../asn1/der';
import { ParsedCertificate } from '../pki/certificate';
import type { Signer, SignerPerson, SigningAuthority } from '../pades/signer';
import type { ValidationData } from '../pades/dss';
import { PADES_BASELINE_B } from '../pades/signed-attributes-policy';
import { currentCrl, type CrlIssuerName } from './crl';
import { issueSignerCertificate } from './issue-signer-certificate';
import type { CertifiedKey, KeyMaterial } from './keys-folder';

export function signingAuthority(keys: KeyMaterial, clock: Clock): SigningAuthority {
  const seal: Signer = {
    credentials: { certificate: keys.seal.certificate, privateKey: keys.seal.privateKey, chain: keys.sealChain },
    signedAttributes: PADES_BASELINE_B,
    displayName: keys.organisation,
  };
  return {
    issueSigner: (person: SignerPerson) => issueSignerCertificate(keys, person, { clock }),
    seal,
    root: keys.root.certificate,
    validationData: (certificates, notBefore) => validationData(keys, clock, certificates, notBefore),
  };
}

function validationData(keys: KeyMaterial, clock: Clock, ders: readonly Uint8Array[], notBefore: Date | undefined): ValidationData {
  const certificates = uniqueCertificates(ders, keys);
  const ourCas: [CrlIssuerName, CertifiedKey][] = [['signing-ca', keys.signingCa], ['root-ca', keys.root]];
  // Our CAs above the certificates carried, up to the root (the signing CA's issuer).
  for (let i = 0; i < certificates.length; i++) {
    const issuer = ourCas.find(([, ca]) => issuedBy(certificates[i]!, ca) && !certificates.some((known) => bytesEqual(known.der, ca.certificate)));
    if (issuer) certificates.push(issuer[1].parsed);
  }
  const crls = ourCas
    .filter(([, ca]) => certificates.some((certificate) => issuedBy(certificate, ca) && !bytesEqual(certificate.der, ca.certificate)))
    .map(([issuer]) => currentCrl(keys, issuer, clock, notBefore ? { issuedNoEarlierThan: notBefore } : {}));
  return { certificates: certificates.map((certificate) => certificate.der), crls };
}

function issuedBy(certificate: ParsedCertificate, ca: CertifiedKey): boolean {
  return bytesEqual(certificate.issuerDer, ca.parsed.subjectDer);
}

/** Each distinct certificate once; the keys folder's own are taken as already parsed (a signature carries three of them). */
function uniqueCertificates(ders: readonly Uint8Array[], keys: KeyMaterial): ParsedCertificate[] {
  const ours = [keys.signingCa, keys.root, keys.tsa, keys.seal];
  const parsed: ParsedCertificate[] = [];
  for (const der of ders) {
    if (parsed.some((known) => bytesEqual(known.der, der))) continue;
    parsed.push(ours.find((key) => bytesEqual(key.certificate, der))?.parsed ?? ParsedCertificate.fromDer(der));
  }
  return parsed;
}
