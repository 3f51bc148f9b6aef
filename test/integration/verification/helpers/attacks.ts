/**
 * Attack file generators for the verifier's tests (PADES-NOTES "Known attacks"): byte-level edits of our
 * signed output, incremental updates written with the byte level's own writer, and signatures made with
 * the signing engine's update writer but a CMS of the attacker's choosing.
 */
import { buildSignedData } from '../../../../src/pades/build-signed-data';
import { PADES_BASELINE_B } from '../../../../src/pades/signed-attributes-policy';
import { parseSignedData } from '../../../../src/cms/parse-signed-data';
import { listFields } from '../../../../src/pdf/acroform';
import { IncrementalUpdate } from '../../../../src/pdf/incremental-writer';
import { dict, name, PdfDict, PdfRef, PdfStream, PdfString, type PdfObject } from '../../../../src/pdf/objects';
import { PdfFile } from '../../../../src/pdf/parser';
import { writeSignatureUpdate } from '../../../../src/pades/signature-update';
import { derSequence, derSetOf, readChildren, readElement, elementBytes, tlv } from '../../../../src/asn1/der';
import type { SignerCredentials } from '../../../../src/pades/signer';
import type { Timestamper } from '../../../../src/tsa/timestamper';

/** Replaces the first occurrence of `search` at or after `from` by `replacement` of the same length. */
export function replaceSameLength(bytes: Uint8Array, search: string, replacement: string, from = 0): Uint8Array {
  if (search.length !== replacement.length) throw new Error(`"${replacement}" must have the length of "${search}"`);
  const text = Buffer.from(bytes).toString('latin1');
  const at = text.indexOf(search, from);
  if (at < 0) throw new Error(`"${search}" not found`);
  const out = Buffer.from(bytes);
  out.write(replacement, at, 'latin1');
  return new Uint8Array(out);
}

/** Offset of the signature dictionary of `field` (as the latest revision has it). */
export function signatureDictionaryOffset(bytes: Uint8Array, field: string): number {
  const file = PdfFile.parse(bytes);
  const target = listFields(file).find((candidate) => candidate.name === field);
  const value = target?.dict.get('V');
  if (!(value instanceof PdfRef)) throw new Error(`field ${field} is not signed`);
  return file.getObject(value.num)!.offset!;
}

/** The /ByteRange text of the signature of `field`, e.g. "[0 123 456 789      ]". */
export function byteRangeText(bytes: Uint8Array, field: string): { at: number; text: string; values: number[] } {
  const offset = signatureDictionaryOffset(bytes, field);
  const text = Buffer.from(bytes).toString('latin1');
  const start = text.indexOf('/ByteRange', offset) + '/ByteRange'.length;
  const open = text.indexOf('[', start);
  const close = text.indexOf(']', open);
  const raw = text.slice(open, close + 1);
  return { at: open, text: raw, values: raw.slice(1, -1).trim().split(/\s+/).map(Number) };
}

/** Writes an arbitrary incremental update with a proper xref section. */
export function appendUpdate(bytes: Uint8Array, mutate: (file: PdfFile, update: IncrementalUpdate) => void): Uint8Array {
  const file = PdfFile.parse(bytes);
  const update = new IncrementalUpdate(file);
  mutate(file, update);
  return update.write().bytes;
}

/** An update that makes field `to`'s /V the signature dictionary of field `from`: one dictionary, two fields. */
export function shareSignature(bytes: Uint8Array, from: string, to: string): Uint8Array {
  return appendUpdate(bytes, (file, update) => {
    const fields = listFields(file);
    const source = fields.find((field) => field.name === from)!;
    const target = fields.find((field) => field.name === to)!;
    update.set(target.ref!, target.dict.clone().set('V', source.dict.get('V')!));
  });
}

