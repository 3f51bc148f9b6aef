/**
 * What the seal and the approval signatures share: a signature dictionary with SubFilter
 * ETSI.CAdES.detached (ETSI EN 319 142-1, 5.3; ISO 32000-2, 12.8.3.4) and an update signed by a
 * resolved signer's CMS, followed by the signature's validation data in the catalog's DSS (an update of
 * its own). The callers add their own entries (/Reference, /Location) and objects.
 */
import type { IncrementalUpdate } from '../pdf/incremental-writer';
import { PdfDict, PdfString, dict, name, type PdfRef } from '../pdf/objects';
import type { PdfFile } from '../pdf/parser';
import type { RunningSha256 } from './byte-range';
import { pdfDate } from './pdf-date';
import { writeSignatureUpdate } from './signature-update';
import { estimateCmsSize, makeCms, validationDataFor, type Signer, type SigningContext } from './signer';

/**
 * /Type, /Filter, /SubFilter, /M (the claimed time), /Name and /Reason, in that order; no /Reason when the
 * signer's policy states a commitment type instead (signed-attributes-policy.ts).
 */
export function cadesSignatureEntries(signer: Signer, time: Date, reason: string): PdfDict {
  const entries = dict({
    Type: name('Sig'),
    Filter: name('Adobe.PPKLite'),
    SubFilter: name('ETSI.CAdES.detached'),
    M: PdfString.fromText(pdfDate(time)),
    Name: PdfString.fromText(signer.displayName),
  });
  return signer.signedAttributes.commitmentType ? entries : entries.set('Reason', PdfString.fromText(reason));
}

export interface CadesUpdateRequest {
  file: PdfFile;
  input: Uint8Array;
  signer: Signer;
  context: SigningContext;
  signatureEntries: PdfDict;
  /** Adds the field with /V = signatureRef, its appearance and the catalog (writeCatalog); the DSS follows in the next update. */
  addObjects(update: IncrementalUpdate, signatureRef: PdfRef): PdfDict;
  /** SignatureUpdateRequest.sha256. */
  sha256?: RunningSha256;
}

export function writeCadesUpdate(request: CadesUpdateRequest): Promise<Buffer> {
  const { signer, context } = request;
  return writeSignatureUpdate({
    file: request.file,
    input: request.input,
    signatureEntries: request.signatureEntries,
    estimatedSize: estimateCmsSize(signer, context),
    digestAlgorithm: context.digestAlgorithm ?? 'SHA-256',
    addObjects: request.addObjects,
    ...(request.sha256 && { sha256: request.sha256 }),
    sign: (digest) => makeCms(signer, digest, context),
    validation: (made) => validationDataFor(made, context),
  });
}
