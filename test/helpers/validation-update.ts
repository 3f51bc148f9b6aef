/**
 * What follows a signature in our output: one update with its validation data (ETSI EN 319 142-1, 5.4.2)
 * and nothing else, so that pdfsig's "signature does not cover the whole document" for the last signature
 * is checked to be about the DSS alone. The signature is found by its /ByteRange (cut out independently
 * of our signing code); the updates are read with our parser.
 */
import { PdfRef, serializeValue } from '../../src/pdf/objects';
import { PdfFile } from '../../src/pdf/parser';
import { extractSignatures } from './openssl';

export interface UpdateAfterSignature {
  /** Index of the revision the signature's /ByteRange ends at. */
  signatureRevision: number;
  /** Whether the update after it is the file's last. */
  last: boolean;
  /** The update after it writes the catalog, changed in /DSS only, and new objects the DSS holds, nothing else. */
  onlyValidationData: boolean;
}

/** For the `index`-th signature of the file (file order; default the last): the update after it, or undefined when none follows. */
export function updateAfterSignature(pdf: Uint8Array, index?: number): UpdateAfterSignature | undefined {
  const signatures = extractSignatures(Buffer.from(pdf));
  const signature = signatures[index ?? signatures.length - 1];
  if (!signature) throw new Error('the file has no signature');
  const [, , contentsEnd, tail] = signature.byteRange;
  const file = PdfFile.parse(pdf);
  const signatureRevision = file.revisions.findIndex((revision) => revision.endOffset === contentsEnd + tail);
  const next = signatureRevision + 1;
  if (signatureRevision < 0 || next >= file.revisions.length) return undefined;
  const root = file.trailer(next).getRef('Root');
  const catalogBefore = file.catalog(signatureRevision).clone();
  const catalogNow = file.catalog(next).clone();
  const dss = file.resolveDict(catalogNow.get('DSS'), next);
  catalogBefore.delete('DSS');
  catalogNow.delete('DSS');
  const before = file.visibleEntries(signatureRevision);
  const held = new Set<number>();
  const hold = (value: unknown): void => {
    if (value instanceof PdfRef) held.add(value.num);
    for (const item of file.resolveArray(value as PdfRef, next) ?? []) if (item instanceof PdfRef) held.add(item.num);
  };
  for (const key of ['Certs', 'CRLs', 'OCSPs']) hold(dss?.get(key));
  const written = [...file.revisions[next]!.entries.keys()].filter((num) => num !== file.revisions[next]!.xrefStreamObjectNumber);
  const onlyValidationData =
    dss !== undefined &&
    serializeValue(catalogBefore) === serializeValue(catalogNow) &&
    written.every((num) => num === root?.num || (held.has(num) && !before.has(num)));
  return { signatureRevision, last: next === file.revisions.length - 1, onlyValidationData };
}
