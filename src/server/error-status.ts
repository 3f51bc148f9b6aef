/**
 * ErrorCode → HTTP status, in one table (as fastify's lib/errors.js keeps code and status together).
 * A code that is not listed is a server-side failure (500) unless its family says otherwise.
 */
import type { ErrorCode } from '../errors';

const statusByCode: Partial<Record<ErrorCode, number>> = {
  ERR_INPUT_INVALID: 400,
  ERR_INPUT_NOT_JSON: 400,
  ERR_INPUT_TOO_LARGE: 413,
  ERR_INPUT_UNSUPPORTED_ENCODING: 415,
  ERR_INPUT_NOT_PDF: 415,
  ERR_INPUT_MEDIA_TYPE: 415,
  ERR_USAGE: 400,
  ERR_FILE_UNREADABLE: 400,
  ERR_PDF_MALFORMED: 422,
  ERR_PDF_LIMIT_EXCEEDED: 413,
  ERR_PDF_UNSUPPORTED: 422,
  ERR_PDF_TIMEOUT: 422,
  ERR_PDF_ENCRYPTED: 422,
  ERR_PDF_ALREADY_SIGNED: 422,
  ERR_PDF_ACTIVE_CONTENT: 422,
  ERR_FIELD_NOT_FOUND: 409,
  ERR_FIELD_ALREADY_SIGNED: 409,
  ERR_NO_SIGNATURE_FIELDS: 422,
  ERR_PLACEHOLDER_TOO_SMALL: 500,
  ERR_KEYS_INVALID: 500,
  ERR_P12_INVALID: 400,
  ERR_CMS_MALFORMED: 422,
  ERR_CERTIFICATE_MALFORMED: 422,
  ERR_TSA_UNREACHABLE: 503,
  ERR_TSA_BAD_RESPONSE: 502,
  ERR_CONFIG_INVALID: 500,
  ERR_NOT_FOUND: 404,
  ERR_UNAUTHENTICATED: 401,
  ERR_FORBIDDEN: 403,
  ERR_WRONG_STATE: 409,
  ERR_CONFLICT: 409,
  ERR_RATE_LIMITED: 429,
  ERR_INVITATION_INVALID: 400,
  ERR_INVITATION_EXPIRED: 410,
  ERR_INVITATION_USED: 409,
  ERR_WRONG_PERSON: 403,
};

export function httpStatusOf(code: ErrorCode): number {
  const listed = statusByCode[code];
  if (listed !== undefined) return listed;
  if (code.startsWith('ERR_INPUT_')) return 400;
  if (code.startsWith('ERR_PDF_')) return 422;
  return 500;
}
