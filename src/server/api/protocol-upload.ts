/**
 * `POST /api/v1/extracts` as multipart/form-data (issue 16): the part `extract` holds the extract JSON
 * (its sections may be left out), the part `protocol` the protocol PDF made elsewhere, and the optional
 * field `pages` the pages kept for one § justerad on its own ("3-4, 6"). Read through the same bounded
 * form reader as the pages (pages/form-body.ts).
 */
import type { Request } from 'express';
import { MAX_PROTOCOL_PDF_BYTES, parsePageList } from '../../engines/assemble-extract';
import { MAX_EXTRACT_JSON_BYTES } from '../../domain/extract';
import { JusteraError } from '../../errors';
import type { ProtocolUpload } from '../../use-cases/service-context';
import { formBody, readForm } from '../pages/form-body';

/** The whole body: the largest extract JSON and protocol PDF, and the parts' headers. */
const PROTOCOL_UPLOAD_LIMIT_BYTES = MAX_EXTRACT_JSON_BYTES + MAX_PROTOCOL_PDF_BYTES + 64 * 1024;

export const protocolUploadBody = formBody(`${PROTOCOL_UPLOAD_LIMIT_BYTES}b`);

export function isMultipart(req: Request): boolean {
  return (req.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
}

/** The pages picked, from the field `pages` as typed (empty: the whole protocol). @throws InputError naming `pages` */
export function pickedPages(text: string | undefined): Pick<ProtocolUpload, 'pages'> {
  return text === undefined || text.trim() === '' ? {} : { pages: parsePageList(text, 'pages') };
}

/** @throws JusteraError ERR_INPUT_INVALID naming the missing part (`extract`, `protocol`) or a bad `pages` */
export async function readProtocolUpload(req: Request): Promise<{ extractJson: string; protocol: ProtocolUpload }> {
  const form = await readForm(req);
  const extractJson = form.fields.extract ?? (form.files.extract ? Buffer.from(form.files.extract.bytes).toString('utf8') : undefined);
  if (extractJson === undefined) throw new JusteraError('ERR_INPUT_INVALID', 'the multipart body has no part "extract" with the extract JSON', { field: 'extract' });
  const protocol = form.files.protocol?.bytes;
  if (protocol === undefined) throw new JusteraError('ERR_INPUT_INVALID', 'the multipart body has no file part "protocol" with the protocol PDF', { field: 'protocol' });
  return { extractJson, protocol: { pdf: protocol, ...pickedPages(form.fields.pages) } };
}
