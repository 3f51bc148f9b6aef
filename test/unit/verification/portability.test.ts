/**
 * The verification core must run in a browser (issue 4, item 6): no Node-only module and no Buffer in the
 * engine or the parsers it uses; hashing and signature checks go through the CryptoProvider. The browser
 * bundle of /verifiera (issue 14, `npm run build`) must hold no Node built-in either.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const SRC = join(__dirname, '../../../src');
/**
 * The folders that hold the portable verifier and the pure readers it uses; whatever they import, in any
 * other folder, must be portable too (the closure is followed below), so no list of files is kept here.
 */
const PORTABLE_FOLDERS = ['asn1', 'pki', 'verification', 'server/public/browser'];
/** The bundle swaps these for a browser version (scripts/build-browser.ts): FlateDecode's inflate on node:zlib. */
const BROWSER_SWAPS: Record<string, string> = { 'pdf/inflate.ts': 'pdf/inflate-browser.ts' };
/**
 * The PDF object model is shared with the writer, whose serializers (never called by the verifier) build
 * Buffers; the bundle test below checks that no Buffer polyfill or Node module is needed to load it.
 */
const WRITER_BUFFER_ALLOWED = ['pdf/objects.ts'];
const BROWSER_BUNDLE = join(__dirname, '../../../dist/public/verifiera.js');
/** Node's built-in modules, as a bundle would load them: require("fs"), import "node:fs", import("zlib"). */
const NODE_BUILTINS = ['assert', 'buffer', 'child_process', 'crypto', 'events', 'fs', 'http', 'https', 'module', 'net', 'os', 'path', 'process', 'stream', 'url', 'util', 'worker_threads', 'zlib'];
/** Imports that load code at run time (an `import type` loads nothing), and dynamic imports. */
const RELATIVE_IMPORT = /^(?:import|export)\s+(type\s)?[^;]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]/gm;

function files(path: string): string[] {
  const full = join(SRC, path);
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).flatMap((entry) => files(join(path, entry)));
}

function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
}

/** The portable folders' files and every file of src/ they import, directly or not. */
function portableFiles(): string[] {
  const seen = new Set<string>();
  const pending = PORTABLE_FOLDERS.flatMap(files).filter((name) => name.endsWith('.ts'));
  while (pending.length > 0) {
    const next = pending.pop()!;
    const file = BROWSER_SWAPS[next] ?? next;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of withoutComments(readFileSync(join(SRC, file), 'utf8')).matchAll(RELATIVE_IMPORT)) {
      if (match[1] !== undefined) continue;
      const target = relative(SRC, join(SRC, dirname(file), (match[2] ?? match[3])!));
      const path = existsSync(join(SRC, `${target}.ts`)) ? `${target}.ts` : join(target, 'index.ts');
      pending.push(path);
    }
  }
  return [...seen].sort();
}

it('the verification core and everything it imports use no Node-only module and no Buffer', () => {
  const checked = portableFiles();
  // The closure reaches the CMS and RFC 3161 readers and the WebCrypto provider from the folders.
  expect(checked).toEqual(expect.arrayContaining(['cms/parse-signed-data.ts', 'tsa/parse-timestamp-token.ts', 'crypto/webcrypto-provider.ts', 'pdf/inflate-browser.ts']));
  const offenders: string[] = [];
  for (const file of checked) {
    // Renderers for the CLI live in verification/render and are plain string functions: they are checked too.
    const code = withoutComments(readFileSync(join(SRC, file), 'utf8'));
    if (/from ['"]node:|require\(/.test(code)) offenders.push(`${file}: imports a Node module`);
    if (/\bBuffer\b/.test(code) && !WRITER_BUFFER_ALLOWED.includes(file)) offenders.push(`${file}: uses Buffer`);
  }
  expect(offenders).toEqual([]);
});

it('the browser bundle of /verifiera loads no Node built-in (npm run build makes it)', () => {
  const bundle = readFileSync(BROWSER_BUNDLE, 'utf8');
  expect(bundle.length).toBeGreaterThan(10_000);
  const offenders = [...bundle.matchAll(/(?:require\(|import\(|from|import)\s*["'`]((?:node:)?[a-z_/]+)["'`]/g)]
    .map((match) => match[1]!)
    .filter((specifier) => specifier.startsWith('node:') || NODE_BUILTINS.includes(specifier.split('/')[0]!));
  expect(offenders).toEqual([]);
});
