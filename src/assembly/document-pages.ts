/**
 * Adds laid-out pages to a document: each page gets its content stream (content-stream.ts) and the
 * shared /Resources naming the document's two font subsets. Used by every renderer in this folder.
 */
import { PDFName, type PDFDocument, type PDFPage } from 'pdf-lib';
import { FONT_RESOURCE, pageContent } from './content-stream';
import type { DocumentFonts } from './fonts';
import { PAGE_HEIGHT, PAGE_WIDTH, type PageItem } from './page-layout';

export function addPages(pdf: PDFDocument, pages: readonly (readonly PageItem[])[], fonts: DocumentFonts): PDFPage[] {
  const { context } = pdf;
  const resources = context.obj({ Font: { [FONT_RESOURCE.regular]: fonts.regular.ref, [FONT_RESOURCE.bold]: fonts.bold.ref } });
  return pages.map((items) => {
    const page = pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    page.node.set(PDFName.of('Resources'), resources);
    page.node.set(PDFName.of('Contents'), context.register(context.stream(pageContent(items, fonts), { Filter: 'FlateDecode' })));
    return page;
  });
}
