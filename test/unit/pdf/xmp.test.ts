import { IncrementalUpdate } from '../../../src/pdf/incremental-writer';
import { PdfStream, dict, name } from '../../../src/pdf/objects';
import { PdfFile } from '../../../src/pdf/parser';
import { justeraListProperty, justeraProperty, readMetadataXmp } from '../../../src/pdf/xmp';
import { MINIMAL_BODIES, buildClassicPdf } from '../../fixtures/pdf/sample-pdfs';

const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:justera="https://justera.se/ns/extract/1.0/" justera:body = "Hälso- &amp; sjukvårdsnämnden"
 justera:requiredFields="ordforande, justerare-1,,">
<justera:title> Avtal &#x2014; &#229;tgärd &#x110000; </justera:title>
</rdf:Description></rdf:RDF></x:xmpmeta>`;

/** A file whose second revision adds the XMP, so the first has none. */
function withMetadata(): PdfFile {
  const file = PdfFile.parse(buildClassicPdf(MINIMAL_BODIES));
  const update = new IncrementalUpdate(file);
  const ref = update.allocate();
  update.set(ref, new PdfStream(dict({ Type: name('Metadata'), Subtype: name('XML') }), Buffer.from(XMP, 'utf8')));
  update.set(file.trailer().getRef('Root')!, file.catalog().clone().set('Metadata', ref));
  return PdfFile.parse(update.write().bytes);
}

describe('readMetadataXmp', () => {
  it('reads the catalog\u2019s metadata of the revision asked', () => {
    const file = withMetadata();
    expect(readMetadataXmp(file)).toBe(XMP);
    expect(readMetadataXmp(file, file.latest)).toBe(XMP);
    expect(readMetadataXmp(file, 0)).toBeUndefined();
  });

  it('gives nothing for a stream larger than the limit', () => {
    expect(readMetadataXmp(withMetadata(), undefined, 100)).toBeUndefined();
  });
});

describe('justeraProperty', () => {
  it('reads attributes (with spaces around =) and elements, decoding entities, dropping references beyond U+10FFFF', () => {
    expect(justeraProperty(XMP, 'body')).toBe('Hälso- & sjukvårdsnämnden');
    expect(justeraProperty(XMP, 'title')).toBe('Avtal \u2014 åtgärd ');
    expect(justeraProperty(XMP, 'caseNumber')).toBeUndefined();
  });

  it('splits a comma-separated property into its non-empty items', () => {
    expect(justeraListProperty(XMP, 'requiredFields')).toEqual(['ordforande', 'justerare-1']);
    expect(justeraListProperty(XMP, 'signers')).toBeUndefined();
  });
});
