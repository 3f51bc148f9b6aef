/**
 * The document's XMP packet (ISO 16684-1) for PDF/A-2a (ISO 19005-2, 6.6) and PDF/UA-1 (ISO 14289-1,
 * 5): the PDF/A and PDF/UA identifications, the Dublin Core, XMP and PDF properties that mirror the Info
 * dictionary, and our own `justera:` properties. PDF/A-2 knows neither `pdfuaid:` nor `justera:`, so
 * the PDF/A extension schemas describe both (6.6.2.3: custom properties must be described in the file
 * itself, or a validator rejects them).
 *
 * Level A (6.8: tagged, Unicode for every glyph, the language stated) rather than B: our documents are
 * tagged throughout, and an archive that reads the identification learns that the text, its order and
 * its language survive, which is what the accessibility rules ask of a published protocol.
 */

export const JUSTERA_XMP_NAMESPACE = 'https://justera.se/ns/extract/1.0/';

export interface XmpProperties {
  title: string;
  /** dc:creator, which PDF/A equates with Info /Author. */
  author: string;
  /** dc:description, equated with Info /Subject. */
  subject: string;
  language: string;
  creatorTool: string;
  producer: string;
  /** Already truncated to whole seconds: the Info dictionary cannot say more. */
  createdAt: Date;
  /**
   * TAGGED_CONFORMANCE (PDF/A-2a and PDF/UA-1) for every document we lay out ourselves. A protocol made
   * elsewhere (from-pdf.ts) claims what its own pages allow: PDF/A-2b at most when it is PDF/A, level A
   * and PDF/UA-1 only when it claims them and our signature page joined its structure tree.
   */
  conformance: XmpConformance;
  /** Our own properties, written in this order; their names and types come from JUSTERA_PROPERTIES. */
  justera: Partial<Record<JusteraProperty, string>>;
}

type XmpValueType = 'Text' | 'Date' | 'Boolean';

/** Every `justera:` property we write, with its XMP value type and the description the extension schema carries. */
export const JUSTERA_PROPERTIES = {
  body: ['Text', 'The deciding body (organ), e.g. a nämnd'],
  meetingDate: ['Date', 'The date of the meeting (sammanträdesdatum)'],
  paragraphs: ['Text', 'The paragraph numbers of the extract, comma-separated'],
  title: ['Text', 'The title of the item of business'],
  caseNumber: ['Text', 'The diarienummer of the case'],
  storageLocation: ['Text', 'Where the signed protocol is kept (förvaringsplats)'],
  immediateAdjustment: ['Boolean', 'True when the paragraph was justerad at the meeting (omedelbar justering)'],
  verificationCode: ['Text', 'The verification code printed on every page'],
  requiredFields: ['Text', 'The signature fields that must all be signed for the justering, comma-separated'],
  signers: ['Text', 'JSON object: signature field name to the invited signer { name, role }'],
} as const satisfies Record<string, readonly [XmpValueType, string]>;

export type JusteraProperty = keyof typeof JUSTERA_PROPERTIES;

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char] ?? char);
}

/** XMP dates (ISO 8601) that say the same instant as the Info dictionary's D:YYYYMMDDHHmmSSZ. */
export function xmpDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const PDFUA_ID_NAMESPACE = 'http://www.aiim.org/pdfua/ns/id/';

interface SchemaDescription {
  schema: string;
  namespaceURI: string;
  prefix: string;
  /** name → [value type, category, description] */
  properties: ReadonlyArray<readonly [string, string, 'internal' | 'external', string]>;
}

const EXTENSION_SCHEMAS: readonly SchemaDescription[] = [
  {
    schema: 'PDF/UA Universal Accessibility Schema',
    namespaceURI: PDFUA_ID_NAMESPACE,
    prefix: 'pdfuaid',
    properties: [['part', 'Integer', 'internal', 'Indicates, which part of ISO 14289 standard is followed']],
  },
  {
    schema: 'Justera protocol extract',
    namespaceURI: JUSTERA_XMP_NAMESPACE,
    prefix: 'justera',
    properties: Object.entries(JUSTERA_PROPERTIES).map(([name, [valueType, description]]) => [name, valueType, 'external', description] as const),
  },
];

