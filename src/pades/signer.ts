/**
 * Who signs and what a verifier will need later: resolves a signer (a fresh certificate for a person, as
 * the Swedish signature-service model wants, or credentials the caller brings), collects the DSS data
 * for its chain and the TSA's, and makes the CMS.
 */
import type { Clock } from '../clock';
import { buildSignedData, estimateSignedDataSize, type CmsDigestAlgorithm } from '../cms/build-signed-data';
import { ParsedCertificate } from '../pki/certificate';
import { currentCrl } from '../pki/crl';
import { issueSignerCertificate, type SignerCredentials, type SignerPerson } from '../pki/issue-signer-certificate';
import type { KeyMaterial } from '../pki/keys-folder';
import { OID } from '../pki/oids';
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
 * DSS content for one signature (B-LT): the signer's chain, the TSA's chain, and current CRLs of our CAs.
 * The signing CA's CRL only vouches for certificates it issued, so it is added only for those.
 */
export function signerValidationData(credentials: SignerCredentials | undefined, context: SigningContext): ValidationData {
  const { keys, clock } = context;
  const certificates = [...(credentials ? [credentials.certificate, ...credentials.chain] : []), keys.tsa.certificate, ...keys.tsaChain];
  const crls = [currentCrl(keys, 'root-ca', clock)];
  if (credentials && ParsedCertificate.fromDer(credentials.certificate).issuer === keys.signingCa.parsed.subject) {
    crls.unshift(currentCrl(keys, 'signing-ca', clock));
  }
  return { certificates: unique(certificates), crls };
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

function unique(items: Uint8Array[]): Uint8Array[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = Buffer.from(item).toString('base64');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
