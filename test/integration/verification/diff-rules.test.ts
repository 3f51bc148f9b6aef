/**
 * Issue 10, items 1 and 2: the graded change analysis. What other software appends after a signature
 * (document information and XMP updates, comments, an iText-style DSS with /Extensions) is cleared by a
 * named rule on a PDF made elsewhere and reported with its level; each honest change has a sneaky twin
 * that is refused, and on our own documents only what our workflow writes may follow a signature.
 */
import { IncrementalUpdate } from '../../../src/pdf/incremental-writer';
import { dict, name, PdfRef, PdfStream, PdfString, type PdfObject } from '../../../src/pdf/objects';
import { listFields } from '../../../src/pdf/acroform';
import { listPages } from '../../../src/pdf/pages';
import { PdfFile } from '../../../src/pdf/parser';
import { signField } from '../../../src/pades';
import type { VerificationReport } from '../../../src/verification/model';
import { pdfLibWithSignatureFields } from '../../fixtures/pdf/sample-pdfs';
import { appendUpdate } from './helpers/attacks';
import { pipeline, verify, type Pipeline } from './helpers/pipeline';
import { signingContextFor } from '../../../src/engines/signing-context';

let p: Pipeline;
let foreign: Uint8Array;

beforeAll(async () => {
  p = await pipeline();
  const context = signingContextFor(p.keys, p.clock);
  const unsigned = await pdfLibWithSignatureFields({ useObjectStreams: false, text: 'Protokoll från ett annat system' });
  foreign = await signField(unsigned, { ...context, field: 'ordforande', signer: { person: { name: 'Anna Andersson' } }, role: 'Ordförande', claimedTime: p.clock.now() });
});

function addAnnotation(bytes: Uint8Array, subtype: string, extra: Record<string, PdfObject> = {}): Uint8Array {
  return appendUpdate(bytes, (file, update) => {
    const pageRef = listPages(file)[0]!;
    const page = file.resolveDict(pageRef)!.clone();
    const appearance = update.allocate();
    update.set(appearance, new PdfStream(dict({ Type: name('XObject'), Subtype: name('Form'), BBox: [0, 0, 200, 20] }), new TextEncoder().encode('0 0 1 rg 0 0 200 20 re f')));
    const annotation = update.allocate();
    update.set(annotation, dict({ Type: name('Annot'), Subtype: name(subtype), Rect: [300, 700, 500, 720], Contents: PdfString.fromText('Kommentar'), AP: dict({ N: appearance }), P: pageRef, ...extra }));
    update.set(pageRef, page.set('Annots', [...(file.resolveArray(page.get('Annots')) ?? []), annotation]));
  });
}

/** Rewrites the trailer's /Info in place with `entries` changed. */
function updateInfo(bytes: Uint8Array, entries: Record<string, string>): Uint8Array {
  return appendUpdate(bytes, (file, update) => {
    const ref = file.trailer().get('Info');
    if (!(ref instanceof PdfRef)) throw new Error('the fixture has no indirect /Info');
    const info = file.resolveDict(ref)!.clone();
    for (const [key, value] of Object.entries(entries)) info.set(key, PdfString.fromText(value));
    update.set(ref, info);
  });
}

function replaceXmp(bytes: Uint8Array, xmp: string): Uint8Array {
  return appendUpdate(bytes, (file, update) => {
    const catalogRef = file.trailer().get('Root') as PdfRef;
    const metadata = update.allocate();
    update.set(metadata, new PdfStream(dict({ Type: name('Metadata'), Subtype: name('XML') }), new TextEncoder().encode(xmp)));
    update.set(catalogRef, file.catalog().clone().set('Metadata', metadata));
  });
}

function only(report: VerificationReport) {
  const signature = report.signatures.find((candidate) => candidate.field === 'ordforande')!;
  return signature;
}

