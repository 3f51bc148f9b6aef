import { PDFDocument } from 'pdf-lib';
import { IncrementalUpdate } from '../../../src/pdf/incremental-writer';
import { PdfDict, PdfRef, PdfStream, dict, name } from '../../../src/pdf/objects';
import { PdfFile } from '../../../src/pdf/parser';
import { addValidationData } from '../../../src/pades/dss';

const certA = Buffer.from('certificate A');
const certB = Buffer.from('certificate B');
const crl = Buffer.from('crl');

async function basePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  return doc.save({ useObjectStreams: false });
}

/** One update that runs addValidationData on the catalog and writes it; returns the new file. */
function withValidationData(bytes: Uint8Array, certificates: Buffer[], crls: Buffer[]): PdfFile {
  const file = PdfFile.parse(bytes);
  const update = new IncrementalUpdate(file);
  const catalog = file.catalog().clone();
  addValidationData(file, update, catalog, { certificates, crls });
  update.set(file.trailer().getRef('Root')!, catalog);
  return PdfFile.parse(update.write().bytes);
}

function contentsOf(file: PdfFile, key: string): string[] {
  const dss = file.resolveDict(file.catalog().get('DSS'))!;
  return (file.resolveArray(dss.get(key)) ?? []).map((entry) => Buffer.from(file.decodeStream(file.resolve(entry) as PdfStream)).toString());
}

describe('addValidationData', () => {
  it('creates /DSS with one stream per certificate and CRL', async () => {
    const file = withValidationData(await basePdf(), [certA], [crl]);
    expect(file.resolveDict(file.catalog().get('DSS'))?.getName('Type')).toBe('DSS');
    expect(contentsOf(file, 'Certs')).toEqual(['certificate A']);
    expect(contentsOf(file, 'CRLs')).toEqual(['crl']);
  });

  it('merges with an existing DSS, keeping its entries and adding no duplicate', async () => {
    const first = withValidationData(await basePdf(), [certA], [crl]);
    const second = withValidationData(first.bytes, [certA, certB, certB], [crl]);
    expect(contentsOf(second, 'Certs')).toEqual(['certificate A', 'certificate B']);
    expect(contentsOf(second, 'CRLs')).toEqual(['crl']);
    // The existing stream is kept by reference, not copied.
    const refsBefore = first.resolveArray(first.resolveDict(first.catalog().get('DSS'))!.get('Certs'))!;
    const refsAfter = second.resolveArray(second.resolveDict(second.catalog().get('DSS'))!.get('Certs'))!;
    expect((refsAfter[0] as PdfRef).equals(refsBefore[0] as PdfRef)).toBe(true);
  });

  it('updates an indirect /DSS in place (same object number) and leaves the catalog entry alone', async () => {
    const base = PdfFile.parse(await basePdf());
    const update = new IncrementalUpdate(base);
    const dssRef = update.allocate();
    const certRef = update.allocate();
    update.set(certRef, new PdfStream(new PdfDict(), certA));
    update.set(dssRef, dict({ Type: name('DSS'), Certs: [certRef], OCSPs: [] }));
    update.set(base.trailer().getRef('Root')!, base.catalog().clone().set('DSS', dssRef));
    const withIndirect = update.write().bytes;

    const file = withValidationData(withIndirect, [certA, certB], []);
    expect(file.catalog().get('DSS')).toEqual(dssRef);
    expect(contentsOf(file, 'Certs')).toEqual(['certificate A', 'certificate B']);
    expect(file.resolveDict(dssRef)?.has('OCSPs')).toBe(true);
  });
});
