/**
 * Where the package's own files are, independent of the current directory: `npx justera sign …` run from
 * another folder must still find the demonstration keys. Paths only; nothing is read here.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The checkout or installed package root (the folder with package.json), from src/ or dist/src/. */
export function packageRoot(start = __dirname): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** KEYS_DIR (resolved) when set, else the package's demonstration PKI (keys-example/, made by scripts/make-example-keys.ts). */
export function defaultKeysDir(env: { KEYS_DIR?: string }): string {
  return env.KEYS_DIR !== undefined ? resolve(env.KEYS_DIR) : join(packageRoot(), 'keys-example');
}

/** The in-browser verifier of /verifiera, bundled by `npm run build` (scripts/build-browser.ts). */
export function browserVerifyBundle(): string {
  return join(packageRoot(), 'dist', 'public', 'verifiera.js');
}
