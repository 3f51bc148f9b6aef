/**
 * Our XMP properties at byte level: the catalog's /Metadata stream of a revision (ISO 32000-1, 14.3.2) and
 * the simple `justera:` properties in it (namespace https://justera.se/ns/extract/1.0/, docs/documents.md).
 * A property matcher, not an RDF parser: XMP allows a simple value as an attribute or as an element, and
 * we read both. What the values mean (required fields, signers) is the caller's business.
 */
import { PdfStream } from './objects';
import type { PdfFile, Revision } from './parser';

/** The catalog's metadata stream as text (UTF-8, invalid bytes replaced), undefined when there is none or it exceeds `maxBytes` decoded. */
export function readMetadataXmp(file: PdfFile, revision?: number | Revision, maxBytes = Infinity): string | undefined {
  const stream = file.resolve(file.catalog(revision).get('Metadata'), revision);
  if (!(stream instanceof PdfStream)) return undefined;
  const data = file.decodeStream(stream, revision);
  if (data.length > maxBytes) return undefined;
  return new TextDecoder('utf-8', { fatal: false }).decode(data);
}

/** A simple `justera:` property, written as an attribute (justera:x="…") or an element (<justera:x>…</justera:x>), trimmed. */
export function justeraProperty(xmp: string, name: string): string | undefined {
  const match = new RegExp(`justera:${name}(?:\\s*=\\s*"([^"]*)"|\\s*>([^<]*)</justera:${name}>)`).exec(xmp);
  if (!match) return undefined;
  return decodeXml((match[1] ?? match[2] ?? '').trim());
}

/** A comma-separated property (justera:requiredFields) as its non-empty items. */
export function justeraListProperty(xmp: string, name: string): string[] | undefined {
  return justeraProperty(xmp, name)
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** XML's five entities and character references; a reference beyond U+10FFFF becomes nothing. */
function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#')) {
      const code = entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[entity] ?? '';
  });
}
