/** The signing engine's public surface: sign a pre-laid field, seal, add a document timestamp. */
export { signField, OUR_FIELDS, type SignFieldRequest } from './sign-field';
export { sealDocument, type SealRequest } from './seal-document';
export { addDocumentTimestamp } from './document-timestamp';
export { readExtractMetadata, type ExtractMetadata } from './extract-metadata';
export type { Signer, SignerCredentials, SignerPerson, SignerSource, SigningAuthority, SigningContext } from './signer';
export { PADES_BASELINE_B, type CommitmentType, type SignedAttributesPolicy } from './signed-attributes-policy';