/** The content stream of page `index` (0-based) with its text replaced, as a new update. */
export function changePageText(bytes: Uint8Array, from: string, to: string): Uint8Array {
  return appendUpdate(bytes, (file, update) => {
    for (const [num] of file.visibleEntries()) {
      const value = file.getObject(num)?.value;
      if (!(value instanceof PdfStream) || value.dict.has('Type') || value.dict.has('Subtype')) continue;
      const data = Buffer.from(file.decodeStream(value)).toString('latin1');
      if (!data.includes('Tj') && !data.includes('TJ')) continue;
      // Our pages draw text as hex glyph ids; a changed operator is enough to change what is shown.
      const changed = data.includes(from) ? data.replace(from, to) : `${data}\nBT /F1 12 Tf 72 72 Td (${to}) Tj ET`;
      update.set(new PdfRef(num, 0), new PdfStream(dict({}), Buffer.from(changed, 'latin1')));
      return;
    }
    throw new Error('no page content stream found');
  });
}

/** A page's dictionary and ref (0-based page index) as of the latest revision. */
export function page(file: PdfFile, index: number): { ref: PdfRef; dict: PdfDict } {
  const kids: PdfRef[] = [];
  const walk = (node: PdfObject | undefined): void => {
    const nodeDict = file.resolveDict(node);
    if (!nodeDict) return;
    if (nodeDict.getName('Type') === 'Pages') for (const kid of file.resolveArray(nodeDict.get('Kids')) ?? []) walk(kid);
    else if (node instanceof PdfRef) kids.push(node);
  };
  walk(file.catalog().get('Pages'));
  return { ref: kids[index], dict: file.resolveDict(kids[index])! };
}

/** Adds an annotation to page 1 (FreeText over the content): the "evil annotation". */
export function addAnnotation(bytes: Uint8Array): Uint8Array {
  return appendUpdate(bytes, (file, update) => {
    const target = page(file, 0);
    const annotation = update.allocate();
    update.set(annotation, dict({
      Type: name('Annot'), Subtype: name('FreeText'), Rect: [72, 600, 520, 700], Contents: PdfString.fromText('Beslutet upphävs'),
      DA: PdfString.fromText('/Helv 24 Tf 1 0 0 rg'), F: 4, P: target.ref,
    }));
    const annots = [...(file.resolveArray(target.dict.get('Annots')) ?? []), annotation];
    update.set(target.ref, target.dict.clone().set('Annots', annots));
  });
}

/** A visible appearance stream drawing `text` (Helvetica, no embedding: enough for a test). */
function appearance(update: IncrementalUpdate, text: string): PdfRef {
  const ref = update.allocate();
  const font = dict({ Type: name('Font'), Subtype: name('Type1'), BaseFont: name('Helvetica') });
  update.set(ref, new PdfStream(
    dict({ Type: name('XObject'), Subtype: name('Form'), BBox: [0, 0, 400, 100], Resources: dict({ Font: dict({ F1: font }) }) }),
    Buffer.from(`1 1 1 rg 0 0 400 100 re f 0 0 0 rg BT /F1 18 Tf 10 40 Td (${text}) Tj ET`, 'latin1'),
  ));
  return ref;
}

export interface SignOptions {
  /** Field to fill; it is created (visible, on page 1) when it does not exist: the "sneaky signature". */
  field: string;
  sign(digest: Buffer): Promise<Uint8Array>;
  subFilter?: string;
  visibleText?: string;
  estimatedSize?: number;
  /** Makes it a certification signature (a /Reference with the DocMDP transform, 12.8.2.2). */
  docMdp?: number;
}

