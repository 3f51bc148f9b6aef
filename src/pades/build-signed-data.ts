/**
 * The PAdES baseline CMS (ETSI EN 319 142-1 §6.3, EN 319 122-1 §5): detached SignedData over a digest the
 * caller computed, one SignerInfo, the signed attributes the signer's `SignedAttributesPolicy` names
 * (signed-attributes-policy.ts; never signingTime, the claimed time is the PDF /M); optionally a
 * signature-time-stamp over the signature value as unsigned attribute (B-T).
 */
import type { SignerCredentials } from './signer';
import { DIGEST_LENGTHS, OID } from '../asn1/oids';
import { JusteraError } from '../errors';
import { issueTimestamp, type IssuedTimestamp, type Timestamper } from '../tsa/timestamper';
import { signatureTimeStampAttribute } from '../cms/cms-attributes';
import { certificateSet, hash, writeSignedData } from '../cms/signed-data-writer';
import { policySignedAttributes, type SignedAttributesPolicy } from './signed-attributes-policy';

export type CmsDigestAlgorithm = 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface BuildSignedDataRequest {
  digestAlgorithm: CmsDigestAlgorithm;
  /** Digest of the signed bytes (the PDF /ByteRange) with `digestAlgorithm`. */
  contentDigest: Uint8Array;
  signer: SignerCredentials;
  /** Which signed attributes the SignerInfo carries besides content-type and message-digest. */
  signedAttributes: SignedAttributesPolicy;
  /** When given, the SignerInfo gets a signature-time-stamp whose imprint is the hash of its signature value. */
  timestamper?: Timestamper;
}

/** A CMS as built, with what it carries that its validation data depends on. */
export interface SignedCms {
  der: Uint8Array;
  /** SignedData.certificates as written (DER order). */
  certificates: readonly Uint8Array[];
  /** The signature-time-stamp, when a timestamper was given. */
  timestamp?: IssuedTimestamp;
}

/**
 * DER ContentInfo: SignedData version 1, no eContent, certificates = the signer's certificate and
 * `signer.chain` (the issuing CAs up to and including the root, as a SigningAuthority issues them).
 */
export async function buildSignedData(request: BuildSignedDataRequest): Promise<Uint8Array> {
  return (await buildSignedCms(request)).der;
}

/** buildSignedData, answering also what the CMS carries, so that the DSS for it is gathered without parsing it. */
export async function buildSignedCms(request: BuildSignedDataRequest): Promise<SignedCms> {
  const expected = DIGEST_LENGTHS[request.digestAlgorithm];
  if (expected === undefined || request.digestAlgorithm === ('SHA-1' as CmsDigestAlgorithm)) {
    throw new JusteraError('ERR_INPUT_INVALID', `digest algorithm ${String(request.digestAlgorithm)} is not allowed; use SHA-256, SHA-384 or SHA-512`, {
      field: 'digestAlgorithm',
    });
  }
  if (request.contentDigest.length !== expected) {
    throw new JusteraError('ERR_INPUT_INVALID', `contentDigest has ${request.contentDigest.length} bytes; ${request.digestAlgorithm} gives ${expected}`, {
      field: 'contentDigest',
    });
  }
  const timestamper = request.timestamper;
  const certificates = [request.signer.certificate, ...request.signer.chain];
  let timestamp: IssuedTimestamp | undefined;
  const der = await writeSignedData({
    digestAlgorithm: request.digestAlgorithm,
    contentType: OID.data,
    contentDigest: request.contentDigest,
    certificate: request.signer.certificate,
    privateKey: request.signer.privateKey,
    signedAttributes: policySignedAttributes(request.signedAttributes, request.signer.certificate),
    certificates,
    ...(timestamper && {
      // ETSI EN 319 122-1 §5.3: the time-stamp imprint is the hash of the SignerInfo's signature value.
      unsignedAttributes: async (signature: Uint8Array) => {
        timestamp = await issueTimestamp(timestamper, hash(request.digestAlgorithm, signature), request.digestAlgorithm);
        return [signatureTimeStampAttribute(timestamp.token)];
      },
    }),
  });
  return { der, certificates: certificateSet(certificates), ...(timestamp && { timestamp }) };
}

/**
 * An upper bound of the DER size buildSignedData will produce for this signer, for sizing the PDF
 * /Contents placeholder (hex doubles it). Certificates are counted exactly; the signature at its maximum.
 */
export function estimateSignedDataSize(signer: Pick<SignerCredentials, 'certificate' | 'chain' | 'privateKey'>, timestamper?: Timestamper): number {
  const certificates = [signer.certificate, ...signer.chain].reduce((total, certificate) => total + certificate.length, 0);
  const details = signer.privateKey.asymmetricKeyDetails;
  const signatureBytes = signer.privateKey.asymmetricKeyType === 'rsa' ? Math.ceil((details?.modulusLength ?? 4096) / 8) : 2 * 66 + 9;
  // Fixed structure: ContentInfo/SignedData/SignerInfo headers, algorithm identifiers, IssuerAndSerialNumber
  // (issuer name at most a certificate's size, already bounded by 1 KiB here), the signed attributes
  // (signing-certificate-v2 repeats the issuer name; a commitment-type-indication is 32 bytes).
  const overhead = 2048;
  return certificates + signatureBytes + overhead + (timestamper ? timestamper.maxTokenSize + 64 : 0);
}
