/**
 * What makes a PDF a Justera document whoever laid its pages out: the invisible seal and document
 * timestamp fields around one visible field per required signer (at the widgets the layout placed on
 * the last page), and the metadata (Info, XMP with the `justera:` properties) the verifier reads.
 * Shared by render-extract-pdf.ts (our own extract) and from-pdf.ts (a protocol made elsewhere).
 */
import type { PDFDocument, PDFPage } from 'pdf-lib';
import type { ProtocolMeta } from '../domain/extract';
import { DOCUMENT_TIMESTAMP_FIELD, SEAL_FIELD, requiredSigners } from '../domain/roles';
import type { SubsetFont } from './fonts';
import { formatParagraphs, type FieldItem, type PageItem } from './page-layout';
import type { ArchivalMetadata } from './pdfa';
import { addSignatureFields, type FieldPlacement } from './signature-fields';

const LANGUAGE = 'sv-SE';

/** Adds the seal, signer and document timestamp fields, the signers' widgets where the layout put them. */
export function addJusteraFields(pdf: PDFDocument, lastPage: PDFPage, lastPageItems: readonly PageItem[], extract: ProtocolMeta, font: SubsetFont): void {
  const widgets = new Map(lastPageItems.filter((item): item is FieldItem => item.kind === 'signature-field').map((item) => [item.field, item]));
  const invisible = (name: FieldPlacement['name']): FieldPlacement => ({ name, rect: [0, 0, 0, 0], lock: false });
  const placements: FieldPlacement[] = [
    invisible(SEAL_FIELD),
    ...requiredSigners(extract).map(({ field }): FieldPlacement => {
      const widget = widgets.get(field);
      if (!widget) throw new Error(`layout placed no widget for ${field}`);
      return { name: field, rect: [widget.x, widget.y, widget.x + widget.width, widget.y + widget.height], lock: true };
    }),
    invisible(DOCUMENT_TIMESTAMP_FIELD),
  ];
  addSignatureFields(pdf, lastPage, placements, font);
}

export interface JusteraMetadataOptions {
  /** "Protokollsutdrag" for an extract we lay out, "Protokoll" for one made elsewhere. */
  kind: string;
  verificationCode: string;
  createdAt: Date;
  producer: string;
  idSeed: string;
  /** False when the document cannot be PDF/A-2b (a protocol made elsewhere that is not PDF/A). */
  pdfa: boolean;
}

export function justeraMetadata(extract: ProtocolMeta, options: JusteraMetadataOptions): ArchivalMetadata {
  const signers = Object.fromEntries(requiredSigners(extract).map((s) => [s.field, { name: s.person.name, role: s.role }]));
  const paragraphs = formatParagraphs(extract.paragraphs);
  return {
    title: `${paragraphs} ${extract.title}`,
    author: extract.body,
    subject: `${options.kind}, ${extract.body}, sammanträde ${extract.meetingDate}, ${paragraphs}`,
    language: LANGUAGE,
    creatorTool: 'Justera',
    producer: options.producer,
    createdAt: options.createdAt,
    idSeed: options.idSeed,
    pdfa: options.pdfa,
    justera: {
      body: extract.body,
      meetingDate: extract.meetingDate,
      paragraphs: extract.paragraphs.join(','),
      title: extract.title,
      caseNumber: extract.caseNumber,
      storageLocation: extract.storageLocation,
      immediateAdjustment: extract.immediateAdjustment ? 'True' : 'False',
      verificationCode: options.verificationCode,
      requiredFields: Object.keys(signers).join(','),
      signers: JSON.stringify(signers),
    },
  };
}
