/**
 * One signature as one incremental update (ISO 32000-1, 7.5.6 and 12.8): the caller adds the field,
 * appearance and catalog objects; this module writes the update, fills /ByteRange, has the signature
 * made over the digest and splices it into /Contents. The validation data for the signature made then
 * goes into an update of its own after it (ETSI EN 319 142-1, 5.4.2: the DSS with revocation data
 * issued after the signature's time-stamp, and its /VRI entry), written on the bytes in memory without
 * parsing them again. The input is never modified and is checked to be a byte-exact prefix of the output
 * before anything is returned, so a caller stores both updates or neither.
 */
import type { DigestAlgorithm } from '../crypto/crypto-provider';
import { PdfFormatError, SigningError } from '../errors';
import { IncrementalUpdate, type UpdateBase } from '../pdf/incremental-writer';
import type { PdfDict, PdfRef } from '../pdf/objects';
import type { PdfFile } from '../pdf/parser';
import { buildSignaturePlaceholder, digestSignedBytes, fillContents, placeSignature, type PlacedSignature, type RunningSha256 } from './byte-range';
import { addValidationData, vriKey, type ValidationData } from './dss';
import { setSigFlags } from './signature-fields';

/** What signing made: the DER for /Contents, and whatever the caller's validation data is gathered from. */
export interface MadeSignatureDer {
  der: Uint8Array;
}

export interface SignatureUpdateRequest<TMade extends MadeSignatureDer = MadeSignatureDer> {
  file: PdfFile;
  input: Uint8Array;
  /** The signature dictionary's entries but /ByteRange and /Contents. */
  signatureEntries: PdfDict;
  /** First guess of the DER size; a larger signature makes one more attempt with the real size. */
  estimatedSize: number;
  digestAlgorithm: DigestAlgorithm;
  /**
   * Adds every other object of the update (field with /V = signatureRef, appearance, catalog) and returns
   * the catalog as the update leaves it (writeCatalog's answer), which the DSS update after it extends;
   * without `validation` nothing follows and no catalog is needed.
   */
  addObjects(update: IncrementalUpdate, signatureRef: PdfRef): PdfDict | void;
  /** Makes the DER for /Contents over the digest of the signed bytes. */
  sign(digest: Buffer): Promise<TMade>;
  /** The validation data for the signature that fitted, from what making it learned (no DER parsed again). */
  validation?(made: TMade): ValidationData;
  /** A SHA-256 over a prefix of `input`, which the signed-bytes digest goes on from (when SHA-256); it covers the whole output once this returns. */
  sha256?: RunningSha256;
}

/** Margin for the variable parts of a signature (DER lengths, ECDSA's r and s) when retrying. */
const RETRY_MARGIN = 512;

export async function writeSignatureUpdate<TMade extends MadeSignatureDer>(request: SignatureUpdateRequest<TMade>): Promise<Buffer> {
  let capacity = request.estimatedSize;
  for (let attempt = 0; attempt < 2; attempt++) {
    const update = new IncrementalUpdate(request.file);
    const signatureRef = update.allocate();
    const placeholder = buildSignaturePlaceholder(request.signatureEntries, capacity);
    update.setRaw(signatureRef, placeholder.body);
    const catalog = request.addObjects(update, signatureRef);
    const written = update.write();
    const output = Buffer.from(written.bytes.buffer, written.bytes.byteOffset, written.bytes.length);
    const offset = written.objectOffsets.get(signatureRef.num);
    if (offset === undefined) throw new Error(`The writer gave no offset for signature object ${signatureRef.num}`);
    const placed = placeSignature(output, offset, placeholder);
    const running = request.sha256;
    // The bytes past the input are final only once the signature fits: the shared hash goes on from a copy.
    const shared = request.digestAlgorithm === 'SHA-256' ? running?.signedDigest(output, placed) : undefined;
    const made = await request.sign(shared?.digest ?? digestSignedBytes(output, placed, request.digestAlgorithm));
    const { der } = made;
    if (der.length > capacity) {
      capacity = der.length + RETRY_MARGIN;
      continue;
    }
    fillContents(output, placed, der);
    const validation = request.validation?.(made);
    if (validation && !catalog) throw new Error('addObjects must return the catalog when validation data follows the signature');
    const result = validation && catalog ? writeValidationUpdate(request.file, written.next, catalog, validation, contentsOf(output, placed)) : output;
    assertPrefix(request.input, result);
    if (shared) running?.adopt(shared.through);
    running?.advance(result);
    return result;
  }
  throw new SigningError('ERR_PLACEHOLDER_TOO_SMALL', `The signature did not fit /Contents even with ${capacity} bytes`);
}

function assertPrefix(input: Uint8Array, output: Buffer): void {
  if (output.length <= input.length || output.compare(input, 0, input.length, 0, input.length) !== 0) {
    throw new Error('Invariant broken: the signed output does not start with the exact input bytes');
  }
}

/**
 * The update after a signature's: the catalog with the DSS (5.4.2) extended by `data` and the signature's
 * /VRI entry. `file` is the document before the signature, whose DSS the signature's update left as it was.
 */
function writeValidationUpdate(file: PdfFile, base: UpdateBase, catalog: PdfDict, data: ValidationData, contents: Uint8Array): Buffer {
  const update = new IncrementalUpdate(base);
  const extended = catalog.clone();
  addValidationData(file, update, extended, data, vriKey(contents));
  update.set(rootOf(file), extended);
  return update.write().bytes;
}

/** The bytes of the /Contents string as written: the DER and its zero padding. */
function contentsOf(output: Buffer, placed: PlacedSignature): Buffer {
  return Buffer.from(output.toString('latin1', placed.byteRange[1] + 1, placed.byteRange[2] - 1), 'hex');
}

function rootOf(file: PdfFile): PdfRef {
  const root = file.trailer().getRef('Root');
  if (!root) throw new PdfFormatError('the trailer has no /Root reference, so the catalog cannot be updated');
  return root;
}

/**
 * The catalog as a signature's update leaves it: /SigFlags set and the entries a signature type adds
 * (`extra`, the seal's /Perms). Written in `update` only when it changed; the DSS comes in the update after.
 */
export function writeCatalog(file: PdfFile, update: IncrementalUpdate, extra?: (catalog: PdfDict) => void): PdfDict {
  const catalog = file.catalog().clone();
  const flagsChanged = setSigFlags(file, update, catalog);
  extra?.(catalog);
  if (flagsChanged || extra) update.set(rootOf(file), catalog);
  return catalog;
}
