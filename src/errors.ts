/**
 * Typed errors for bad input, broken invariants and unreachable services.
 * A signature that does not verify is never an error: it is a result in the verification report.
 * Every code is documented in docs/errors.md; the HTTP status and CLI exit code are mapped from the code
 * at the edges (src/server/error-status.ts, src/cli/main.ts), never here.
 */

export type ErrorCode =
  // input given by a person or a system
  | 'ERR_INPUT_INVALID'
  | 'ERR_INPUT_NOT_JSON'
  | 'ERR_INPUT_TOO_LARGE'
  | 'ERR_INPUT_UNSUPPORTED_ENCODING'
  | 'ERR_INPUT_MEDIA_TYPE'
  | 'ERR_USAGE'
  | 'ERR_FILE_UNREADABLE'
  // PDF syntax
  | 'ERR_PDF_MALFORMED'
  | 'ERR_PDF_LIMIT_EXCEEDED'
  | 'ERR_PDF_UNSUPPORTED'
  | 'ERR_PDF_TIMEOUT'
  | 'ERR_INPUT_NOT_PDF'
  // a protocol PDF made elsewhere (justera assemble --from-pdf, an upload)
  | 'ERR_PDF_ENCRYPTED'
  | 'ERR_PDF_ALREADY_SIGNED'
  | 'ERR_PDF_ACTIVE_CONTENT'
  // signing
  | 'ERR_FIELD_NOT_FOUND'
  | 'ERR_FIELD_ALREADY_SIGNED'
  | 'ERR_SIGNATURE_NOT_PERMITTED'
  | 'ERR_NO_SIGNATURE_FIELDS'
  | 'ERR_PLACEHOLDER_TOO_SMALL'
  | 'ERR_KEYS_INVALID'
  | 'ERR_P12_INVALID'
  | 'ERR_CMS_MALFORMED'
  | 'ERR_CERTIFICATE_MALFORMED'
  // timestamps
  | 'ERR_TSA_UNREACHABLE'
  | 'ERR_TSA_BAD_RESPONSE'
  | 'ERR_TSA_CHAIN_INVALID'
  // service and workflow
  | 'ERR_CONFIG_INVALID'
  | 'ERR_NOT_FOUND'
  | 'ERR_UNAUTHENTICATED'
  | 'ERR_FORBIDDEN'
  | 'ERR_WRONG_STATE'
  | 'ERR_SHUTTING_DOWN'
  | 'ERR_CONFLICT'
  | 'ERR_RATE_LIMITED'
  | 'ERR_INVITATION_INVALID'
  | 'ERR_INVITATION_EXPIRED'
  | 'ERR_INVITATION_USED'
  | 'ERR_WRONG_PERSON';

export interface JusteraErrorOptions {
  /**
   * Dotted path of the offending field, e.g. `participants.chair.name`, or the request's own name for it (`field`,
   * `tsa`): never a command-line option, which the CLI maps the name to when it prints (src/cli/main.ts).
   */
  field?: string;
  cause?: unknown;
}

export class JusteraError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;

  constructor(code: ErrorCode, message: string, options: JusteraErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    if (options.field !== undefined) this.field = options.field;
  }
}

/** Input from a person or a system that we refuse; the message names the field and what is wrong. */
export class InputError extends JusteraError {
  constructor(message: string, options: JusteraErrorOptions & { code?: ErrorCode } = {}) {
    super(options.code ?? 'ERR_INPUT_INVALID', message, options);
  }
}

/** Bytes that are not a PDF we can read strictly (we never repair). */
export class PdfFormatError extends JusteraError {
  constructor(message: string, options: JusteraErrorOptions & { code?: 'ERR_PDF_MALFORMED' | 'ERR_PDF_LIMIT_EXCEEDED' | 'ERR_PDF_UNSUPPORTED' } = {}) {
    super(options.code ?? 'ERR_PDF_MALFORMED', message, options);
  }
}

/** A signing request that cannot be carried out on this document (unknown field, already signed, ...). */
export class SigningError extends JusteraError {}

/** A time-stamping authority that cannot be reached, answers something we cannot accept, or is given a chain that is not its own. */
export class TimestampError extends JusteraError {}

export function isJusteraError(value: unknown): value is JusteraError {
  return value instanceof JusteraError;
}
