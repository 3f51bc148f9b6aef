/** Writes a file so that readers see the old content or the whole new content, never a partial one. */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { JusteraError } from '../errors';

export function writeFileAtomically(path: string, data: Uint8Array): void {
  // A temporary file in the same folder, so rename(2) stays on one file system and replaces atomically.
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, data, { flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new JusteraError('ERR_USAGE', `cannot write ${path}: ${reason}`, { field: '--output', cause: error });
  }
}
