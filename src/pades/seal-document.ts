/**
 * The organisation's seal: a certification signature (ISO 32000-1, 12.8.2.2 DocMDP; ETSI EN 319 142-1)
 * with the authority's seal certificate in the invisible field `sigill`, P=2 (filling in forms and
 * signing allowed, every other change flagged). It must be the document's first signature.
 */
import { SEAL_FIELD } from '../domain/roles';
import { SigningError } from '../errors';
import { listFields } from '../pdf/acroform';
import { dict, name } from '../pdf/objects';
import { PdfFile } from '../pdf/parser';
import { cadesSignatureEntries, writeCadesUpdate } from './cades-signature';
import { OUR_FIELDS } from './sign-field';
import { isSigned, requireEmptySignatureField } from './signature-fields';
import { writeCatalog } from './signature-update';
import type { SigningContext } from './signer';

export interface SealRequest extends SigningContext {
  /** /M; the clock's time when not given. */
  time?: Date;
  /** /Reason; default "Sigill". */
  reason?: string;
}

export async function sealDocument(pdf: Uint8Array | PdfFile, request: SealRequest): Promise<Buffer> {
  const file = pdf instanceof PdfFile ? pdf : PdfFile.parse(pdf);
  const field = requireEmptySignatureField(file, SEAL_FIELD, OUR_FIELDS);
  // ISO 32000-1, 12.8.2.2.1: a certification signature must be the first signature in the document.
  if (listFields(file).some((other) => other.type === 'Sig' && isSigned(file, other))) {
    throw new SigningError('ERR_SIGNATURE_NOT_PERMITTED', 'The document already has a signature; the seal (a certification signature) must come first', {
      field: SEAL_FIELD,
    });
  }
  const signer = request.authority.seal;
  const time = request.time ?? request.clock.now();
  const docMdp = dict({
    Type: name('SigRef'),
    TransformMethod: name('DocMDP'),
    TransformParams: dict({ Type: name('TransformParams'), P: 2, V: name('1.2') }),
  });
  const entries = cadesSignatureEntries(signer, time, request.reason ?? 'Sigill').set('Reference', [docMdp]);

  return writeCadesUpdate({
    file,
    input: file.bytes,
    signer,
    context: request,
    signatureEntries: entries,
    addObjects(update, signatureRef) {
      update.set(field.ref, field.dict.clone().set('V', signatureRef));
      return writeCatalog(file, update, (catalog) => {
        // ISO 32000-1, Table 258: /Perms /DocMDP names the certification signature's dictionary.
        const perms = file.resolveDict(catalog.get('Perms'))?.clone() ?? dict({});
        catalog.set('Perms', perms.set('DocMDP', signatureRef));
      });
    },
  });
}
