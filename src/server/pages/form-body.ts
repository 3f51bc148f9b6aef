/**
 * Reads a posted HTML form (urlencoded or multipart, with at most one file) through the Fetch API's own
 * form parser, so one code path serves both encodings. Bounded: the raw body is read with a size limit.
 */
import express, { type Request, type RequestHandler } from 'express';
import { JusteraError } from '../../errors';
import { fromFrameworkError } from '../http-errors';
import { assertStorable } from '../input-boundary';

export interface PostedForm {
  fields: Record<string, string>;
  /** The uploaded files by field name (empty uploads are left out). */
  files: Record<string, { name: string; bytes: Uint8Array }>;
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/** The raw-body reader for form posts; `limit` bounds the whole request body. */
export function formBody(limit: string): RequestHandler {
  const raw = express.raw({ type: FORM_TYPES, limit });
  return (req, res, next) =>
    raw(req, res, (error?: unknown) => {
      if (!error) return next();
      const type = (error as { type?: string } | null)?.type;
      next(type === 'entity.too.large' ? new JusteraError('ERR_INPUT_TOO_LARGE', `the form is larger than ${limit}`, { field: 'file' }) : (fromFrameworkError(error) ?? error));
    });
}

export async function readForm(req: Request): Promise<PostedForm> {
  const type = req.get('content-type') ?? '';
  if (!Buffer.isBuffer(req.body) || !FORM_TYPES.some((t) => type.toLowerCase().startsWith(t))) {
    throw new JusteraError('ERR_INPUT_INVALID', 'send the form as application/x-www-form-urlencoded or multipart/form-data', { field: 'Content-Type' });
  }
  let data: FormData;
  try {
    data = await new Request('http://form.invalid/', { method: 'POST', headers: { 'content-type': type }, body: Uint8Array.from(req.body) }).formData();
  } catch (cause) {
    throw new JusteraError('ERR_INPUT_INVALID', 'the form could not be read; send it again', { field: 'form', cause });
  }
  const form: PostedForm = { fields: {}, files: {} };
  const files: [string, File][] = [];
  data.forEach((value, name) => {
    if (typeof value === 'string') form.fields[name] = value;
    else if (value.size > 0) files.push([name, value]);
  });
  for (const [name, file] of files) form.files[name] = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  assertStorable(form.fields);
  return form;
}
