/**
 * What makes the assembled document PDF/A-2 (ISO 19005-2; level A together with the tagging of
 * structure-tree.ts) beyond embedded fonts: the Info dictionary and the XMP saying the same (6.6.3), the
 * sRGB output intent (6.2.3), the trailer /ID (6.1.3), the document language. Deterministic: every date
 * and the /ID come from the caller.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';
import { copiedStream } from './pdf-lib-objects';
import { buildXmp, type XmpProperties } from './xmp';

// sRGB IEC 61966-2.1 v2 profile as shipped by pdfkit (js/data, beside its main file, which is all its
// "exports" map lets us resolve): the colour space of everything we draw (DeviceRGB).
const ICC_PROFILE_FILE = 'sRGB_IEC61966_2_1.icc';
const OUTPUT_CONDITION = 'sRGB IEC61966-2.1';

let compressedIcc: Uint8Array | undefined;

function iccProfile(): Uint8Array {
  compressedIcc ??= new Uint8Array(deflateSync(readFileSync(join(dirname(require.resolve('pdfkit')), 'data', ICC_PROFILE_FILE))));
  return compressedIcc;
}

export interface ArchivalMetadata extends XmpProperties {
  /** Seeds the trailer /ID: the same document gets the same /ID. */
  idSeed: string;
}

export function makeArchival(pdf: PDFDocument, metadata: ArchivalMetadata): void {
  const { context, catalog } = pdf;
  pdf.setTitle(metadata.title, { showInWindowTitleBar: true });
  pdf.setAuthor(metadata.author);
  pdf.setSubject(metadata.subject);
  pdf.setCreator(metadata.creatorTool);
  pdf.setProducer(metadata.producer);
  pdf.setCreationDate(metadata.createdAt);
  pdf.setModificationDate(metadata.createdAt);
  // A protocol made elsewhere keeps its /Lang, the language of its pages; the elements of our signature
  // page carry their own where it differs (structure-join.ts).
  if (!catalog.has(PDFName.of('Lang'))) pdf.setLanguage(metadata.language);

  // 6.6.2.1: the metadata stream is not compressed, so any reader finds the packet.
  const xmp = context.stream(Buffer.from(buildXmp(metadata), 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(PDFName.of('Metadata'), context.register(xmp));

  setId(pdf, metadata.idSeed);
  // A protocol made elsewhere keeps its output intent (from-pdf.ts checks that it is RGB).
  if (catalog.has(PDFName.of('OutputIntents'))) return;
  const profile = context.register(copiedStream(context, iccProfile(), { N: 3, Filter: 'FlateDecode' }));
  const outputIntent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of(OUTPUT_CONDITION),
    Info: PDFString.of(OUTPUT_CONDITION),
    RegistryName: PDFString.of('http://www.color.org'),
    DestOutputProfile: profile,
  });
  catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(outputIntent)]));
}

/** ISO 32000-1, 14.4: both halves equal for a file that has not been updated yet. */
function setId(pdf: PDFDocument, seed: string): void {
  const id = createHash('sha256').update(seed).digest('hex').slice(0, 32).toUpperCase();
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
}
