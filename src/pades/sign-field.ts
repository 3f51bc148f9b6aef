/**
 * An approval signature (PAdES baseline B-LT, ETSI EN 319 142-1) in one of the pre-laid empty fields:
 * one incremental update with the signature dictionary, the field with /V and its appearance, and the
 * catalog with the DSS. Never a change to page content; never a byte of the input touched.
 */
import { ADJUSTER_FIELDS, CHAIR_FIELD, DOCUMENT_TIMESTAMP_FIELD, SEAL_FIELD } from '../domain/roles';
import { stockholmMinute } from '../domain/stockholm-time';
import { PdfDict, PdfString, dict, name } from '../pdf/objects';
import { PdfFile } from '../pdf/parser';
import { addSignatureAppearance } from './appearance';
import type { RunningSha256 } from './byte-range';
import { cadesSignatureEntries, writeCadesUpdate } from './cades-signature';
import { requireEmptySignatureField, requireSigningPermitted } from './signature-fields';
import { writeCatalog } from './signature-update';
import { resolveSigner, type SignerSource, type SigningContext } from './signer';

/** The appearance's last line for a demonstration signature (SignFieldRequest.demonstration). */
export const DEMONSTRATION_APPEARANCE_LINE = 'DEMO – ingen giltig underskrift';

/** The fields an assembled extract carries; a PDF with none of them is not ours to sign. */
export const OUR_FIELDS: readonly string[] = [SEAL_FIELD, CHAIR_FIELD, ...ADJUSTER_FIELDS, DOCUMENT_TIMESTAMP_FIELD];

export interface SignFieldRequest extends SigningContext {
  /** Full name of the pre-laid field, e.g. `ordforande`. */
  field: string;
  signer: SignerSource;
  /** The role in Swedish ("Ordförande", "Justerare"): /Reason and the appearance's second line. */
  role: string;
  /** /Reason; defaults to the role. */
  reason?: string;
  /** /Location: the body (nämnd) the extract comes from. */
  location?: string;
  /** The claimed signing time (/M and the appearance); the proven time is the timestamp's. */
  claimedTime: Date;
  /**
   * The signature proves nothing (demonstration keys, or the demo login's fictitious persons): the appearance
   * gets the line DEMONSTRATION_APPEARANCE_LINE. The caller decides (src/engines/demonstration-keys.ts).
   */
  demonstration?: boolean;
  /** A SHA-256 over the document so far, to go on from and to cover the output (SignatureUpdateRequest.sha256). */
  sha256?: RunningSha256;
}

/** `pdf` as bytes, or already parsed (signExtractField reads the document first): it is parsed at most once. */
export async function signField(pdf: Uint8Array | PdfFile, request: SignFieldRequest): Promise<Buffer> {
  const file = pdf instanceof PdfFile ? pdf : PdfFile.parse(pdf);
  const field = requireEmptySignatureField(file, request.field, OUR_FIELDS);
  requireSigningPermitted(file);
  const signer = resolveSigner(request.signer, request);

  const entries = cadesSignatureEntries(signer, request.claimedTime, request.reason ?? request.role);
  if (request.location) entries.set('Location', PdfString.fromText(request.location));
  const lock = file.resolveDict(field.dict.get('Lock'));
  if (lock) entries.set('Reference', [fieldMdpReference(file, lock)]);

  return writeCadesUpdate({
    file,
    input: file.bytes,
    signer,
    context: request,
    signatureEntries: entries,
    ...(request.sha256 && { sha256: request.sha256 }),
    addObjects(update, signatureRef) {
      const merged = field.widget.ref.equals(field.ref);
      const widget = (merged ? field.dict : field.widget.dict).clone();
      const rect = file.resolveArray(widget.get('Rect'))?.map((n) => file.resolve(n));
      if (rect?.length === 4 && rect.every((n): n is number => typeof n === 'number') && rect[0] !== rect[2] && rect[1] !== rect[3]) {
        const lines = [signer.displayName, request.role, `Signerat ${stockholmMinute(request.claimedTime)}`];
        if (request.demonstration) lines.push(DEMONSTRATION_APPEARANCE_LINE);
        widget.set('AP', dict({ N: addSignatureAppearance(update, { rect, lines }) }));
      }
      if (merged) {
        update.set(field.ref, widget.set('V', signatureRef));
      } else {
        update.set(field.ref, field.dict.clone().set('V', signatureRef));
        update.set(field.widget.ref, widget);
      }
      return writeCatalog(file, update);
    },
  });
}

/**
 * ISO 32000-1, 12.8.2.4 and Table 253: a FieldMDP reference stating what this signature locks, taken
 * from the field's /Lock (Table 233) so that the signature and the field agree.
 */
function fieldMdpReference(file: PdfFile, lock: PdfDict): PdfDict {
  const params = dict({ Type: name('TransformParams'), Action: lock.get('Action') ?? name('All'), V: name('1.2') });
  const fields = file.resolve(lock.get('Fields'));
  if (fields !== undefined) params.set('Fields', fields);
  const reference = dict({ Type: name('SigRef'), TransformMethod: name('FieldMDP'), TransformParams: params });
  // Table 253 /Data: the object the modification analysis starts from, the catalog.
  const root = file.trailer().getRef('Root');
  if (root) reference.set('Data', root);
  return reference;
}
