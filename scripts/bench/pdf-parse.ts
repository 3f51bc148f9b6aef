/**
 * Byte level: strict parsing of a ~60 KB PDF with 3 revisions (pdf-lib base + two signature-sized
 * incremental updates), alone and with everything a verifier touches (all objects, pages, fields).
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { listFields } from '../../src/pdf/acroform';
import { IncrementalUpdate } from '../../src/pdf/incremental-writer';
import { PdfString, dict, name } from '../../src/pdf/objects';
import { listPages } from '../../src/pdf/pages';
import { PdfFile } from '../../src/pdf/parser';
import { measure, report } from './measure';

async function threeRevisionPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < 3; p++) {
    const page = doc.addPage([595, 842]);
    for (let line = 0; line < 60; line++) page.drawText(`Rad ${line} på sidan ${p + 1}: protokollsutdrag, justering och anslag.`, { x: 40, y: 800 - line * 12, size: 9, font });
  }
  const form = doc.getForm();
  for (const field of ['ordforande', 'justerare-1']) form.createTextField(field).addToPage(doc.getPage(2), { x: 40, y: 40, width: 100, height: 20 });
  let bytes: Buffer = Buffer.from(await doc.save({ useObjectStreams: false }));
  for (let i = 0; i < 2; i++) {
    const file = PdfFile.parse(bytes);
    const update = new IncrementalUpdate(file);
    const sig = update.allocate();
    update.set(sig, dict({ Type: name('Sig'), Contents: PdfString.hexOf(new Uint8Array(12_000).fill(i + 1)), Name: PdfString.fromText('Åsa Öberg') }));
    const catalogRef = file.trailer().getRef('Root')!;
    update.set(catalogRef, file.catalog().clone().set(`Marker${i}`, sig));
    bytes = update.write().bytes;
  }
  return bytes;
}

export async function run(): Promise<void> {
  const bytes = await threeRevisionPdf();
  const label = `${(bytes.length / 1024).toFixed(0)} KB, ${PdfFile.parse(bytes).revisions.length} revisions`;
  report(`pdf: parse structure (${label})`, await measure(() => PdfFile.parse(bytes), 500, 50));
  report(
    `pdf: parse + every object + pages + fields (${label})`,
    await measure(() => {
      const file = PdfFile.parse(bytes);
      file.readAllObjects();
      listPages(file);
      listFields(file);
    }, 500, 50),
  );
}
