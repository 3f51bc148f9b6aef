/**
 * The small crypto interface the verification engine goes through, so the same engine can run in a
 * browser (WebCrypto) as well as on the server (Node's crypto). No Node-only type appears here.
 */

import type { DigestAlgorithm } from '../asn1/oids';

// The digest names are the OIDs' vocabulary (asn1/oids.ts); the provider's users find them here too.
export type { DigestAlgorithm };

export type KeyType = 'RSA' | 'EC' | 'Ed25519' | 'Ed448';

/** What a signature AlgorithmIdentifier means, decoded (see signature-algorithms.ts). */
export interface SignatureScheme {
  /** 'RSASSA-PKCS1-v1_5', 'RSASSA-PSS', 'ECDSA', 'Ed25519', 'Ed448'. */
  name: 'RSASSA-PKCS1-v1_5' | 'RSASSA-PSS' | 'ECDSA' | 'Ed25519' | 'Ed448';
  keyType: KeyType;
  /** The digest the scheme hashes the data with; undefined for EdDSA, which signs the data itself. */
  digest?: DigestAlgorithm;
  /** RSASSA-PSS parameters (RFC 4055 §3.1). */
  pss?: { mgf1Digest: DigestAlgorithm; saltLength: number };
}

export interface SignatureCheck {
  /** DER SubjectPublicKeyInfo of the key that supposedly made the signature. */
  subjectPublicKeyInfo: Uint8Array;
  /** Signature algorithm OID as it appears in the CMS/X.509 structure (e.g. 1.2.840.10045.4.3.2). */
  algorithmOid: string;
  /** DER of the AlgorithmIdentifier parameters where they matter (RSASSA-PSS), else undefined. */
  algorithmParameters?: Uint8Array;
  /** Digest algorithm to use when the algorithm OID does not name one (rsaEncryption, id-ecPublicKey). */
  digestAlgorithm?: DigestAlgorithm;
  data: Uint8Array;
  signature: Uint8Array;
}

/** A hash fed piece by piece whose state can be copied (Node's Hash; WebCrypto has none). */
export interface IncrementalDigest {
  update(data: Uint8Array): void;
  copy(): IncrementalDigest;
  digest(): Uint8Array;
}

export interface CryptoProvider {
  /** Hashes the concatenation of `parts` (e.g. the two ranges of a /ByteRange) without copying them together. */
  digest(algorithm: DigestAlgorithm, parts: readonly Uint8Array[]): Promise<Uint8Array>;
  /** An incremental hash, where the platform has one (prefix-digests.ts shares one pass over a file with it). */
  startDigest?(algorithm: DigestAlgorithm): IncrementalDigest | undefined;
  /** True when the signature is valid; false for a wrong signature or an unsupported key/algorithm pair. */
  verify(check: SignatureCheck): Promise<boolean>;
  /**
   * Whether `verify` can check this scheme at all, so that "cannot check" (INDETERMINATE) is never
   * reported as "does not verify" (TOTAL_FAILED). The key, where known, matters on platforms that lack
   * some curves (WebCrypto has no brainpool).
   */
  supports(scheme: SignatureScheme, subjectPublicKeyInfo?: Uint8Array): boolean;
}
