/**
 * What the document says it is: our XMP properties (namespace https://justera.se/ns/extract/1.0/,
 * prefix justera, docs/ARCHITECTURE.md) as simple values, read with a property matcher rather than an RDF
 * parser. Absent or unreadable metadata gives an empty result; it never fails a verification.
 */
import { PdfStream } from '../../pdf/objects';
import type { PdfFile } from '../../pdf/parser';
import type { DocumentMetadata } from '../model';

const MAX_XMP = 4 * 1024 * 1024;

export function readDocumentMetadata(file: PdfFile, revision: number): DocumentMetadata {
  let xmp: string;
  try {
    const stream = file.resolve(file.catalog(revision).get('Metadata'), revision);
    if (!(stream instanceof PdfStream)) return {};
    const data = file.decodeStream(stream, revision);
    if (data.length > MAX_XMP) return {};
    xmp = new TextDecoder('utf-8', { fatal: false }).decode(data);
  } catch {
    return {};
  }
  const metadata: DocumentMetadata = {};
  const text = (name: string): string | undefined => property(xmp, name);
  const set = <K extends keyof DocumentMetadata>(key: K, value: DocumentMetadata[K] | undefined): void => {
    if (value !== undefined && value !== '') metadata[key] = value;
  };
  set('body', text('body'));
  set('meetingDate', text('meetingDate'));
  set('paragraphs', text('paragraphs'));
  set('title', text('title'));
  set('caseNumber', text('caseNumber'));
  set('verificationCode', text('verificationCode'));
  const required = text('requiredFields');
  if (required !== undefined) metadata.requiredFields = required.split(',').map((field) => field.trim()).filter(Boolean);
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

/** A simple property, written as an attribute (justera:x="…") or an element (<justera:x>…</justera:x>). */
function property(xmp: string, name: string): string | undefined {
  const match = new RegExp(`justera:${name}(?:\\s*=\\s*"([^"]*)"|\\s*>([^<]*)</justera:${name}>)`).exec(xmp);
  if (!match) return undefined;
  return decodeXml((match[1] ?? match[2] ?? '').trim());
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#')) {
      const code = entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[entity] ?? '';
  });
}
