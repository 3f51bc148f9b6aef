/**
 * Issue 11, finding 8: `justera verify /dev/zero` read forever. Devices, FIFOs and folders are refused
 * before any read, and no read goes past the limit.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBoundedFile } from '../../../src/engines/read-bounded-file';
import { createVerifier, verifyFile } from '../../../src/engines/verify-document';

describe('readBoundedFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'justera-read-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file up to the limit and refuses one byte more', () => {
    const file = join(dir, 'ten.bin');
    writeFileSync(file, Buffer.alloc(10, 7));
    expect(readBoundedFile(file, { maxBytes: 10, what: 'a PDF' })).toEqual(Buffer.alloc(10, 7));
    expect(() => readBoundedFile(file, { maxBytes: 9, what: 'a PDF', field: '<in.pdf>' })).toThrow(expect.objectContaining({ code: 'ERR_INPUT_TOO_LARGE', field: '<in.pdf>' }));
  });

  it('refuses /dev/zero, a FIFO nobody writes to, and a folder, without blocking', () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    for (const [path, kind] of [['/dev/zero', 'a device'], [fifo, 'a FIFO'], [dir, 'a folder']] as const) {
      expect(() => readBoundedFile(path, { maxBytes: 1024, what: 'a PDF' })).toThrow(expect.objectContaining({ code: 'ERR_FILE_UNREADABLE', message: expect.stringContaining(kind) }));
    }
  });

  it('verifyFile("/dev/zero") is an unreadable outcome at once', async () => {
    const outcome = await verifyFile('/dev/zero', createVerifier([]));
    expect(outcome).toMatchObject({ file: '/dev/zero', error: { code: 'ERR_FILE_UNREADABLE' } });
  });
});
