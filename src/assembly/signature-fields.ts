/**
 * The empty signature fields, laid out before anyone signs so that a signature later only fills one in
 * (ISO 32000-1, 12.7.4.5 and 12.8): each is a /FT /Sig field merged with its widget on the last page.
 * pdf-lib's form API cannot make an empty signature field, so the dictionaries are built here.
 */
import { deflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFString, type PDFDocument, type PDFPage, type PDFRef } from 'pdf-lib';
import type { FieldName } from '../domain/roles';
import { formatNumber } from './content-stream';
import type { SubsetFont } from './fonts';

export interface FieldPlacement {
  name: FieldName;
  /** [x1 y1 x2 y2]; [0 0 0 0] for an invisible field (the seal, the document timestamp). */
  rect: [number, number, number, number];
  /** Lock the field itself once signed (/Lock, 12.7.4.5): its value can then never be replaced. */
  lock: boolean;
  /**
   * /TU (12.7.3.1), what assistive technology says for the field (PDF/UA-1 7.18.1), e.g. "Signatur:
   * ordförande Johan Nilsson"; src/pades replaces it with the signer and time when a visible field is signed.
   */
  description: string;
}

/** The invisible fields' /TU. */
export const SEAL_FIELD_DESCRIPTION = 'Organisationens sigill';
export const DOCUMENT_TIMESTAMP_FIELD_DESCRIPTION = 'Dokumentets tidsstämpel';

const WAITING_TEXT = 'Väntar på signatur';
const WAITING_SIZE = 8;
/** Print flag only: PDF/A-2 6.3.2 wants every annotation printable and none hidden. */
const ANNOTATION_FLAGS_PRINT = 4;

/**
 * The widget's normal appearance while unsigned: a thin frame and "Väntar på signatur" (PDF/A-2 6.3.3
 * requires an appearance for every visible widget). Signing replaces it with the signer's appearance.
 */
function waitingAppearance(pdf: PDFDocument, font: SubsetFont, width: number, height: number): PDFRef {
  const { context } = pdf;
  if (width === 0 || height === 0) {
    return context.register(context.stream(new Uint8Array(0), { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 0, 0] }));
  }
  const text = font.encode(WAITING_TEXT);
  const textX = (width - font.width(WAITING_TEXT, WAITING_SIZE)) / 2;
  const textY = (height - WAITING_SIZE) / 2 + 1;
  const content = [
    'q 0.6 0.6 0.6 RG 0.75 w',
    `0.375 0.375 ${formatNumber(width - 0.75)} ${formatNumber(height - 0.75)} re S Q`,
    `BT /F0 ${WAITING_SIZE} Tf 0.45 0.45 0.45 rg ${formatNumber(textX)} ${formatNumber(textY)} Td ${text} Tj ET`,
  ].join('\n');
  const stream = context.stream(deflateSync(Buffer.from(content, 'latin1')), {
    Filter: 'FlateDecode',
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, formatNumber(width), formatNumber(height)].map(Number),
    Resources: { Font: { F0: font.ref } },
  });
  return context.register(stream);
}

/** Adds the fields to `page` (its /Annots) and to a new /AcroForm, in the order given; answers their references in that order. */
export function addSignatureFields(pdf: PDFDocument, page: PDFPage, placements: readonly FieldPlacement[], font: SubsetFont): PDFRef[] {
  const { context } = pdf;
  const refs = placements.map((placement) => {
    const [x1, y1, x2, y2] = placement.rect;
    const field = context.obj({
      FT: 'Sig',
      T: PDFString.of(placement.name),
      TU: PDFHexString.fromText(placement.description),
      Type: 'Annot',
      Subtype: 'Widget',
      F: ANNOTATION_FLAGS_PRINT,
      P: page.ref,
      Rect: placement.rect.map((value) => Number(formatNumber(value))),
      AP: { N: waitingAppearance(pdf, font, x2 - x1, y2 - y1) },
    });
    if (placement.lock) {
      field.set(
        PDFName.of('Lock'),
        context.obj({ Type: 'SigFieldLock', Action: 'Include', Fields: [PDFString.of(placement.name)] }),
      );
    }
    return context.register(field);
  });
  page.node.set(PDFName.of('Annots'), context.obj(refs));
  // A protocol made elsewhere may bring its own form (from-pdf.ts): our fields join its /Fields.
  const existing = pdf.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const fields = existing?.lookupMaybe(PDFName.of('Fields'), PDFArray);
  if (existing && fields) {
    for (const ref of refs) fields.push(ref);
    existing.set(PDFName.of('SigFlags'), PDFNumber.of(0));
    return refs;
  }
  // SigFlags 0: no signature exists yet; the signing code sets SignaturesExist and AppendOnly (12.7.2).
  const acroForm = context.obj({ Fields: refs, SigFlags: 0 });
  pdf.catalog.set(PDFName.of('AcroForm'), context.register(acroForm));
  return refs;
}
