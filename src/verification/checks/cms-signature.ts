/**
 * ETSI EN 319 102-1 5.2.3 identification of the signing certificate ("ISC") and 5.2.7 cryptographic
 * verification ("CV") of one CMS SignerInfo (RFC 5652, 5.4 and 5.6): message-digest over the signed
 * content, signature over the DER SET of signed attributes, ESS signing-certificate(-v2) binding.
 */
import type { DigestAlgorithm } from '../../crypto/crypto-provider';
import { CmsFormatError, bytesEqual, toHex } from '../../cms/parse-der';
import { digestAlgorithmFromOid, parseSignedData, type SignedDataFacts, type SignerInfoFacts } from '../../cms/parse-signed-data';
import type { ParsedCertificate } from '../../pki/certificate';
import type { Reason } from '../model';
import type { ValidationContext } from '../path/validate-path';

export interface CmsSignatureFacts {
  signedData?: SignedDataFacts;
  signerInfo?: SignerInfoFacts;
  signer?: ParsedCertificate;
  /** The message-digest attribute equals the digest of the signed content. */
  intact: boolean;
  /** The signature value verifies with the signer certificate's key. */
  cryptoValid: boolean;
  problems: Reason[];
}

export interface CmsCheckOptions {
  /** Content type the signed attribute must state (id-data for PDF signatures, id-ct-TSTInfo for tokens). */
  contentType: string;
  /** PAdES (ETSI.CAdES.detached) demands ESS signing-certificate-v2 and no CMS signingTime. */
  pades: boolean;
  /** /Contents is zero-padded. */
  padded: boolean;
  /** A PDF signature's CMS is detached: the signed bytes are the /ByteRange, never content inside the CMS. */
  detached: boolean;
}

export async function checkCmsSignature(
  context: ValidationContext,
  der: Uint8Array,
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
    signedData = parseSignedData(der, { allowZeroPadding: options.padded });
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
  if (!attributes) return failed('CMS_ATTRIBUTES_MALFORMED', 'the SignerInfo has no signed attributes', partial);
  if (attributes.malformed.length > 0) {
    return failed('CMS_ATTRIBUTES_MALFORMED', `signed attributes repeated or multi-valued: ${attributes.malformed.join(', ')}`, partial);
  }
  if (attributes.contentType !== options.contentType) {
    return failed('CMS_CONTENT_TYPE', `content-type attribute is ${attributes.contentType ?? 'missing'}, expected ${options.contentType}`, partial);
  }
  const digestAlgorithm = digestAlgorithmFromOid(signerInfo.digestAlgorithm.oid);
  if (!digestAlgorithm || digestAlgorithm === 'SHA-1') {
    return failed('CMS_DIGEST_ALGORITHM_UNSUPPORTED', `digest algorithm ${signerInfo.digestAlgorithm.oid} is not accepted`, partial);
  }
  if (!attributes.messageDigest) return failed('MESSAGE_DIGEST_MISSING', 'the message-digest attribute is missing', partial);

  const certificates = signedData.certificates.map((certificate) => context.addDer(certificate)).filter((c): c is ParsedCertificate => !!c);
  // Revocation data the signer embedded (RFC 5652 crls, RFC 5940 OCSP, Adobe's archival attribute) is validation data too.
  context.addRevocationData(signedData);
  if (attributes.revocationInfoArchival) context.addRevocationData(attributes.revocationInfoArchival);
  const signer = identifySigner(signerInfo, certificates);
  if (!signer) return failed('SIGNER_CERTIFICATE_NOT_FOUND', 'no certificate in the CMS matches the SignerInfo identifier', partial);

  const parts = typeof content === 'function' ? content(signedData) : content;
  const digest = await context.crypto.digest(digestAlgorithm, parts);
  const intact = bytesEqual(digest, attributes.messageDigest);
  if (!intact) problems.push({ code: 'MESSAGE_DIGEST_MISMATCH', detail: `message-digest ${toHex(attributes.messageDigest)} ≠ ${digestAlgorithm} of the signed bytes ${toHex(digest)}` });

  // ESS binding of the signing certificate (RFC 5035): mandatory in PAdES, checked whenever present.
  const references = attributes.signingCertificateV2 ?? attributes.signingCertificateV1;
  if (!references) {
    if (options.pades) problems.push({ code: 'SIGNING_CERTIFICATE_REFERENCE_MISSING', detail: 'no ESS signing-certificate-v2 attribute' });
  } else {
    const [first] = references;
    const algorithm: DigestAlgorithm | undefined = first?.hashAlgorithm;
    const hash = first && algorithm ? await context.crypto.digest(algorithm, [signer.der]) : undefined;
    const serialOk = !first?.issuerSerial || first.issuerSerial.serialHex.replace(/^(00)+(?=.)/, '') === signer.serialNumberHex;
    if (!first || !hash || !bytesEqual(hash, first.certHash) || !serialOk) {
      problems.push({ code: 'SIGNING_CERTIFICATE_REFERENCE_MISMATCH', detail: `the ESS signing-certificate does not reference "${signer.subject}"` });
    }
  }
  if (options.pades && attributes.signingTime) {
    problems.push({ code: 'CMS_SIGNING_TIME_PRESENT', detail: 'PAdES baseline forbids the CMS signingTime attribute (the claimed time is /M)' });
  }

  const cryptoValid = await context.crypto
    .verify({
      subjectPublicKeyInfo: signer.subjectPublicKeyInfo,
      algorithmOid: signerInfo.signatureAlgorithm.oid,
      algorithmParameters: signerInfo.signatureAlgorithm.parameters,
      digestAlgorithm,
      data: attributes.der,
      signature: signerInfo.signature,
    })
    .catch(() => false);
  if (!cryptoValid) problems.push({ code: 'SIGNATURE_INVALID', detail: `the signature value does not verify with the key of "${signer.subject}"` });
  return { signedData, signerInfo, signer, intact, cryptoValid, problems };
}

function identifySigner(signerInfo: SignerInfoFacts, embedded: ParsedCertificate[]): ParsedCertificate | undefined {
  const { issuerAndSerial, subjectKeyIdentifierHex } = signerInfo.sid;
  // Only certificates carried by this CMS may name the signer: the DSS may hold look-alikes.
  return embedded.find((certificate) => {
    if (issuerAndSerial) return bytesEqual(certificate.issuerDer, issuerAndSerial.issuerDer) && toHex(certificate.serialNumberBytes) === issuerAndSerial.serialHex;
    return !!certificate.subjectKeyIdentifier && toHex(certificate.subjectKeyIdentifier) === subjectKeyIdentifierHex;
  });
}
