/**
 * One signature as one incremental update (ISO 32000-1, 7.5.6 and 12.8): the caller adds the field,
 * appearance, catalog and DSS objects; this module writes the update, fills /ByteRange, has the
 * signature made over the digest and splices it into /Contents. The input is never modified and is
 * checked to be a byte-exact prefix of the output before anything is returned.
 */
import type { DigestAlgorithm } from '../crypto/crypto-provider';
import { PdfFormatError, SigningError } from '../errors';
import { IncrementalUpdate } from '../pdf/incremental-writer';
import type { PdfDict, PdfRef } from '../pdf/objects';
import type { PdfFile } from '../pdf/parser';
import { buildSignaturePlaceholder, digestSignedBytes, fillContents, placeSignature } from './byte-range';
import { addValidationData, type ValidationData } from './dss';
import { setSigFlags } from './signature-fields';

export interface SignatureUpdateRequest {
  file: PdfFile;
  input: Uint8Array;
  /** The signature dictionary's entries but /ByteRange and /Contents. */
  signatureEntries: PdfDict;
  /** First guess of the DER size; a larger signature makes one more attempt with the real size. */
  estimatedSize: number;
  digestAlgorithm: DigestAlgorithm;
  /** Adds every other object of the update (field with /V = signatureRef, appearance, catalog, DSS). */
  addObjects(update: IncrementalUpdate, signatureRef: PdfRef): void;
  /** Makes the DER for /Contents over the digest of the signed bytes. */
  sign(digest: Buffer): Promise<Uint8Array>;
}

/** Margin for the variable parts of a signature (DER lengths, ECDSA's r and s) when retrying. */
const RETRY_MARGIN = 512;

export async function writeSignatureUpdate(request: SignatureUpdateRequest): Promise<Buffer> {
  let capacity = request.estimatedSize;
  for (let attempt = 0; attempt < 2; attempt++) {
    const update = new IncrementalUpdate(request.file);
    const signatureRef = update.allocate();
    const placeholder = buildSignaturePlaceholder(request.signatureEntries, capacity);
    update.setRaw(signatureRef, placeholder.body);
    request.addObjects(update, signatureRef);
    const written = update.write();
    const output = Buffer.from(written.bytes.buffer, written.bytes.byteOffset, written.bytes.length);
    const offset = written.objectOffsets.get(signatureRef.num);
    if (offset === undefined) throw new Error(`The writer gave no offset for signature object ${signatureRef.num}`);
    const placed = placeSignature(output, offset, placeholder);
    const der = await request.sign(digestSignedBytes(output, placed, request.digestAlgorithm));
    if (der.length > capacity) {
      capacity = der.length + RETRY_MARGIN;
      continue;
    }
    fillContents(output, placed, der);
    assertPrefix(request.input, output);
    return output;
  }
  throw new SigningError('ERR_PLACEHOLDER_TOO_SMALL', `The signature did not fit /Contents even with ${capacity} bytes`);
}

function assertPrefix(input: Uint8Array, output: Buffer): void {
  if (output.length <= input.length || output.compare(input, 0, input.length, 0, input.length) !== 0) {
    throw new Error('Invariant broken: the signed output does not start with the exact input bytes');
  }
}

/**
 * The catalog's new version with the DSS merged in and /SigFlags set; `extra` adds entries a signature
 * type needs (the seal's /Perms).
 */
export function writeCatalog(file: PdfFile, update: IncrementalUpdate, validation: ValidationData, extra?: (catalog: PdfDict) => void): void {
  const root = file.trailer().getRef('Root');
  if (!root) throw new PdfFormatError('the trailer has no /Root reference, so the catalog cannot be updated');
  const catalog = file.catalog().clone();
  addValidationData(file, update, catalog, validation);
  setSigFlags(file, update, catalog);
  extra?.(catalog);
  update.set(root, catalog);
}
