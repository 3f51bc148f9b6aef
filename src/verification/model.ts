/**
 * The verifier's vocabulary: facts gathered from the bytes (per revision, per signature), the ETSI
 * EN 319 102-1 indications the policy derives from them, and the report. Data only, no logic.
 */

/** ETSI EN 319 102-1, 5.1.2: the three main status indications. */
export type Indication = 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';

/** ETSI EN 319 102-1, 5.1.3 (the sub-indications this verifier can reach). */
export type SubIndication =
  | 'FORMAT_FAILURE'
  | 'HASH_FAILURE'
  | 'SIG_CRYPTO_FAILURE'
  | 'REVOKED'
  | 'NO_SIGNING_CERTIFICATE_FOUND'
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'OUT_OF_BOUNDS_NO_POE'
  | 'OUT_OF_BOUNDS_NOT_REVOKED'
  | 'NOT_YET_VALID'
  | 'CHAIN_CONSTRAINTS_FAILURE'
  | 'TIMESTAMP_ORDER_FAILURE'
  | 'SIGNED_DATA_NOT_FOUND'
  | 'CRYPTO_CONSTRAINTS_FAILURE'
  | 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE';

/** How much of the file a signature's /ByteRange covers (after pyHanko's SignatureCoverageLevel). */
export type Coverage = 'ENTIRE_FILE' | 'ENTIRE_REVISION' | 'UNCLEAR';

export type SignatureKind = 'approval' | 'certification' | 'document-timestamp';

export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';

/** What the revisions after a signed revision did. */
export type AfterSigning = 'NOTHING' | 'SIGNATURES_AND_VALIDATION_DATA' | 'ILLEGAL_CHANGES';

/**
 * Stable reason codes: why a check failed. Each maps to a sub-indication in policy.ts and to a
 * sentence in sentences.ts.
 */
export type ReasonCode =
  | 'BYTE_RANGE_MISSING'
  | 'BYTE_RANGE_MALFORMED'
  | 'BYTE_RANGE_NOT_AT_REVISION_END'
  | 'BYTE_RANGE_GAP_NOT_CONTENTS'
  | 'XREF_OUTSIDE_SIGNED_RANGE'
  | 'CONTENTS_MISSING'
  | 'SUBFILTER_UNSUPPORTED'
  | 'SIGNATURE_DICTIONARY_MALFORMED'
  | 'CMS_MALFORMED'
  | 'CMS_SIGNER_COUNT'
  | 'CMS_ATTRIBUTES_MALFORMED'
  | 'CMS_CONTENT_TYPE'
  | 'MESSAGE_DIGEST_MISSING'
  | 'MESSAGE_DIGEST_MISMATCH'
  | 'SIGNER_CERTIFICATE_NOT_FOUND'
  | 'SIGNING_CERTIFICATE_REFERENCE_MISSING'
  | 'SIGNING_CERTIFICATE_REFERENCE_MISMATCH'
  | 'CMS_SIGNING_TIME_PRESENT'
  | 'SIGNATURE_INVALID'
  | 'TIMESTAMP_MALFORMED'
  | 'TIMESTAMP_IMPRINT_MISMATCH'
  | 'TIMESTAMP_SIGNATURE_INVALID'
  | 'TIMESTAMP_UNTRUSTED'
  | 'TIMESTAMP_NOT_FOR_TIMESTAMPING'
  | 'CHAIN_NOT_TRUSTED'
  | 'CHAIN_CONSTRAINTS'
  | 'CERTIFICATE_EXPIRED_NO_POE'
  | 'CERTIFICATE_NOT_YET_VALID'
  | 'CERTIFICATE_REVOKED'
  | 'REVOCATION_UNKNOWN'
  | 'KEY_USAGE'
  | 'DOCMDP_NOT_FIRST'
  | 'DOCMDP_VIOLATION'
  | 'FIELD_LOCKED'
  | 'ILLEGAL_MODIFICATION'
  | 'UNREADABLE_REVISION'
  | 'FILE_TRUNCATED'
  | 'SIGNATURE_REMOVED'
  | 'ALGORITHM_UNSUPPORTED'
  | 'ALGORITHM_WEAK'
  | 'ALGORITHM_EXPIRED';

export interface Reason {
  code: ReasonCode;
  /** Technical detail in English (object numbers, offsets, names). */
  detail?: string;
}

/** pyHanko's ModificationLevel: what a change after a signature amounts to, in increasing order. */
export type ModificationLevel = 'NONE' | 'LTA_UPDATES' | 'FORM_FILLING' | 'ANNOTATIONS' | 'OTHER';

