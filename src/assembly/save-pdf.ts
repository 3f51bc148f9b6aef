/**
 * How every renderer in this folder writes its document with pdf-lib: a classic xref table and no object
 * streams (the signatures src/pades appends are incremental updates and stay simple), no default page, no
 * regenerated form appearances (the signature fields have their own).
 */
import type { PDFDocument } from 'pdf-lib';

export function savePdf(pdf: PDFDocument): Promise<Uint8Array> {
  // pdf-lib yields to the event loop every 50 objects by default, with a timer each time: CPU and a
  // millisecond of latency per yield for nothing, as the engine runs in a worker of its own.
  return pdf.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Number.POSITIVE_INFINITY });
}
