/**
 * ETSI EN 319 102-1 5.2.3 identification of the signing certificate ("ISC") and 5.2.7 cryptographic
 * verification ("CV") of one CMS SignerInfo (RFC 5652, 5.4 and 5.6): message-digest over the signed
 * content, signature over the DER SET of signed attributes (or over the content itself when there are
 * none), ESS signing-certificate(-v2) binding. It states facts: which algorithms were used and what the
 * CMS carries that decides its profile; whether those are acceptable is the policy's decision
 * (algorithm-policy.ts, profile.ts).
 */
import type { DigestAlgorithm } from '../../crypto/crypto-provider';
import { publicKeyFacts, schemeName, signatureSchemeOf } from '../../crypto/signature-algorithms';
import { bytesEqual, concatBytes, toHex } from '../../asn1/der';
import { OID } from '../../asn1/oids';
import { CmsFormatError, digestAlgorithmFromOid, parseSignedData, type SignedDataFacts, type SignerInfoFacts } from '../../cms/parse-signed-data';
import type { ParsedCertificate } from '../../pki/certificate';
import type { AlgorithmFacts, CmsProfileFacts, Reason } from '../model';
import type { ValidationContext } from '../path/validate-path';

export interface CmsSignatureFacts {
  signedData?: SignedDataFacts;
  signerInfo?: SignerInfoFacts;
  signer?: ParsedCertificate;
  /** The message-digest attribute equals the digest of the signed content. */
  intact: boolean;
  /** The signature value verifies with the signer certificate's key. */
  cryptoValid: boolean;
  algorithms?: AlgorithmFacts;
  profile?: CmsProfileFacts;
  problems: Reason[];
}

export interface CmsCheckOptions {
  /** Content type the signed attribute must state (id-data for PDF signatures, id-ct-TSTInfo for tokens). */
  contentType: string;
  /** /Contents is zero-padded. */
  padded: boolean;
  /** A PDF signature's CMS is detached: the signed bytes are the /ByteRange, never content inside the CMS. */
  detached: boolean;
}

/** `cms` is the DER, or the SignedData as read already (a time-stamp token's, read with its TSTInfo). */
export async function checkCmsSignature(
  context: ValidationContext,
  cms: Uint8Array | SignedDataFacts,
  content: readonly Uint8Array[] | ((signedData: SignedDataFacts) => readonly Uint8Array[]),
  options: CmsCheckOptions,
): Promise<CmsSignatureFacts> {
  const problems: Reason[] = [];
  const failed = (code: Reason['code'], detail: string, partial: Partial<CmsSignatureFacts> = {}): CmsSignatureFacts => {
    problems.push({ code, detail });
    return { intact: false, cryptoValid: false, ...partial, problems };
  };
  let signedData: SignedDataFacts;
  try {
    signedData = cms instanceof Uint8Array ? parseSignedData(cms, { allowZeroPadding: options.padded }) : cms;
  } catch (error) {
    if (!(error instanceof CmsFormatError)) throw error;
    return failed('CMS_MALFORMED', error.message);
  }
  if (options.contentType !== signedData.encapsulatedContentType || (options.detached && signedData.encapsulatedContent !== undefined)) {
    return failed('CMS_CONTENT_TYPE', `the CMS encapsulates ${signedData.encapsulatedContentType}${signedData.encapsulatedContent ? ' with content' : ''}; expected ${options.detached ? 'detached ' : ''}${options.contentType}`, { signedData });
  }
  if (signedData.signerInfos.length !== 1) {
    return failed('CMS_SIGNER_COUNT', `the CMS has ${signedData.signerInfos.length} SignerInfos; exactly one is allowed`, { signedData });
  }
  const [signerInfo] = signedData.signerInfos;
  const attributes = signerInfo.signedAttributes;
  const partial = { signedData, signerInfo };
  // RFC 5652 5.3: signed attributes may be absent only when the content type is id-data.
  if (!attributes && options.contentType !== OID.data) return failed('CMS_ATTRIBUTES_MALFORMED', 'the SignerInfo has no signed attributes', partial);
  if (attributes) {
    if (attributes.malformed.length > 0) {
      return failed('CMS_ATTRIBUTES_MALFORMED', `signed attributes repeated or multi-valued: ${attributes.malformed.join(', ')}`, partial);
    }
    if (attributes.contentType !== options.contentType) {
      return failed('CMS_CONTENT_TYPE', `content-type attribute is ${attributes.contentType ?? 'missing'}, expected ${options.contentType}`, partial);
    }
  }
  const digestAlgorithm = digestAlgorithmFromOid(signerInfo.digestAlgorithm.oid);
  if (!digestAlgorithm) return failed('ALGORITHM_UNSUPPORTED', `digest algorithm ${signerInfo.digestAlgorithm.oid} is not known`, partial);
  if (attributes && !attributes.messageDigest) return failed('MESSAGE_DIGEST_MISSING', 'the message-digest attribute is missing', partial);

  const certificates = signedData.certificates.map((certificate) => context.addDer(certificate)).filter((c): c is ParsedCertificate => !!c);
  // Revocation data the signer embedded (RFC 5652 crls, RFC 5940 OCSP, Adobe's archival attribute) is validation data too.
  context.addRevocationData(signedData);
  if (attributes?.revocationInfoArchival) context.addRevocationData(attributes.revocationInfoArchival);
  const signer = identifySigner(signerInfo, certificates);
  if (!signer) return failed('SIGNER_CERTIFICATE_NOT_FOUND', 'no certificate in the CMS matches the SignerInfo identifier', partial);

  const scheme = signatureSchemeOf(signerInfo.signatureAlgorithm.oid, signerInfo.signatureAlgorithm.parameters, digestAlgorithm);
  const algorithms: AlgorithmFacts = {
    digest: digestAlgorithm,
    signature: scheme ? schemeName(scheme) : signerInfo.signatureAlgorithm.oid,
    ...(scheme?.digest ? { signatureDigest: scheme.digest } : {}),
    key: publicKeyFacts(signer.subjectPublicKeyInfo),
  };
  const references = attributes?.signingCertificateV2 ?? attributes?.signingCertificateV1;
  const profile: CmsProfileFacts = {
    signedAttributes: !!attributes,
    ...(attributes?.signingTime ? { signingTime: attributes.signingTime.toISOString() } : {}),
    essSigningCertificate: attributes?.signingCertificateV2 ? 'v2' : attributes?.signingCertificateV1 ? 'v1' : 'none',
  };
  const found = { ...partial, signer, algorithms, profile };

  const parts = typeof content === 'function' ? content(signedData) : content;
  let intact = true;
  if (attributes?.messageDigest) {
    const digest = await context.digestContent(digestAlgorithm, parts);
    intact = bytesEqual(digest, attributes.messageDigest);
    if (!intact) problems.push({ code: 'MESSAGE_DIGEST_MISMATCH', detail: `message-digest ${toHex(attributes.messageDigest)} ≠ ${digestAlgorithm} of the signed bytes ${toHex(digest)}` });
  }

  // ESS binding of the signing certificate (RFC 5035): checked whenever present; whether it must be is the profile's question.
  if (references) {
    const [first] = references;
    const algorithm: DigestAlgorithm | undefined = first?.hashAlgorithm;
    const hash = first && algorithm ? await context.certificateDigest(signer, algorithm) : undefined;
    const serialOk = !first?.issuerSerial || first.issuerSerial.serialHex.replace(/^(00)+(?=.)/, '') === signer.serialNumberHex;
    if (!first || !hash || !bytesEqual(hash, first.certHash) || !serialOk) {
      problems.push({ code: 'SIGNING_CERTIFICATE_REFERENCE_MISMATCH', detail: `the ESS signing-certificate does not reference "${signer.subject}"` });
    }
  }

  if (!scheme || !context.crypto.supports(scheme, signer.subjectPublicKeyInfo)) {
    problems.push({ code: 'ALGORITHM_UNSUPPORTED', detail: `signature algorithm ${algorithms.signature} cannot be checked` });
    return { ...found, intact: intact && !!attributes, cryptoValid: false, problems };
  }
  const cryptoValid = await context.crypto
    .verify({
      subjectPublicKeyInfo: signer.subjectPublicKeyInfo,
      algorithmOid: signerInfo.signatureAlgorithm.oid,
      algorithmParameters: signerInfo.signatureAlgorithm.parameters,
      digestAlgorithm,
      // RFC 5652 5.4: with signed attributes the signature covers their DER; without, the content itself.
      data: attributes ? attributes.der : concatBytes(parts),
      signature: signerInfo.signature,
    })
    .catch(() => false);
  if (!cryptoValid) problems.push({ code: 'SIGNATURE_INVALID', detail: `the signature value does not verify with the key of "${signer.subject}"` });
  // Without signed attributes nothing but the signature value binds the content to it.
  if (!attributes) intact = cryptoValid;
  return { ...found, intact, cryptoValid, problems };
}