/** A change after a signature that a rule of the difference analysis allowed, with its level. */
export interface ChangeNote {
  revision: number;
  level: ModificationLevel;
  what: string;
  page?: number;
}

/** An object changed after a signature that no rule allows. */
export interface Modification {
  revision: number;
  objectNumber?: number;
  /** What the object is: "Page", "Annot", "content stream", "catalog /Names", ... */
  what: string;
  /** 1-based page number the object belongs to, when it belongs to one. */
  page?: number;
  detail: string;
  /** The rule of the difference analysis that refused the change (src/verification/diff/rules/); absent when none applied. */
  rule?: string;
}

export interface CertificateSummary {
  subject: string;
  issuer: string;
  serialHex: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER, hex. */
  sha256: string;
}

/** A CRL or OCSP response the path validation drew on (reports list it among the validation objects). */
export interface RevocationSummary {
  type: 'CRL' | 'OCSP';
  /** Subject of the CA whose certificate in the path the data is about. */
  issuer: string;
  /** thisUpdate of a CRL, producedAt of an OCSP response. */
  issuedAt: string;
  /** SHA-256 of the DER, hex. */
  sha256: string;
}

export interface ChainFacts {
  /** Signer first, trust anchor last; empty when no path was found. */
  certificates: CertificateSummary[];
  trusted: boolean;
  /** Time the path was validated at (the proven time when a timestamp gives one, else now). */
  validationTime: string;
  problems: Reason[];
  /** True when every certificate but the anchor had revocation data (a CRL) that covers the time. */
  revocationChecked: boolean;
  /** The authentic CRLs and OCSP responses about the certificates of the path, when there were any. */
  revocationData?: RevocationSummary[];
}

/** The algorithms a CMS signature used, as decoded (names, or the OID when unknown), for the crypto policy. */
export interface AlgorithmFacts {
  /** SignerInfo.digestAlgorithm: "SHA-256", or the OID. */
  digest: string;
  /** The signature scheme, e.g. "RSASSA-PSS with SHA-256 (MGF1 SHA-256, salt 32)", or the OID. */
  signature: string;
  /** The hash inside the signature scheme (differs from `digest` e.g. for sha1WithRSAEncryption with SHA-256). */
  signatureDigest?: string;
  key: { type: string; bits?: number; curve?: string };
  /** Message imprint hash of a time-stamp token. */
  imprint?: string;
  /** adbe.pkcs7.sha1: the hash of the /ByteRange bytes that the CMS encapsulates (ISO 32000-1 12.8.3.3.1). */
  contentDigest?: string;
}

/** What the CMS carries that decides its profile (CMS, or PAdES baseline, ETSI EN 319 142-1 6.3). */
export interface CmsProfileFacts {
  signedAttributes: boolean;
  /** CMS signingTime attribute (ISO 8601) when present. */
  signingTime?: string;
  essSigningCertificate: 'v2' | 'v1' | 'none';
}

/** The level a signature reaches and, when it is not PAdES baseline, why (a fact, not a failure). */
export interface SignatureProfile {
  padesBaseline: boolean;
  level: 'PAdES B-B' | 'PAdES B-T' | 'PAdES B-LT' | 'PAdES B-LTA' | 'CMS';
  notes: { sv: string; en: string }[];
}

export interface TimestampFacts {
  /** SHA-256 of the token's DER, hex (absent when the token did not parse). */
  sha256?: string;
  genTime: string;
  tsa: string;
  policy: string;
  serialHex: string;
  imprintMatches: boolean;
  signatureValid: boolean;
  algorithms?: AlgorithmFacts;
  chain?: ChainFacts;
  problems: Reason[];
}

/** How a later update took a signature out of the form (pyHanko and EU DSS still report such a signature). */
export interface RemovedSignature {
  /** 1-based revision that no longer has the signature in the form. */
  revision: number;
  how: 'field-removed' | 'value-removed' | 'value-replaced';
}

