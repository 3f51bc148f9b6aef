/**
 * Adds laid-out pages to a document: each page gets its content stream (content-stream.ts) and the
 * shared /Resources naming the document's two font subsets, and answers the elements of its marked
 * content for the structure tree (structure-tree.ts). Used by every renderer in this folder.
 */
import { PDFName, type PDFDocument } from 'pdf-lib';
import { FONT_RESOURCE, pageContent } from './content-stream';
import type { DocumentFonts } from './fonts';
import { copiedStream } from './pdf-lib-objects';
import { PAGE_HEIGHT, PAGE_WIDTH, type PageItem } from './page-layout';
import type { TaggedPage } from './structure-tree';

export function addPages(pdf: PDFDocument, pages: readonly (readonly PageItem[])[], fonts: DocumentFonts): TaggedPage[] {
  const { context } = pdf;
  const resources = context.obj({ Font: { [FONT_RESOURCE.regular]: fonts.regular.ref, [FONT_RESOURCE.bold]: fonts.bold.ref } });
  return pages.map((items) => {
    const page = pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    const { data, marked } = pageContent(items, fonts);
    page.node.set(PDFName.of('Resources'), resources);
    page.node.set(PDFName.of('Contents'), context.register(copiedStream(context, data, { Filter: 'FlateDecode' })));
    return { page, marked };
  });
}
