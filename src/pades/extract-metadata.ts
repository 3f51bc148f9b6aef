/**
 * The two facts of our XMP the signing side needs: which fields the justering requires and the body's
 * name (for /Location). The properties are read by src/pdf/xmp.ts.
 */
import type { PdfFile } from '../pdf/parser';
import { justeraListProperty, justeraProperty, readMetadataXmp } from '../pdf/xmp';

export interface ExtractMetadata {
  /** `justera:requiredFields`, when the XMP has it. */
  requiredFields?: string[];
  /** `justera:body`, when the XMP has it. */
  body?: string;
}

export function readExtractMetadata(file: PdfFile): ExtractMetadata {
  const xmp = readMetadataXmp(file);
  if (xmp === undefined) return {};
  const requiredFields = justeraListProperty(xmp, 'requiredFields');
  const body = justeraProperty(xmp, 'body');
  return { ...(requiredFields !== undefined && { requiredFields }), ...(body !== undefined && { body }) };
}
