/**
 * Extract → tagged PDF/A-2a and PDF/UA-1 with the empty signature fields pre-laid (docs/documents.md,
 * "Field names and roles"). The only place that writes an extract from scratch; later changes are
 * incremental updates by src/pades, which never need to touch the structure tree: every field's /Form
 * element is laid here. Deterministic: the same extract and the same time give the same bytes.
 */
import { PDFDocument } from 'pdf-lib';
import { InputError } from '../errors';
import type { Extract } from '../domain/extract';
import { addPages } from './document-pages';
import { createDocumentFonts, createMeasure, embedDocumentFonts, unprintableCharacter } from './fonts';
import { addJusteraFields, justeraMetadata } from './justera-document';
import { layoutExtract } from './page-layout';
import { makeArchival } from './pdfa';
import { writeStructureTree } from './structure-tree';
import { TAGGED_CONFORMANCE } from './xmp';
import { canonicalExtract, verificationCodeFor } from './verification-code';
import { savePdf } from './save-pdf';

export interface RenderOptions {
  /** The document's creation time (Info and XMP dates, verification code); whole seconds are kept. */
  createdAt: Date;
  /** Where the service answers `/verifiera/<code>`, e.g. https://justera.example.se */
  publicBaseUrl: string;
  /** Defaults to the code derived from the extract and `createdAt` (verificationCodeFor). */
  verificationCode?: string;
}

export const PRODUCER = 'Justera (pdf-lib)';

export function verificationUrl(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/verifiera/${code}`;
}

/** Whole seconds: the PDF date format (ISO 32000-1, 7.9.4) has no fractions, and the XMP must say the same. */
export function documentTime(createdAt: Date): Date {
  return new Date(Math.floor(createdAt.getTime() / 1000) * 1000);
}

/** Refuses text the embedded fonts have no glyph for, naming the field, instead of printing a blank box. */
export function assertPrintable(value: unknown, path: string): void {
  if (typeof value === 'string') {
    const char = unprintableCharacter(value);
    if (char !== undefined) {
      const code = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      throw new InputError(`${path} contains "${char}" (U+${code}), which the document's font cannot print`, { field: path });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => assertPrintable(item, `${path}.${index}`));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) assertPrintable(item, path ? `${path}.${key}` : key);
  }
}

/**
 * Renders the extract. Throws InputError (with `field`) for text the fonts cannot print.
 *
 * @example
 * const pdf = await renderExtractPdf(parseExtract(json), { createdAt: new Date('2023-09-21T16:00:00Z'), publicBaseUrl: 'http://localhost:3000' });
 */
export async function renderExtractPdf(extract: Extract, options: RenderOptions): Promise<Uint8Array> {
  assertPrintable(extract, '');
  const createdAt = documentTime(options.createdAt);
  const canonical = canonicalExtract(extract);
  const code = options.verificationCode ?? verificationCodeFor(extract, createdAt);
  const url = verificationUrl(options.publicBaseUrl, code);
  const seed = `${canonical}\n${createdAt.toISOString()}\n${code}\n${url}`;

  const pdf = await PDFDocument.create({ updateMetadata: false });
  const fonts = createDocumentFonts(pdf.context);
  const layout = layoutExtract(extract, { verificationCode: code, verificationUrl: url, measure: createMeasure() });
  const pages = addPages(pdf, layout.pages, fonts);

  const lastPage = pages[pages.length - 1].page;
  const widgets = addJusteraFields(pdf, lastPage, layout, extract, fonts.regular);
  writeStructureTree(pdf, layout.structure, pages, widgets);
  makeArchival(pdf, justeraMetadata(extract, { kind: 'Protokollsutdrag', verificationCode: code, createdAt, producer: PRODUCER, idSeed: seed, conformance: TAGGED_CONFORMANCE }));

  await embedDocumentFonts(fonts);
  return savePdf(pdf);
}