function extensionSchema(): string {
  const schemas = EXTENSION_SCHEMAS.map((schema) => {
    const properties = schema.properties
      .map(
        ([name, valueType, category, description]) => `
                <rdf:li rdf:parseType="Resource">
                  <pdfaProperty:name>${name}</pdfaProperty:name>
                  <pdfaProperty:valueType>${valueType}</pdfaProperty:valueType>
                  <pdfaProperty:category>${category}</pdfaProperty:category>
                  <pdfaProperty:description>${escapeXml(description)}</pdfaProperty:description>
                </rdf:li>`,
      )
      .join('');
    return `
          <rdf:li rdf:parseType="Resource">
            <pdfaSchema:schema>${escapeXml(schema.schema)}</pdfaSchema:schema>
            <pdfaSchema:namespaceURI>${schema.namespaceURI}</pdfaSchema:namespaceURI>
            <pdfaSchema:prefix>${schema.prefix}</pdfaSchema:prefix>
            <pdfaSchema:property>
              <rdf:Seq>${properties}
              </rdf:Seq>
            </pdfaSchema:property>
          </rdf:li>`;
  }).join('');
  return `
    <rdf:Description rdf:about=""
        xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
        xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
        xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
      <pdfaExtension:schemas>
        <rdf:Bag>${schemas}
        </rdf:Bag>
      </pdfaExtension:schemas>
    </rdf:Description>`;
}

/** The identification: what a validator and an archive may expect of the file. */
export interface XmpConformance {
  /** PDF/A-2 at this level (ISO 19005-2, 6.8: A is tagged as well), or no PDF/A claim. */
  pdfa?: 'A' | 'B';
  /** PDF/UA-1 (ISO 14289-1). */
  pdfua: boolean;
}

/** What every document we lay out ourselves claims: tagged throughout, so PDF/A-2a and PDF/UA-1. */
export const TAGGED_CONFORMANCE: XmpConformance = { pdfa: 'A', pdfua: true };

function identification(conformance: XmpConformance): string {
  const pdfa = conformance.pdfa
    ? `    <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
      <pdfaid:part>2</pdfaid:part>
      <pdfaid:conformance>${conformance.pdfa}</pdfaid:conformance>
    </rdf:Description>
`
    : '';
  const pdfua = conformance.pdfua
    ? `    <rdf:Description rdf:about="" xmlns:pdfuaid="${PDFUA_ID_NAMESPACE}">
      <pdfuaid:part>1</pdfuaid:part>
    </rdf:Description>
`
    : '';
  return pdfa + pdfua;
}

export function buildXmp(properties: XmpProperties): string {
  const date = xmpDate(properties.createdAt);
  const justera = (Object.keys(JUSTERA_PROPERTIES) as JusteraProperty[])
    .filter((name) => properties.justera[name] !== undefined)
    .map((name) => `\n      <justera:${name}>${escapeXml(properties.justera[name] ?? '')}</justera:${name}>`)
    .join('');
  // The BOM in begin="" marks the packet's encoding (UTF-8), ISO 16684-1, 7.3.2.
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
${identification(properties.conformance)}    <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <dc:format>application/pdf</dc:format>
      <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(properties.title)}</rdf:li></rdf:Alt></dc:title>
      <dc:creator><rdf:Seq><rdf:li>${escapeXml(properties.author)}</rdf:li></rdf:Seq></dc:creator>
      <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(properties.subject)}</rdf:li></rdf:Alt></dc:description>
      <dc:language><rdf:Bag><rdf:li>${escapeXml(properties.language)}</rdf:li></rdf:Bag></dc:language>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
      <xmp:CreateDate>${date}</xmp:CreateDate>
      <xmp:ModifyDate>${date}</xmp:ModifyDate>
      <xmp:MetadataDate>${date}</xmp:MetadataDate>
      <xmp:CreatorTool>${escapeXml(properties.creatorTool)}</xmp:CreatorTool>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
      <pdf:Producer>${escapeXml(properties.producer)}</pdf:Producer>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:justera="${JUSTERA_XMP_NAMESPACE}">${justera}
    </rdf:Description>${extensionSchema()}
  </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`;
}