/**
 * The CMS of a PDF signature by its /SubFilter (ISO 32000-1 12.8.3.3.1): detached over the /ByteRange
 * bytes, or for adbe.pkcs7.sha1 a CMS that encapsulates the SHA-1 digest of those bytes as its content.
 */
export async function checkPdfSignatureCms(context: ValidationContext, der: Uint8Array, byteRange: readonly Uint8Array[], subFilter: string | undefined): Promise<CmsSignatureFacts> {
  if (subFilter !== 'adbe.pkcs7.sha1') return checkCmsSignature(context, der, byteRange, { contentType: OID.data, padded: true, detached: true });
  const cms = await checkCmsSignature(context, der, (signedData) => (signedData.encapsulatedContent ? [signedData.encapsulatedContent] : []), { contentType: OID.data, padded: true, detached: false });
  if (!cms.signer) return cms;
  const encapsulated = cms.signedData?.encapsulatedContent;
  const digest = await context.digestContent('SHA-1', byteRange);
  if (cms.algorithms) cms.algorithms.contentDigest = 'SHA-1';
  if (!encapsulated || !bytesEqual(encapsulated, digest)) {
    cms.intact = false;
    cms.problems.push({ code: 'MESSAGE_DIGEST_MISMATCH', detail: `the encapsulated content ${encapsulated ? toHex(encapsulated) : '(absent)'} ≠ SHA-1 of the signed bytes ${toHex(digest)}` });
  }
  return cms;
}

function identifySigner(signerInfo: SignerInfoFacts, embedded: ParsedCertificate[]): ParsedCertificate | undefined {
  const { issuerAndSerial, subjectKeyIdentifierHex } = signerInfo.sid;
  // Only certificates carried by this CMS may name the signer: the DSS may hold look-alikes.
  return embedded.find((certificate) => {
    if (issuerAndSerial) return bytesEqual(certificate.issuerDer, issuerAndSerial.issuerDer) && toHex(certificate.serialNumberBytes) === issuerAndSerial.serialHex;
    return !!certificate.subjectKeyIdentifier && toHex(certificate.subjectKeyIdentifier) === subjectKeyIdentifierHex;
  });
}
