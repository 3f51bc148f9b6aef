/** Object identifiers used by the PKI, CMS and TSA layers, in one place. Pure. */

/** SHAKE256 is the 512-bit-output instance RFC 8419 §2.3 prescribes as the message digest for Ed448 in CMS. */
export type DigestAlgorithm = 'SHA-1' | 'SHA-224' | 'SHA-256' | 'SHA-384' | 'SHA-512' | 'SHAKE256';

export const OID = {
  // digests (RFC 5754 / NIST)
  sha1: '1.3.14.3.2.26',
  sha224: '2.16.840.1.101.3.4.2.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  shake256: '2.16.840.1.101.3.4.2.12',
  // public keys and signatures
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha1WithRSAEncryption: '1.2.840.113549.1.1.5',
  sha224WithRSAEncryption: '1.2.840.113549.1.1.14',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  sha384WithRSAEncryption: '1.2.840.113549.1.1.12',
  sha512WithRSAEncryption: '1.2.840.113549.1.1.13',
  rsassaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha1: '1.2.840.10045.4.1',
  ecdsaWithSha224: '1.2.840.10045.4.3.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  secp256r1: '1.2.840.10045.3.1.7',
  secp384r1: '1.3.132.0.34',
  secp521r1: '1.3.132.0.35',
  brainpoolP256r1: '1.3.36.3.3.2.8.1.1.7',
  brainpoolP384r1: '1.3.36.3.3.2.8.1.1.11',
  brainpoolP512r1: '1.3.36.3.3.2.8.1.1.13',
  // EdDSA in X.509 and CMS (RFC 8410, RFC 8419)
  ed25519: '1.3.101.112',
  ed448: '1.3.101.113',
  // name attributes (X.520)
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  countryName: '2.5.4.6',
  localityName: '2.5.4.7',
  organizationName: '2.5.4.10',
  organizationalUnitName: '2.5.4.11',
  givenName: '2.5.4.42',
  organizationIdentifier: '2.5.4.97',
  emailAddress: '1.2.840.113549.1.9.1',
  // certificate and CRL extensions (RFC 5280)
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  cRLNumber: '2.5.29.20',
  cRLDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  caIssuers: '1.3.6.1.5.5.7.48.2',
  kpTimeStamping: '1.3.6.1.5.5.7.3.8',
  /** RFC 6960 4.2.2.2: the EKU of a delegated OCSP responder. */
  kpOcspSigning: '1.3.6.1.5.5.7.3.9',
  /** RFC 6960 4.2.1: id-pkix-ocsp-basic, the one response type we read. */
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  /** RFC 5940 4.2: an OCSPResponse in CMS RevocationInfoChoices' OtherRevocationInfoFormat. */
  riOcspResponse: '1.3.6.1.5.5.7.16.2',
  /** Adobe's adbe-revocationInfoArchival signed attribute (ISO 32000-1, 12.8.3.3.2). */
  adbeRevocationInfoArchival: '1.2.840.113583.1.1.8',
  qtCps: '1.3.6.1.5.5.7.2.1',
  qtUserNotice: '1.3.6.1.5.5.7.2.2',
  // CMS (RFC 5652) and ESS (RFC 5035)
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  /** ETSI EN 319 122-1 §5.2.3 / RFC 5126 §5.11.1: id-aa-ets-commitmentType and the six id-cti-ets-* commitments. */
  commitmentType: '1.2.840.113549.1.9.16.2.16',
  ctiProofOfOrigin: '1.2.840.113549.1.9.16.6.1',
  ctiProofOfReceipt: '1.2.840.113549.1.9.16.6.2',
  ctiProofOfDelivery: '1.2.840.113549.1.9.16.6.3',
  ctiProofOfSender: '1.2.840.113549.1.9.16.6.4',
  ctiProofOfApproval: '1.2.840.113549.1.9.16.6.5',
  ctiProofOfCreation: '1.2.840.113549.1.9.16.6.6',
  // RFC 3161
  tstInfo: '1.2.840.113549.1.9.16.1.4',
} as const;

/**
 * Justera's own OID arc. 1.3.6.1.4.1.32473 is the IANA enterprise number reserved for documentation
 * (RFC 5612); it stands in until the project registers its own enterprise number, and every Justera
 * OID derives from this one constant so that change is a one-line edit.
 */
export const JUSTERA_OID_ARC = '1.3.6.1.4.1.32473.1646';

export const JUSTERA_OID = {
  /** Certificate policy of a per-signature signer certificate; its user notice carries the acr (see signer-policy.ts). */
  signerCertificatePolicy: `${JUSTERA_OID_ARC}.1.1`,
  /** Certificate policy of the organisation's seal certificate. */
  sealCertificatePolicy: `${JUSTERA_OID_ARC}.1.2`,
  /** TSA policy of the built-in time-stamping authority (TSTInfo.policy). */
  timestampPolicy: `${JUSTERA_OID_ARC}.2.1`,
} as const;

export const DIGEST_OIDS: Record<DigestAlgorithm, string> = {
  'SHA-1': OID.sha1,
  'SHA-224': OID.sha224,
  'SHA-256': OID.sha256,
  'SHA-384': OID.sha384,
  'SHA-512': OID.sha512,
  'SHAKE256': OID.shake256,
};

export const DIGEST_LENGTHS: Record<DigestAlgorithm, number> = { 'SHA-1': 20, 'SHA-224': 28, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64, 'SHAKE256': 64 };

export function digestAlgorithmFromOid(oid: string): DigestAlgorithm | undefined {
  for (const [name, value] of Object.entries(DIGEST_OIDS)) if (value === oid) return name as DigestAlgorithm;
  return undefined;
}