const XMP = '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
  + '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:ModifyDate="2023-10-04T10:00:00+02:00" xmp:MetadataDate="2023-10-04T10:00:00+02:00"/>'
  + '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>';

describe('annotations rule', () => {
  it('clears a FreeText comment added after a signature of a foreign PDF, reported at ANNOTATIONS', async () => {
    const report = await verify(addAnnotation(foreign, 'FreeText'));
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(only(report).allowedChanges).toEqual([{ revision: expect.any(Number), level: 'ANNOTATIONS', what: 'annotation /FreeText added', page: 1 }]);
  });

  it('refuses a Link annotation (a reader follows its action): not markup', async () => {
    const report = await verify(addAnnotation(foreign, 'Link', { A: dict({ S: name('URI'), URI: PdfString.fromText('https://example.invalid/') }) }));
    expect(report.indication).toBe('TOTAL_FAILED');
    expect(only(report).problems.map((problem) => problem.code)).toContain('ILLEGAL_MODIFICATION');
  });

  it('refuses the same comment on our own document (strict profile)', async () => {
    const report = await verify(addAnnotation(p.final, 'FreeText'));
    expect(report.indication).toBe('TOTAL_FAILED');
    expect(only(report).modifications.some((modification) => modification.detail.includes('FreeText'))).toBe(true);
  });
});