/** A signature by the signing engine's update writer with a CMS of the caller's choosing. */
export async function signWith(bytes: Uint8Array, options: SignOptions): Promise<Uint8Array> {
  const file = PdfFile.parse(bytes);
  const existing = listFields(file).find((candidate) => candidate.name === options.field);
  const entries = dict({
    Type: name('Sig'), Filter: name('Adobe.PPKLite'), SubFilter: name(options.subFilter ?? 'ETSI.CAdES.detached'),
    M: PdfString.fromText('D:20231003073200Z'),
  });
  if (options.docMdp !== undefined) {
    entries.set('Reference', [dict({
      Type: name('SigRef'), TransformMethod: name('DocMDP'), TransformParams: dict({ Type: name('TransformParams'), P: options.docMdp, V: name('1.2') }),
    })]);
  }
  return writeSignatureUpdate({
    file,
    input: bytes,
    signatureEntries: entries,
    estimatedSize: options.estimatedSize ?? 12000,
    digestAlgorithm: 'SHA-256',
    addObjects: (update, signatureRef) => {
      if (existing?.ref) {
        const fieldDict = existing.dict.clone().set('V', signatureRef);
        if (options.visibleText) fieldDict.set('AP', dict({ N: appearance(update, options.visibleText) }));
        update.set(existing.ref, fieldDict);
        return;
      }
      const target = page(file, 0);
      const fieldRef = update.allocate();
      const widget = dict({
        Type: name('Annot'), Subtype: name('Widget'), FT: name('Sig'), T: PdfString.fromText(options.field), V: signatureRef,
        Rect: [72, 600, 472, 700], F: 4, P: target.ref,
      });
      if (options.visibleText) widget.set('AP', dict({ N: appearance(update, options.visibleText) }));
      update.set(fieldRef, widget);
      update.set(target.ref, target.dict.clone().set('Annots', [...(file.resolveArray(target.dict.get('Annots')) ?? []), fieldRef]));
      const catalogRef = file.trailer().getRef('Root')!;
      const catalog = file.catalog();
      const acroFormValue = catalog.get('AcroForm');
      const acroForm = file.resolveDict(acroFormValue)!.clone();
      acroForm.set('Fields', [...(file.resolveArray(acroForm.get('Fields')) ?? []), fieldRef]);
      if (acroFormValue instanceof PdfRef) update.set(acroFormValue, acroForm);
      else update.set(catalogRef, catalog.clone().set('AcroForm', acroForm));
    },
    sign: async (digest) => ({ der: await options.sign(digest) }),
  });
}

/** A CMS over `digest` made by our CMS builder with any credentials and an optional (possibly hostile) timestamper. */
export function cmsSigner(credentials: SignerCredentials, timestamper?: Timestamper): (digest: Buffer) => Promise<Uint8Array> {
  return (digest) => buildSignedData({ signedAttributes: PADES_BASELINE_B, digestAlgorithm: 'SHA-256', contentDigest: digest, signer: credentials, ...(timestamper ? { timestamper } : {}) });
}

/** The same ContentInfo with its one SignerInfo present twice (CMS level attack: several SignerInfos). */
export function duplicateSignerInfo(der: Uint8Array): Uint8Array {
  const contentInfo = readElement(der, 0);
  const [type, explicit] = readChildren(der, contentInfo);
  const [signedData] = readChildren(der, explicit);
  const parts = readChildren(der, signedData);
  const signerInfos = parts[parts.length - 1];
  const [info] = readChildren(der, signerInfos);
  const copy = elementBytes(der, info);
  const rebuilt = derSequence(...parts.slice(0, -1).map((part) => elementBytes(der, part)), derSetOf([copy, copy]));
  return derSequence(elementBytes(der, type), tlv(0xa0, rebuilt));
}

/** The DER in /Contents of the signature of `field` (without padding). */
export function contentsOf(bytes: Uint8Array, field: string): Uint8Array {
  const file = PdfFile.parse(bytes);
  const target = listFields(file).find((candidate) => candidate.name === field);
  const signature = file.resolveDict(target?.dict.get('V'));
  const contents = signature?.get('Contents');
  if (!(contents instanceof PdfString)) throw new Error(`no /Contents in ${field}`);
  return parseSignedData(contents.bytes, { allowZeroPadding: true }).der;
}
