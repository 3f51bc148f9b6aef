/**
 * `POST /api/v1/extracts` as multipart/form-data (issue 16): the part `extract` holds the extract JSON
 * (its sections may be left out) and the part `protocol` the protocol PDF made elsewhere. Read through
 * the same bounded form reader as the pages (pages/form-body.ts).
 */
import type { Request } from 'express';
import { MAX_PROTOCOL_PDF_BYTES } from '../../engines/assemble-extract';
import { MAX_EXTRACT_JSON_BYTES } from '../../domain/extract';
import { JusteraError } from '../../errors';
import { formBody, readForm } from '../pages/form-body';

/** The whole body: the largest extract JSON and protocol PDF, and the parts' headers. */
const PROTOCOL_UPLOAD_LIMIT_BYTES = MAX_EXTRACT_JSON_BYTES + MAX_PROTOCOL_PDF_BYTES + 64 * 1024;

export const protocolUploadBody = formBody(`${PROTOCOL_UPLOAD_LIMIT_BYTES}b`);

export function isMultipart(req: Request): boolean {
  return (req.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
}

/** @throws JusteraError ERR_INPUT_INVALID naming the missing part (`extract`, `protocol`) */
export async function readProtocolUpload(req: Request): Promise<{ extractJson: string; protocol: Uint8Array }> {
  const form = await readForm(req);
  const extractJson = form.fields.extract ?? (form.files.extract ? Buffer.from(form.files.extract.bytes).toString('utf8') : undefined);
  if (extractJson === undefined) throw new JusteraError('ERR_INPUT_INVALID', 'the multipart body has no part "extract" with the extract JSON', { field: 'extract' });
  const protocol = form.files.protocol?.bytes;
  if (protocol === undefined) throw new JusteraError('ERR_INPUT_INVALID', 'the multipart body has no file part "protocol" with the protocol PDF', { field: 'protocol' });
  return { extractJson, protocol };
}