export interface SignatureFacts {
  field: string;
  /** Other fields whose /V is this same signature dictionary (it is reported once, under `field`). */
  alsoFields?: string[];
  /** Set when a later revision no longer has this signature in the form. */
  removed?: RemovedSignature;
  /**
   * True when the signature dictionary was found by scanning the bytes, not through a readable xref and
   * form: the file is corrupted or truncated, and the signature cannot be verified.
   */
  salvaged?: boolean;
  fieldObject?: number;
  signatureObject?: number;
  page?: number;
  kind: SignatureKind;
  subFilter?: string;
  /** /M as ISO 8601 when it parses. */
  claimedTime?: string;
  name?: string;
  reason?: string;
  location?: string;
  byteRange?: number[];
  coverage: Coverage;
  /** 1-based revision the signature covers, and the total. */
  revision?: number;
  revisions: number;
  docMdpPermissions?: number;
  /** Signer certificate summary when the CMS could be read. */
  signer?: CertificateSummary;
  /**
   * Names from the signer certificate when present. Its serialNumber is `pseudonym` when it is a Justera
   * signer pseudonym (PSEUDO:…, domain/signer-pseudonym.ts: stands for a person, is no personnummer), else
   * `serialNumber` (a personnummer or another identifier).
   */
  signerNames?: { commonName?: string; givenName?: string; surname?: string; serialNumber?: string; pseudonym?: string; organization?: string };
  integrity: { intact: boolean; cryptoValid: boolean };
  /** SHA-256 of the bytes the /ByteRange covers (the signer's document), hex. */
  signedBytesSha256?: string;
  /** SHA-256 of the CMS SignerInfo's signature value, hex: identifies the signature (ETSI TS 119 102-2 SignatureIdentifier). */
  signatureValueSha256?: string;
  /** Algorithms of the CMS, judged by the crypto policy (algorithm-policy.ts) at the proven time. */
  algorithms?: AlgorithmFacts;
  cms?: CmsProfileFacts;
  timestamp?: TimestampFacts;
  /** Earliest time a timestamp proves the signature existed, with where the proof comes from. */
  provenTime?: { time: string; source: 'signature-timestamp' | 'document-timestamp' | 'this-timestamp'; tsa: string };
  chain?: ChainFacts;
  hasValidationData: boolean;
  after: AfterSigning;
  modifications: Modification[];
  /** What later revisions did that the document permits beyond signatures and validation data (form filling, annotations, metadata). */
  allowedChanges?: ChangeNote[];
  /** Objects added after the signature that nothing refers to (a warning: no viewer shows them). */
  unreferencedAfter?: { count: number; bytes: number };
  problems: Reason[];
}

export interface SignatureResult extends SignatureFacts {
  role?: { field: string; sv: string; en: string };
  level?: PadesLevel;
  profile?: SignatureProfile;
  indication: Indication;
  subIndication?: SubIndication;
  sentence: { sv: string; en: string };
}

export interface DocumentMetadata {
  body?: string;
  meetingDate?: string;
  paragraphs?: string;
  title?: string;
  caseNumber?: string;
  verificationCode?: string;
  requiredFields?: string[];
  signers?: Record<string, { name?: string; role?: string }>;
  /** What the document claims to be, when it claims anything (absent: no PDF/A, no PDF/UA, untagged). */
  format?: DocumentFormat;
}

/**
 * The archival and accessibility formats a revision claims: PDF/A and PDF/UA as its XMP declares them
 * (pdfaid:, pdfuaid:), tagged as its catalog says (/MarkInfo /Marked true with a /StructTreeRoot). Claims
 * read, not conformance checked: an archive that needs proof runs a PDF/A validator (veraPDF) on the file.
 */
export interface DocumentFormat {
  pdfa?: string;
  pdfua?: string;
  tagged: boolean;
}

/** A justering document is one our metadata marks as such; any other PDF is judged by its signatures alone. */
export type DocumentKind = 'justering' | 'other';

export interface JusteringVerdict {
  complete: boolean;
  required: string[];
  signed: string[];
  missing: string[];
  failed: string[];
  sentence: { sv: string; en: string };
}

/** Something the reader tolerated in the file: reported, but it changes no verdict. */
export interface DocumentWarning {
  code: 'XREF_OFFSET_CORRECTED';
  detail: string;
  objectNumber?: number;
  /** 1-based revision whose xref section gives the offset. */
  revision?: number;
  offsetGiven?: number;
  offsetFound?: number;
}

export interface VerificationReport {
  file?: string;
  sha256: string;
  size: number;
  revisions: number;
  metadata: DocumentMetadata;
  signatures: SignatureResult[];
  /** Empty signature fields (name only). */
  unsignedFields: string[];
  /** Problems of the document as a whole (unreadable trailing data, ...). */
  documentProblems: Reason[];
  /** Present when the reader tolerated something (an xref offset a few bytes off its object). */
  documentWarnings?: DocumentWarning[];
  indication: Indication;
  documentKind: DocumentKind;
  /** Only for justering documents. */
  justering?: JusteringVerdict;
  summary: { sv: string; en: string };
  /**
   * Present when a signature's chain ends at a demonstration root (VerifyPdfOptions.demonstrationRoots: the
   * keys-example root, whose private key is public): the signatures then prove nothing, and this says so.
   */
  demonstration?: { keys: true; sv: string; en: string };
  verifiedAt: string;
}
