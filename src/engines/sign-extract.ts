/**
 * Signing one field of an assembled extract, the use case behind `justera sign` and the service: the
 * role and /Location come from the document itself (field name, XMP), and when this signature completes
 * the justering (every required field signed) the document timestamp is appended at once (B-LTA).
 */
import { DOCUMENT_TIMESTAMP_FIELD, SEAL_FIELD, roleLabel, roleOfField } from '../domain/roles';
import { SigningError } from '../errors';
import { listFields } from '../pdf/acroform';
import { PdfFile } from '../pdf/parser';
import { OUR_FIELDS, addDocumentTimestamp, readExtractMetadata, signField, type SignerSource, type SigningContext } from '../pades';
import { RunningSha256 } from '../pades/byte-range';
import { isSigned, requireEmptySignatureField } from '../pades/signature-fields';
import { signsWithDemonstrationKeys } from './demonstration-keys';

export interface SignExtractFieldRequest extends SigningContext {
  field: string;
  signer: SignerSource;
  /** /M and the appearance's time; the clock's time when not given. */
  claimedTime?: Date;
  /** The appearance says DEMO whatever the keys (the demo login); with the demonstration keys it always does. */
  demonstration?: boolean;
}

export interface SignExtractFieldResult {
  pdf: Buffer;
  role: string;
  /** Required fields still unsigned after this signature. */
  remainingFields: string[];
  /** Whether this call also appended the document timestamp. */
  documentTimestamped: boolean;
  /** Where the signature's revisions (the signature and its validation data) end in `pdf`; the document timestamp follows. */
  signedEnd: number;
  /** Hex SHA-256 of `pdf` up to `signedEnd`, and of all of it (the same when no document timestamp followed). */
  signedSha256: string;
  sha256: string;
}

/**
 * Parses the document once: the signature is made on that parse, and the document timestamp on it
 * extended by the signature's updates. Hashes it once too: the revisions' SHA-256 go on from the digests signed.
 */
export async function signExtractField(pdf: Uint8Array, request: SignExtractFieldRequest): Promise<SignExtractFieldResult> {
  const file = PdfFile.parse(pdf);
  requireEmptySignatureField(file, request.field, OUR_FIELDS);
  const role = roleOfField(request.field);
  if (role !== 'chair' && role !== 'adjuster') {
    const why = request.field === SEAL_FIELD || request.field === DOCUMENT_TIMESTAMP_FIELD ? 'it is filled automatically' : 'it belongs to no signer role';
    throw new SigningError('ERR_FIELD_NOT_FOUND', `The field "${request.field}" cannot be signed by a person: ${why}; sign ordforande or a justerare-N field`, {
      field: 'field',
    });
  }
  const metadata = readExtractMetadata(file);
  const required = metadata.requiredFields ?? visibleSignatureFields(file);
  const label = roleLabel(role, 'sv');
  const sha256 = new RunningSha256();
  const signed = await signField(file, {
    ...request,
    role: label,
    ...(metadata.body !== undefined && { location: metadata.body }),
    claimedTime: request.claimedTime ?? request.clock.now(),
    demonstration: request.demonstration === true || signsWithDemonstrationKeys(request.signer, request.authority),
    sha256,
  });
  const signedSha256 = sha256.hex();

  // The signature filled request.field and nothing else: what remains is read from the document before it.
  const fields = listFields(file).filter((field) => field.type === 'Sig');
  const remainingFields = required.filter((name) => name !== request.field && !fields.some((field) => field.name === name && isSigned(file, field)));
  const timestampField = fields.find((field) => field.name === DOCUMENT_TIMESTAMP_FIELD);
  const documentTimestamped = remainingFields.length === 0 && timestampField !== undefined && !isSigned(file, timestampField);
  const output = documentTimestamped ? await addDocumentTimestamp(file.extendedTo(signed), { ...request, sha256 }) : signed;
  return { pdf: output, role: label, remainingFields, documentTimestamped, signedEnd: signed.length, signedSha256, sha256: documentTimestamped ? sha256.hex() : signedSha256 };
}

/** Without our XMP: every visible signature field but the seal and the document timestamp is required. */
function visibleSignatureFields(file: PdfFile): string[] {
  return listFields(file)
    .filter((field) => field.type === 'Sig' && field.name !== SEAL_FIELD && field.name !== DOCUMENT_TIMESTAMP_FIELD)
    .filter((field) => {
      const rect = file.resolveArray(field.widgets[0]?.dict.get('Rect'))?.map((n) => file.resolve(n));
      return rect?.length === 4 && rect[0] !== rect[2] && rect[1] !== rect[3];
    })
    .map((field) => field.name);
}
