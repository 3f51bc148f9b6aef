/**
 * Every error leaves the service as `{ "error": { "code", "message", "field"? } }` with the status of
 * error-status.ts. Unexpected errors are logged with their stack and answered 500 without it.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { JusteraError, isJusteraError, type ErrorCode } from '../errors';
import { httpStatusOf } from './error-status';

export interface ErrorBody {
  error: { code: ErrorCode | 'ERR_INTERNAL'; message: string; field?: string };
}

export function sendError(res: Response, status: number, code: ErrorBody['error']['code'], message: string, field?: string): void {
  const body: ErrorBody = { error: { code, message, ...(field === undefined ? {} : { field }) } };
  res.status(status).type('application/json').send(JSON.stringify(body));
}

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
  code?: unknown;
  encoding?: string;
}

/**
 * zlib's errors as body-parser passes them on (status 400, no `type`): Z_DATA_ERROR and Z_BUF_ERROR from
 * gzip and deflate, ERR__ERROR_* from the Brotli and Zstandard decoders.
 */
function isDecompressionError(e: BodyParserError): boolean {
  return e.status === 400 && e.type === undefined && typeof e.code === 'string' && /^(Z_|ERR__)/.test(e.code);
}

/**
 * body-parser and express report their own errors with a `type`; they become our codes. Every body
 * reader of the service (JSON, urlencoded, raw forms and uploads) maps its errors here.
 */
export function fromFrameworkError(error: unknown): JusteraError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as BodyParserError;
  if (e.type === 'entity.too.large') return new JusteraError('ERR_INPUT_TOO_LARGE', `the request body is larger than the limit of ${e.limit ?? '?'} bytes`, { field: 'body' });
  if (e.type === 'entity.parse.failed') return new JusteraError('ERR_INPUT_NOT_JSON', 'the request body is not valid JSON', { field: 'body' });
  if (e.type === 'encoding.unsupported') {
    return new JusteraError('ERR_INPUT_UNSUPPORTED_ENCODING', `Content-Encoding "${e.encoding ?? '?'}" is not supported; send the body uncompressed or as gzip, deflate or br`, { field: 'Content-Encoding' });
  }
  if (isDecompressionError(e)) return new JusteraError('ERR_INPUT_INVALID', 'the request body is not valid data for its Content-Encoding', { field: 'Content-Encoding', cause: error });
  if (e.type === 'charset.unsupported') return new JusteraError('ERR_INPUT_INVALID', 'the request body must be UTF-8 JSON', { field: 'body' });
  return undefined;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = isJusteraError(error) ? error : fromFrameworkError(error);
    if (known) {
      const status = httpStatusOf(known.code);
      if (status >= 500) logger.error({ err: known, path: req.route?.path ?? req.path }, 'request failed');
      sendError(res, status, known.code, known.message, known.field);
      return;
    }
    logger.error({ err: error, path: req.route?.path ?? req.path }, 'unexpected error');
    sendError(res, 500, 'ERR_INTERNAL', 'internal error; the service logged it');
  };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  sendError(res, 404, 'ERR_NOT_FOUND', `no route for ${req.method} ${req.path}`);
};
