/**
 * XMP at byte level: the catalog's /Metadata stream of a revision (ISO 32000-1, 14.3.2), the simple
 * `justera:` properties in it (namespace https://justera.se/ns/extract/1.0/, docs/documents.md) and the
 * PDF/A and PDF/UA it declares.
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

/** A simple property (`prefix:name`), written as an attribute (x="…" or x='…') or an element (<x>…</x>), trimmed. */
export function xmpProperty(xmp: string, qualifiedName: string): string | undefined {
  const match = new RegExp(`${qualifiedName}(?:\\s*=\\s*(?:"([^"]*)"|'([^']*)')|\\s*>([^<]*)</${qualifiedName}>)`).exec(xmp);
  if (!match) return undefined;
  return decodeXml((match[1] ?? match[2] ?? match[3] ?? '').trim());
}

/** A simple `justera:` property. */
export function justeraProperty(xmp: string, name: string): string | undefined {
  return xmpProperty(xmp, `justera:${name}`);
}

/** The PDF/A (ISO 19005, `pdfaid:`) and PDF/UA (ISO 14289, `pdfuaid:`) a document's XMP declares, e.g. "PDF/A-2b", "PDF/UA-1". */
export function declaredConformance(xmp: string): { pdfa?: string; pdfua?: string } {
  const part = xmpProperty(xmp, 'pdfaid:part');
  const level = xmpProperty(xmp, 'pdfaid:conformance') ?? '';
  const uaPart = xmpProperty(xmp, 'pdfuaid:part');
  return {
    ...(part && /^\d$/.test(part) && { pdfa: `PDF/A-${part}${/^[A-Za-z]$/.test(level) ? level.toLowerCase() : ''}` }),
    ...(uaPart && /^\d$/.test(uaPart) && { pdfua: `PDF/UA-${uaPart}` }),
  };
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
