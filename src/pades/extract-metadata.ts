/**
 * The two facts of our XMP (namespace https://justera.se/ns/extract/1.0/) the signing side needs: which
 * fields the justering requires and the body's name (for /Location). A simple property reader (simple
 * valued properties as attributes or elements, as XMP allows both), not a general RDF parser.
 */
import { PdfStream } from '../pdf/objects';
import type { PdfFile } from '../pdf/parser';

export interface ExtractMetadata {
  /** `justera:requiredFields`, when the XMP has it. */
  requiredFields?: string[];
  /** `justera:body`, when the XMP has it. */
  body?: string;
}

export function readExtractMetadata(file: PdfFile): ExtractMetadata {
  const stream = file.resolve(file.catalog().get('Metadata') ?? null);
  if (!(stream instanceof PdfStream)) return {};
  const xmp = Buffer.from(file.decodeStream(stream)).toString('utf8');
  const required = xmpProperty(xmp, 'requiredFields');
  const body = xmpProperty(xmp, 'body');
  const metadata: ExtractMetadata = {};
  if (required !== undefined) metadata.requiredFields = required.split(',').map((item) => item.trim()).filter(Boolean);
  if (body !== undefined) metadata.body = body;
  return metadata;
}

function xmpProperty(xmp: string, property: string): string | undefined {
  const pattern = new RegExp(`justera:${property}(?:="([^"]*)"|\\s*>([^<]*)</justera:${property}>)`);
  const match = pattern.exec(xmp);
  if (!match) return undefined;
  return decodeXml((match[1] ?? match[2] ?? '').trim());
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity] ?? '';
  });
}
