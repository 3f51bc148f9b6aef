/**
 * The join of our signature page to a protocol's structure tree (src/assembly/structure-join.ts) on the
 * shapes a producer may leave: a /ParentTree of one /Nums leaf, none at all, keys in use that the
 * /ParentTree does not list, an empty top-level element, a role map that maps a standard type to itself.
 */
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { renderProtocolPdf } from '../../../src/assembly/from-pdf';
import { PdfFile } from '../../../src/pdf/parser';
import { protocolMeta, taggedProtocol } from '../../fixtures/pdf/foreign-protocols';
import { checkTagging, flatten } from '../../helpers/tagged-pdf';

const OPTIONS = { createdAt: new Date('2023-09-21T16:00:00Z'), publicBaseUrl: 'http://localhost:3000', verificationCode: 'ABCD-EFGH' };

/** One pdf-lib page, tagged as a producer that writes a tree but no /ParentTree might: `tree` holds the root's extra entries. */
async function pdfLibProtocol(tree: Record<string, unknown>, annotationStructParent?: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const { context } = doc;
  const rootRef = context.nextRef();
  const documentRef = context.register(context.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: [] }));
  context.assign(rootRef, context.obj({ Type: 'StructTreeRoot', K: documentRef, ...tree }));
  doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  doc.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
  doc.catalog.set(PDFName.of('Lang'), PDFString.of('sv-SE'));
  if (annotationStructParent !== undefined) {
    const link = context.register(context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 10, 10], F: 4, StructParent: annotationStructParent }));
    page.node.set(PDFName.of('Annots'), context.obj([link]));
  }
  return doc.save({ useObjectStreams: false });
}

function parentTree(pdf: Uint8Array): { keys: number[]; nextKey: number | undefined } {
  const file = PdfFile.parse(pdf);
  const root = file.resolveDict(file.catalog().get('StructTreeRoot'))!;
  const nums = file.resolveArray(file.resolveDict(root.get('ParentTree'))?.get('Nums')) ?? [];
  return { keys: nums.filter((_, index) => index % 2 === 0) as number[], nextKey: root.getNumber('ParentTreeNextKey') };
}

it('appends our entries to a /ParentTree of one /Nums leaf, after its key 0', async () => {
  const { pdf, conversion } = await renderProtocolPdf(protocolMeta(), taggedProtocol(), OPTIONS);
  expect(conversion.tagged).toBe(true);
  // Key 0: the protocol's page; 1: our page; 2-5: the four fields' widgets.
  expect(parentTree(pdf)).toEqual({ keys: [0, 1, 2, 3, 4, 5], nextKey: 6 });
  expect(checkTagging(pdf).problems).toEqual([]);
});

it('makes a /ParentTree when the protocol has none, with keys after a /StructParent it uses', async () => {
  const { pdf, conversion } = await renderProtocolPdf(protocolMeta(), await pdfLibProtocol({}, 7), OPTIONS);
  expect(conversion.tagged).toBe(true);
  expect(parentTree(pdf)).toEqual({ keys: [8, 9, 10, 11, 12], nextKey: 13 });
  const { root, problems } = checkTagging(pdf);
  expect(problems).toEqual([]);
  // The empty /Document takes our elements; /Lang is the catalog's, so ours carry none.
  expect(root.type).toBe('Document');
  expect(root.kids[0]?.type).toBe('H1');
  expect(flatten(root).some((node) => node.dict.has('Lang'))).toBe(false);
});

it('joins under a role map that maps a standard type to itself', async () => {
  const { conversion } = await renderProtocolPdf(protocolMeta(), await pdfLibProtocol({ RoleMap: { P: 'P', Stycke: 'P' } }), OPTIONS);
  expect(conversion).toMatchObject({ tagged: true });
  expect(conversion.notJoined).toBeUndefined();
});
