/**
 * What the document says it is: our XMP properties (namespace https://justera.se/ns/extract/1.0/,
 * prefix justera, docs/documents.md) as simple values, read by src/pdf/xmp.ts (a property matcher, not an
 * RDF parser). Absent or unreadable metadata gives an empty result; it never fails a verification.
 */
import type { PdfFile } from '../../pdf/parser';
import { justeraListProperty, justeraProperty, readMetadataXmp } from '../../pdf/xmp';
import type { DocumentMetadata } from '../model';

const MAX_XMP = 4 * 1024 * 1024;

export function readDocumentMetadata(file: PdfFile, revision: number): DocumentMetadata {
  const xmp = readXmp(file, revision);
  if (xmp === undefined) return {};
  const metadata: DocumentMetadata = {};
  const text = (name: string): string | undefined => justeraProperty(xmp, name);
  const set = <K extends keyof DocumentMetadata>(key: K, value: DocumentMetadata[K] | undefined): void => {
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

/** The XMP text, or undefined when it is absent, too large or cannot be read. */
function readXmp(file: PdfFile, revision: number): string | undefined {
  try {
    return readMetadataXmp(file, revision, MAX_XMP);
  } catch {
    return undefined;
  }
}