describe('signature fields rule: /TU', () => {
  // Signing leaves the pre-laid /TU as it was: it stays true ("Signatur: ordförande Johan Nilsson"), and a
  // validator that counts /TU no part of filling in a field (pyHanko; ISO 32000-1 12.8.2.2) keeps every
  // earlier signature valid. The appearance says who signed and when.
  it('signing keeps the field\'s /TU, and every signature passes', async () => {
    const file = PdfFile.parse(p.final);
    const chair = listFields(file).find((candidate) => candidate.name === 'ordforande')!;
    expect((file.resolve(chair.dict.get('TU')) as PdfString).toText()).toBe('Signatur: ordförande Johan Nilsson');
    const report = await verify(p.final);
    expect(report.signatures.map((s) => s.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED', 'TOTAL_PASSED', 'TOTAL_PASSED']);
  });

  it('refuses a /TU changed in the update that fills the field, on our document too', async () => {
    const rewritten = appendUpdate(p.chairSigned, (file, update) => {
      const field = listFields(file).find((candidate) => candidate.name === 'ordforande')!;
      update.set(field.ref!, field.dict.clone().set('TU', PdfString.fromText('Signatur: ordförande Någon Annan')));
    });
    const report = await verify(rewritten);
    expect(report.signatures.find((s) => s.field === 'ordforande')?.after).toBe('ILLEGAL_CHANGES');
  });
});

describe('document information rule', () => {
  it('clears /ModDate and /Producer updates on a foreign PDF and shows the new values', async () => {
    const report = await verify(updateInfo(foreign, { ModDate: "D:20231004100000+02'00'", Producer: 'Acrobat' }));
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(only(report).allowedChanges?.[0]).toMatchObject({ level: 'FORM_FILLING', what: expect.stringContaining('/Producer "Acrobat"') });
  });

  it('refuses a changed /Title on a foreign PDF: a viewer shows it', async () => {
    const report = await verify(updateInfo(foreign, { Title: 'Ett annat beslut' }));
    expect(report.indication).toBe('TOTAL_FAILED');
    expect(only(report).modifications[0]).toMatchObject({ what: 'document information (/Info)', detail: expect.stringContaining('/Title "Ett annat beslut"') });
  });

  it('refuses an /Info title written after our final document timestamp', async () => {
    const report = await verify(updateInfo(p.final, { Title: 'Ett annat beslut' }));
    expect(report.indication).toBe('TOTAL_FAILED');
    for (const signature of report.signatures) expect(signature.modifications.map((modification) => modification.what)).toContain('document information (/Info)');
  });

  it('refuses even a /ModDate update on our own document', async () => {
    const report = await verify(updateInfo(p.final, { ModDate: "D:20231004100000+02'00'" }));
    expect(report.indication).toBe('TOTAL_FAILED');
  });
});

describe('XMP metadata rule', () => {
  it('clears a new XMP stream on a foreign PDF, with its dates in the report', async () => {
    const report = await verify(replaceXmp(foreign, XMP));
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(only(report).allowedChanges?.[0]).toMatchObject({ level: 'FORM_FILLING', what: expect.stringContaining('xmp:ModifyDate 2023-10-04T10:00:00+02:00') });
  });

  it('refuses new XMP on our document after the final document timestamp', async () => {
    const report = await verify(replaceXmp(p.final, XMP));
    expect(report.indication).toBe('TOTAL_FAILED');
    expect(only(report).modifications.map((modification) => modification.what)).toContain('catalog');
  });

  it('refuses a /Metadata that is not an XML metadata stream', async () => {
    const bytes = appendUpdate(foreign, (file, update) => {
      const catalogRef = file.trailer().get('Root') as PdfRef;
      const stream = update.allocate();
      update.set(stream, new PdfStream(dict({ Subtype: name('Form') }), new TextEncoder().encode('q Q')));
      update.set(catalogRef, file.catalog().clone().set('Metadata', stream));
    });
    expect((await verify(bytes)).indication).toBe('TOTAL_FAILED');
  });
});

describe('catalog entries rule', () => {
  it('clears an iText-style DSS update with /Extensions /ADBE on our document and on a foreign one (LTA_UPDATES)', async () => {
    for (const bytes of [p.final, foreign]) {
      const updated = appendUpdate(bytes, (file, update) => {
        const catalogRef = file.trailer().get('Root') as PdfRef;
        const extensions = dict({ ADBE: dict({ BaseVersion: name('1.7'), ExtensionLevel: 5 }) });
        update.set(catalogRef, file.catalog().clone().set('Extensions', extensions));
      });
      const report = await verify(updated);
      expect(report.indication).toBe('TOTAL_PASSED');
      expect(only(report).allowedChanges).toContainEqual(expect.objectContaining({ level: 'LTA_UPDATES', what: 'catalog /Extensions updated' }));
    }
  });

  it('refuses a /Version lowered after signing', async () => {
    const updated = appendUpdate(foreign, (file, update) => {
      const catalogRef = file.trailer().get('Root') as PdfRef;
      update.set(catalogRef, file.catalog().clone().set('Version', name('1.0')).set('Extensions', dict({})));
    });
    const lowered = appendUpdate(updated, (file, update) => {
      const catalogRef = file.trailer().get('Root') as PdfRef;
      update.set(catalogRef, file.catalog().clone().set('Version', name('0.9')));
    });
    expect((await verify(updated)).indication).toBe('TOTAL_PASSED');
    expect((await verify(lowered)).indication).toBe('TOTAL_FAILED');
  });
});

it('reports objects appended after a signature that nothing refers to as a warning, with count and size', async () => {
  const bytes = appendUpdate(foreign, (_file, update: IncrementalUpdate) => {
    update.set(update.allocate(), dict({ Orphan: PdfString.fromText('nobody refers to me') }));
  });
  const report = await verify(bytes);
  expect(report.indication).toBe('TOTAL_PASSED');
  expect(only(report).unreferencedAfter).toEqual({ count: 1, bytes: expect.any(Number) });
  expect(only(report).unreferencedAfter!.bytes).toBeGreaterThan(20);
});

it('a foreign PDF with 100 comment revisions after its signature still verifies', async () => {
  let bytes = foreign;
  for (let i = 0; i < 100; i++) bytes = addAnnotation(bytes, 'Text');
  const report = await verify(bytes);
  expect(PdfFile.parse(bytes).revisions.length).toBeGreaterThan(100);
  expect(report.indication).toBe('TOTAL_PASSED');
  expect(only(report).allowedChanges).toHaveLength(100);
});
