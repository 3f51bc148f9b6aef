/**
 * Who signs and what a verifier will need later: resolves a signer (a fresh certificate for a person, as
 * the Swedish signature-service model wants, or credentials the caller brings), makes the CMS, and
 * collects the DSS data for the signature made (its chain and its TSA's).
 */
import type { Clock } from '../clock';
import { buildSignedData, estimateSignedDataSize, type CmsDigestAlgorithm } from '../pades/build-signed-data';
import { ParsedCertificate } from '../pki/certificate';
import { parseSignedData } from '../cms/parse-signed-data';
import { currentCrl, type CrlIssuerName } from '../ca/crl';
import { bytesEqual } from '../asn1/der';
import { issueSignerCertificate, type SignerCredentials, type SignerPerson } from '../ca/issue-signer-certificate';
import type { CertifiedKey, KeyMaterial } from '../ca/keys-folder';
import { OID } from '../asn1/oids';
import { parseTimeStampToken } from '../tsa/parse-timestamp-token';
import type { Timestamper } from '../tsa/timestamper';
import type { ValidationData } from './dss';

/** Everything a signature needs besides the document and the field. */
export interface SigningContext {
  keys: KeyMaterial;
  timestamper: Timestamper;
  /** Issues certificates and CRLs; pin it for reproducible output. */
  clock: Clock;
  /** Default SHA-256. */
  digestAlgorithm?: CmsDigestAlgorithm;
}

/** A person to issue a one-time certificate for (key dropped after the signature), or one's own credentials (PKCS#12). */
export type SignerSource = { person: SignerPerson } | { credentials: SignerCredentials };

export interface ResolvedSigner {
  credentials: SignerCredentials;
  /** The name shown in the appearance and in /Name: the certificate's CN. */
  displayName: string;
}

export function resolveSigner(source: SignerSource, context: SigningContext): ResolvedSigner {
  if ('person' in source) {
    const credentials = issueSignerCertificate(context.keys, source.person, { clock: context.clock });
    return { credentials, displayName: source.person.name.trim() };
  }
  const parsed = ParsedCertificate.fromDer(source.credentials.certificate);
  const commonName = parsed.subjectAttributes.find((attribute) => attribute.oid === OID.commonName)?.value;
  return { credentials: source.credentials, displayName: commonName ?? parsed.subject };
}

/**
 * DSS content for a signature just made (B-LT), read from its DER: a CMS signature's certificates (the
 * signer's chain), the certificates of the token that time-stamps it (or of the document timestamp's own
 * token) with our CAs above them, and a current CRL of each of our CAs that issued one of those
 * certificates, issued no earlier than the token's genTime (ETSI EN 319 102-1, 5.2.5: revocation data
 * must postdate the time it vouches for). The token's certificates, not the keys folder's TSA: an
 * external TSA (--tsa URL) has a chain of its own.
 */
export function validationDataFor(der: Uint8Array, kind: 'cms' | 'document-timestamp', context: SigningContext): ValidationData {
  const { keys, clock } = context;
  const signed = kind === 'cms' ? parseSignedData(der, { allowZeroPadding: true }) : undefined;
  const tokenDer = signed ? signed.signerInfos[0]?.signatureTimeStampTokens[0] : der;
  const token = tokenDer && parseTimeStampToken(tokenDer);
  const certificates = uniqueCertificates([...(signed?.certificates ?? []), ...(token?.signedData.certificates ?? [])], keys);
  const ourCas: [CrlIssuerName, CertifiedKey][] = [['signing-ca', keys.signingCa], ['root-ca', keys.root]];
  // Our CAs above the certificates carried, up to the root (the signing CA's issuer).
  for (let i = 0; i < certificates.length; i++) {
    const issuer = ourCas.find(([, ca]) => issuedBy(certificates[i]!, ca) && !certificates.some((known) => bytesEqual(known.der, ca.certificate)));
    if (issuer) certificates.push(issuer[1].parsed);
  }
  const issuedNoEarlierThan = token?.genTime;
  const crls = ourCas
    .filter(([, ca]) => certificates.some((certificate) => issuedBy(certificate, ca) && !bytesEqual(certificate.der, ca.certificate)))
    .map(([issuer]) => currentCrl(keys, issuer, clock, issuedNoEarlierThan ? { issuedNoEarlierThan } : {}));
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

export function estimateCmsSize(signer: ResolvedSigner, context: SigningContext): number {
  return estimateSignedDataSize(signer.credentials, context.timestamper);
}

export function makeCms(signer: ResolvedSigner, digest: Uint8Array, context: SigningContext): Promise<Uint8Array> {
  return buildSignedData({
    digestAlgorithm: context.digestAlgorithm ?? 'SHA-256',
    contentDigest: digest,
    signer: signer.credentials,
    timestamper: context.timestamper,
  });
}
