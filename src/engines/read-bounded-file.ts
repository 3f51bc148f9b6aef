/**
 * Reads a regular file of at most `maxBytes` bytes. A device (/dev/zero), a FIFO, a socket or a folder is
 * refused before any read: their stat size says nothing about how much they yield, or they block. The
 * read itself stops one byte past the limit, so a file that grows after the stat cannot exhaust memory.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { InputError, JusteraError } from '../errors';
import { DEFAULT_LIMITS } from '../pdf/limits';

/** The largest PDF the reader takes; no input of ours (a PDF, a PKCS#12, an extract) is larger. */
export const LARGEST_INPUT_FILE_BYTES = DEFAULT_LIMITS.maxFileSize;

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

export interface BoundedRead {
  maxBytes: number;
  /** What the file is, for the messages: "an extract", "a PDF". */
  what: string;
  /** The option or argument that named the file. */
  field?: string;
}

/** @throws JusteraError ERR_FILE_UNREADABLE (not a regular file), InputError ERR_INPUT_TOO_LARGE; fs errors as they are. */
export function readBoundedFile(path: string, limit: BoundedRead): Buffer {
  const options = limit.field === undefined ? {} : { field: limit.field };
  // O_NONBLOCK: opening a FIFO that no one writes to would otherwise wait forever.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new JusteraError('ERR_FILE_UNREADABLE', `${path} is ${kindOf(stats)}, not a file: give the path of ${limit.what}`, options);
    const tooLarge = (size: string) => new InputError(`${path} is ${size} bytes; ${limit.what} may be at most ${limit.maxBytes} bytes`, { ...options, code: 'ERR_INPUT_TOO_LARGE' });
    if (stats.size > limit.maxBytes) throw tooLarge(String(stats.size));
    let buffer = Buffer.allocUnsafe(Math.min(stats.size, limit.maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limit.maxBytes) throw tooLarge(`more than ${limit.maxBytes}`);
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit.maxBytes + 1));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) return buffer.subarray(0, length);
      length += read;
    }
  } finally {
    closeSync(fd);
  }
}
