/**
 * What makes a PDF a Justera document whoever laid its pages out: the invisible seal and document
 * timestamp fields around one visible field per required signer (at the widgets the layout placed on
 * the last page), and the metadata (Info, XMP with the `justera:` properties) the verifier reads.
 * Shared by render-extract-pdf.ts (our own extract) and from-pdf.ts (a protocol made elsewhere).
 */
import type { PDFDocument, PDFPage } from 'pdf-lib';
import type { ProtocolMeta } from '../domain/extract';
import { DOCUMENT_TIMESTAMP_FIELD, SEAL_FIELD, requiredSigners, roleLabel, signatureFieldDescription } from '../domain/roles';
import type { SubsetFont } from './fonts';
import { formatParagraphs, type ExtractLayout, type FieldItem } from './page-layout';
import type { ArchivalMetadata } from './pdfa';
import { DOCUMENT_TIMESTAMP_FIELD_DESCRIPTION, SEAL_FIELD_DESCRIPTION, addSignatureFields, type FieldPlacement } from './signature-fields';
import { addElement, type StructureElement } from './structure';
import type { TaggedWidget } from './structure-tree';
import type { XmpConformance } from './xmp';

/** The language of everything we write (BCP 47). */
export const DOCUMENT_LANGUAGE = 'sv-SE';

/**
 * Adds the seal, signer and document timestamp fields, the signers' widgets where the layout put them,
 * each with its /Form element in the layout's structure: the invisible fields' elements close the
 * document, since nothing is printed for them. Answers the widgets for the structure tree.
 */
export function addJusteraFields(pdf: PDFDocument, lastPage: PDFPage, layout: ExtractLayout, extract: ProtocolMeta, font: SubsetFont): TaggedWidget[] {
  const lastPageItems = layout.pages[layout.pages.length - 1];
  const widgets = new Map(lastPageItems.filter((item): item is FieldItem => item.kind === 'signature-field').map((item) => [item.field, item]));
  const invisible = (name: FieldPlacement['name'], description: string): [FieldPlacement, StructureElement] => [
    { name, rect: [0, 0, 0, 0], lock: false, description },
    addElement(layout.structure, 'Form'),
  ];
  const fields: Array<[FieldPlacement, StructureElement]> = [
    invisible(SEAL_FIELD, SEAL_FIELD_DESCRIPTION),
    ...requiredSigners(extract).map(({ field, role, person }): [FieldPlacement, StructureElement] => {
      const widget = widgets.get(field);
      if (!widget) throw new Error(`layout placed no widget for ${field}`);
      const rect: FieldPlacement['rect'] = [widget.x, widget.y, widget.x + widget.width, widget.y + widget.height];
      return [{ name: field, rect, lock: true, description: signatureFieldDescription(roleLabel(role), person.name) }, widget.tag];
    }),
    invisible(DOCUMENT_TIMESTAMP_FIELD, DOCUMENT_TIMESTAMP_FIELD_DESCRIPTION),
  ];
  const refs = addSignatureFields(pdf, lastPage, fields.map(([placement]) => placement), font);
  return fields.map(([, element], index) => ({ ref: refs[index], page: lastPage, element }));
}

export interface JusteraMetadataOptions {
  /** "Protokollsutdrag" for an extract we lay out, "Protokoll" for one made elsewhere. */
  kind: string;
  verificationCode: string;
  createdAt: Date;
  producer: string;
  idSeed: string;
  conformance: XmpConformance;
}

export function justeraMetadata(extract: ProtocolMeta, options: JusteraMetadataOptions): ArchivalMetadata {
  const signers = Object.fromEntries(requiredSigners(extract).map((s) => [s.field, { name: s.person.name, role: s.role }]));
  const paragraphs = formatParagraphs(extract.paragraphs);
  return {
    title: `${paragraphs} ${extract.title}`,
    author: extract.body,
    subject: `${options.kind}, ${extract.body}, sammanträde ${extract.meetingDate}, ${paragraphs}`,
    language: DOCUMENT_LANGUAGE,
    creatorTool: 'Justera',
    producer: options.producer,
    createdAt: options.createdAt,
    idSeed: options.idSeed,
    conformance: options.conformance,
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
