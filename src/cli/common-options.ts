/**
 * Options and inputs several commands share (--keys, a time option, reading an input file), so they
 * read, default and fail the same way everywhere. Plumbing only: what a command does stays in its file.
 */
import { Option } from 'commander';
import { defaultKeysDir } from '../config/paths';
import { InputError, JusteraError } from '../errors';
import { LARGEST_INPUT_FILE_BYTES, readBoundedFile } from '../engines/read-bounded-file';

/** `--keys <dir>` for `.addOption`; read it with `keysDirOf`. */
export function keysOption(what: string): Option {
  return new Option('--keys <dir>', `${what} (default: KEYS_DIR, or the package\u2019s keys-example)`);
}

export function keysDirOf(option: string | undefined): string {
  return option ?? defaultKeysDir(process.env);
}

/** An ISO 8601 date and time (at least to the minute) given to `option`; `example` shows the form in the error. */
export function parseTimeOption(text: string, option: string, example: string): Date {
  const time = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) || Number.isNaN(time.getTime())) {
    throw new InputError(`${option} must be an ISO 8601 time such as ${example}, not "${text}"`, { field: option, code: 'ERR_USAGE' });
  }
  return time;
}

/**
 * The bytes of an input file; a missing or unreadable one, one that is not a regular file (a device, a
 * FIFO), or one over `limit` (default: the largest PDF we read), is an error naming `option`.
 */
export function readInputFile(path: string, option: string, limit: { maxBytes: number; what: string } = { maxBytes: LARGEST_INPUT_FILE_BYTES, what: 'an input file' }): Uint8Array {
  try {
    return readBoundedFile(path, { ...limit, field: option });
  } catch (error) {
    if (error instanceof JusteraError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new JusteraError('ERR_FILE_UNREADABLE', `cannot read ${path}: ${reason}`, { field: option, cause: error });
  }
}
