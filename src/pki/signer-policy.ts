/**
 * How a per-signature signer certificate records the signer's authentication level (OpenID Connect `acr`,
 * e.g. http://id.elegnamnden.se/loa/1.0/loa3): a certificatePolicies entry with the policy
 * JUSTERA_OID.signerCertificatePolicy whose user notice explicitText (UTF8String) is the acr URI, verbatim.
 * A user notice rather than a private extension because every certificate viewer displays it. Pure.
 */
import type { ParsedCertificate } from './certificate';
import { JUSTERA_OID } from '../asn1/oids';

/** The acr a Justera signer certificate was issued under, or undefined when it names none. */
export function authenticationLevelOf(certificate: ParsedCertificate): string | undefined {
  const policy = certificate.certificatePolicies.find((candidate) => candidate.oid === JUSTERA_OID.signerCertificatePolicy);
  return policy?.userNotices[0];
}

/** True when the certificate was issued by a Justera signing CA for a single signature. */
export function isJusteraSignerCertificate(certificate: ParsedCertificate): boolean {
  return certificate.certificatePolicies.some((policy) => policy.oid === JUSTERA_OID.signerCertificatePolicy);
}
