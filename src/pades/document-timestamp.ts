/**
 * The document timestamp (ETSI EN 319 142-1, 5.4.3; ISO 32000-2, 12.8.5): an RFC 3161 token over the
 * whole file so far, in the invisible field `tidsstampel`, followed by the TSA chain's validation data in
 * the DSS (an update of its own, as for every signature). It raises every earlier signature to PAdES B-LTA.
 */
import { DOCUMENT_TIMESTAMP_FIELD } from '../domain/roles';
import { dict, name } from '../pdf/objects';
import { PdfFile } from '../pdf/parser';
import type { RunningSha256 } from './byte-range';
import { OUR_FIELDS } from './sign-field';
import { requireEmptySignatureField } from './signature-fields';
import { writeCatalog, writeSignatureUpdate } from './signature-update';
import { validationDataFor, type SigningContext } from './signer';
import { issueTimestamp } from '../tsa/timestamper';

/** DER framing of a token beyond what Timestamper.maxTokenSize bounds. */
const TOKEN_MARGIN = 64;

export interface DocumentTimestampRequest extends SigningContext {
  /** A SHA-256 over the document so far, to go on from and to cover the output (SignatureUpdateRequest.sha256). */
  sha256?: RunningSha256;
}

/** `pdf` as bytes, or as parsed (PdfFile.extendedTo after a signature): it is parsed at most once. */
export async function addDocumentTimestamp(pdf: Uint8Array | PdfFile, request: DocumentTimestampRequest): Promise<Buffer> {
  const file = pdf instanceof PdfFile ? pdf : PdfFile.parse(pdf);
  const field = requireEmptySignatureField(file, DOCUMENT_TIMESTAMP_FIELD, OUR_FIELDS);
  const digestAlgorithm = request.digestAlgorithm ?? 'SHA-256';
  const entries = dict({ Type: name('DocTimeStamp'), Filter: name('Adobe.PPKLite'), SubFilter: name('ETSI.RFC3161') });
  return writeSignatureUpdate({
    file,
    input: file.bytes,
    signatureEntries: entries,
    estimatedSize: request.timestamper.maxTokenSize + TOKEN_MARGIN,
    digestAlgorithm,
    ...(request.sha256 && { sha256: request.sha256 }),
    addObjects(update, signatureRef) {
      update.set(field.ref, field.dict.clone().set('V', signatureRef));
      return writeCatalog(file, update);
    },
    sign: async (digest) => {
      const timestamp = await issueTimestamp(request.timestamper, digest, digestAlgorithm);
      // The token is all of /Contents: its own certificates are the ones to gather for.
      return { der: timestamp.token, certificates: [], timestamp };
    },
    validation: (made) => validationDataFor(made, request),
  });
}
