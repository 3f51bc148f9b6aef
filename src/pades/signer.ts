/**
 * The seams signing goes through, so that the PAdES engine never holds a CA's private key: a `Signer`
 * (a key, its certificate and chain, the signed-attributes policy and the name shown), a `SigningAuthority` that issues one-time
 * signers and knows the revocation data of its CAs (src/ca/signing-authority.ts keeps the keys folder),
 * and the Timestamper, which names its own certificate chain. Here: resolving the signer, making the CMS
 * and gathering the DSS data for the signature made.
 */
import type { KeyObject } from 'node:crypto';
import type { Clock } from '../clock';
import { ParsedCertificate } from '../pki/certificate';
import { OID } from '../asn1/oids';
import type { IssuedTimestamp, Timestamper } from '../tsa/timestamper';
import { buildSignedCms, estimateSignedDataSize, type CmsDigestAlgorithm, type SignedCms } from './build-signed-data';
import type { ValidationData } from './dss';
import { PADES_BASELINE_B, type SignedAttributesPolicy } from './signed-attributes-policy';

/** What a CMS signer needs: its certificate, its key and the issuing CAs up to and including the root. */
export interface SignerCredentials {
  certificate: Uint8Array;
  privateKey: KeyObject;
  chain: readonly Uint8Array[];
}

/** The signer of one signature: credentials, the CMS signed attributes it carries, and the name shown in the appearance and in /Name. */
export interface Signer {
  credentials: SignerCredentials;
  signedAttributes: SignedAttributesPolicy;
  displayName: string;
}

export interface SignerPerson {
  /** Full name as authenticated; becomes the CN. */
  name: string;
  givenName?: string;
  surname?: string;
  /**
   * The subject serialNumber (X.520 2.5.4.5) when given: the signer's pseudonym by default, the personnummer
   * only where the deployment opts in (domain/signer-pseudonym.ts decides which). Never read from `name`.
   */
  serialNumber?: string;
  /** Becomes an rfc822Name subjectAltName when given. */
  email?: string;
  /** OpenID Connect acr of the login; recorded as described in pki/signer-policy.ts. */
  authnLevel?: string;
}

/** What signing asks of the certificate authority, which keeps its private keys to itself. */
export interface SigningAuthority {
  /** A fresh key and a certificate of a few minutes for the person (the signature-service model). */
  issueSigner(person: SignerPerson): SignerCredentials;
  /** The organisation's seal. */
  readonly seal: Signer;
  /** The root the issued signers chain to (DER). */
  readonly root: Uint8Array;
  /**
   * The DSS content for certificates a signature carries: each once, the authority's CAs above them up
   * to the root, and a current CRL of each of its CAs that issued one of them, issued no earlier than
   * `notBefore` (ETSI EN 319 102-1, 5.2.5: revocation data must postdate the time it vouches for).
   */
  validationData(certificates: readonly Uint8Array[], notBefore?: Date): ValidationData;
}

/** Everything a signature needs besides the document and the field. */
export interface SigningContext {
  authority: SigningAuthority;
  timestamper: Timestamper;
  /** The claimed time where none is given; pin it for reproducible output. */
  clock: Clock;
  /** Default SHA-256. */
  digestAlgorithm?: CmsDigestAlgorithm;
}

/**
 * A person to issue a one-time certificate for (key dropped after the signature), or one's own credentials
 * (PKCS#12); either with the signed-attributes policy of its signatures, PADES_BASELINE_B unless given.
 */
export type SignerSource = ({ person: SignerPerson } | { credentials: SignerCredentials }) & { signedAttributes?: SignedAttributesPolicy };

export function resolveSigner(source: SignerSource, context: SigningContext): Signer {
  const signedAttributes = source.signedAttributes ?? PADES_BASELINE_B;
  if ('person' in source) return { credentials: context.authority.issueSigner(source.person), signedAttributes, displayName: source.person.name.trim() };
  const parsed = ParsedCertificate.fromDer(source.credentials.certificate);
  const commonName = parsed.subjectAttributes.find((attribute) => attribute.oid === OID.commonName)?.value;
  return { credentials: source.credentials, signedAttributes, displayName: commonName ?? parsed.subject };
}

/**
 * DSS content for a signature just made (B-LT), from what its CMS carries (or, for a document timestamp,
 * only the token): the signer's certificate and chain, the chain of the timestamper used and the
 * certificates its token carries (an external TSA's chain is its own, not the keys folder's), completed by
 * the authority; the token's genTime bounds the CRLs from below. Known from building them, so neither the
 * CMS nor the token is parsed again.
 */
export function validationDataFor(made: Pick<SignedCms, 'certificates'> & { timestamp?: IssuedTimestamp }, context: SigningContext): ValidationData {
  const certificates = [...made.certificates, ...context.timestamper.certificateChain, ...(made.timestamp?.certificates ?? [])];
  return context.authority.validationData(certificates, made.timestamp?.genTime);
}

export function estimateCmsSize(signer: Signer, context: SigningContext): number {
  return estimateSignedDataSize(signer.credentials, context.timestamper);
}

export function makeCms(signer: Signer, digest: Uint8Array, context: SigningContext): Promise<SignedCms> {
  return buildSignedCms({
    digestAlgorithm: context.digestAlgorithm ?? 'SHA-256',
    contentDigest: digest,
    signer: signer.credentials,
    signedAttributes: signer.signedAttributes,
    timestamper: context.timestamper,
  });
}
