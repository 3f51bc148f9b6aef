/**
 * Runs the openssl command line on files written to a fresh temporary folder, for the independent
 * cross-checks of the PKI, CMS and TSA tests. `files` are addressed by name in `args` as `{name}`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../../src/clock';
import { loadKeys } from '../../../src/ca/keys-folder';

export interface OpensslResult {
  /** Exit status 0. */
  ok: boolean;
  /** stdout followed by stderr. */
  output: string;
  /** The temporary folder the files were written to. */
  dir: string;
  /** Reads a file the command wrote into the temporary folder. */
  read(name: string): Buffer;
}

export function openssl(args: readonly string[], files: Record<string, Uint8Array | string> = {}): OpensslResult {
  const dir = mkdtempSync(join(tmpdir(), 'justera-pki-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const resolved = args.map((arg) => arg.replace(/\{([\w.-]+)\}/g, (_, name: string) => join(dir, name)));
  const read = (name: string) => readFileSync(join(dir, name));
  const result = spawnSync('openssl', resolved, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}`, dir, read };
}

/** The committed demonstration PKI (keys-example/, made by scripts/make-example-keys.ts). */
export function exampleKeys() {
  return loadKeys(join(__dirname, '..', '..', '..', 'keys-example'));
}

/** The tests' pinned signing time. */
export const TEST_TIME = new Date('2023-10-03T10:00:00Z');
export const testClock = fixedClock(TEST_TIME);
export const attime = (date: Date = TEST_TIME) => String(Math.floor(date.getTime() / 1000));
