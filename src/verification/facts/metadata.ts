/**
 * What the document says it is: our XMP properties (namespace https://justera.se/ns/extract/1.0/,
 * prefix justera, docs/documents.md) as simple values, read by src/pdf/xmp.ts (a property matcher, not an
 * RDF parser), and the formats it claims (PDF/A, PDF/UA, tagged). Absent or unreadable metadata gives an
 * empty result; it never fails a verification.
 */
import type { PdfFile } from '../../pdf/parser';
import { PdfDict } from '../../pdf/objects';
import { declaredConformance, justeraListProperty, justeraProperty, readMetadataXmp } from '../../pdf/xmp';
import type { DocumentFormat, DocumentMetadata } from '../model';

const MAX_XMP = 4 * 1024 * 1024;

/**
 * The last XMP read of each file and what it says: the verifier reads the metadata of two revisions, and
 * their /Metadata stream is mostly the same one (their results then share the nested values).
 */
const READ = new WeakMap<PdfFile, { xmp: string; conformance: Omit<DocumentFormat, 'tagged'>; properties: XmpProperties }>();

type XmpProperties = Omit<DocumentMetadata, 'format'>;

export function readDocumentMetadata(file: PdfFile, revision: number): DocumentMetadata {
  const xmp = readXmp(file, revision);
  let read = READ.get(file);
  if (xmp !== undefined && read?.xmp !== xmp) {
    read = { xmp, conformance: declaredConformance(xmp), properties: xmpProperties(xmp) };
    READ.set(file, read);
  }
  const fromXmp = xmp === undefined ? undefined : read;
  const format: DocumentFormat = { ...fromXmp?.conformance, tagged: isTagged(file, revision) };
  const claimed = format.pdfa || format.pdfua || format.tagged ? { format } : {};
  return fromXmp ? { ...claimed, ...fromXmp.properties } : claimed;
}

function xmpProperties(xmp: string): XmpProperties {
  const metadata: XmpProperties = {};
  const text = (name: string): string | undefined => justeraProperty(xmp, name);
  const set = <K extends keyof XmpProperties>(key: K, value: XmpProperties[K] | undefined): void => {
    if (value !== undefined && value !== '') metadata[key] = value;
  };
  set('body', text('body'));
  set('meetingDate', text('meetingDate'));
  set('paragraphs', text('paragraphs'));
  set('title', text('title'));
  set('caseNumber', text('caseNumber'));
  set('verificationCode', text('verificationCode'));
  const required = justeraListProperty(xmp, 'requiredFields');
  if (required !== undefined) metadata.requiredFields = required;
  const signers = text('signers');
  if (signers) {
    try {
      const parsed: unknown = JSON.parse(signers);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        const out: NonNullable<DocumentMetadata['signers']> = {};
        for (const [field, value] of Object.entries(parsed as Record<string, unknown>)) {
          if (value && typeof value === 'object') {
            const entry = value as { name?: unknown; role?: unknown };
            out[field] = {
              ...(typeof entry.name === 'string' ? { name: entry.name } : {}),
              ...(typeof entry.role === 'string' ? { role: entry.role } : {}),
            };
          }
        }
        metadata.signers = out;
      }
    } catch {
      // not JSON: reported as absent
    }
  }
  return metadata;
}

function isTagged(file: PdfFile, revision: number): boolean {
  try {
    const catalog = file.catalog(revision);
    const markInfo = file.resolve(catalog.get('MarkInfo'), revision);
    return markInfo instanceof PdfDict && markInfo.get('Marked') === true && file.resolve(catalog.get('StructTreeRoot'), revision) instanceof PdfDict;
  } catch {
    return false;
  }
}

/** The XMP text, or undefined when it is absent, too large or cannot be read. */
function readXmp(file: PdfFile, revision: number): string | undefined {
  try {
    return readMetadataXmp(file, revision, MAX_XMP);
  } catch {
    return undefined;
  }
}
