/**
 * The verification core must run in a browser (issue 4, item 6): no Node-only module and no Buffer in the
 * engine or the parsers it uses; hashing and signature checks go through the CryptoProvider. The browser
 * bundle of /verifiera (issue 14, `npm run build`) must hold no Node built-in either.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SRC = join(__dirname, '../../../src');
const CORE = [
  'verification', 'asn1', 'cms/parse-signed-data.ts', 'tsa/parse-timestamp-token.ts', 'pki/crl-parse.ts', 'pki/certificate.ts',
  'crypto/crypto-provider.ts', 'crypto/signature-algorithms.ts', 'crypto/prefix-digests.ts', 'crypto/webcrypto-provider.ts',
  'pdf/inflate-browser.ts', 'domain/signer-pseudonym-format.ts', 'server/public/browser',
];
const BROWSER_BUNDLE = join(__dirname, '../../../dist/public/verifiera.js');
/** Node's built-in modules, as a bundle would load them: require("fs"), import "node:fs", import("zlib"). */
const NODE_BUILTINS = ['assert', 'buffer', 'child_process', 'crypto', 'events', 'fs', 'http', 'https', 'module', 'net', 'os', 'path', 'process', 'stream', 'url', 'util', 'worker_threads', 'zlib'];

function files(path: string): string[] {
  const full = join(SRC, path);
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full).flatMap((entry) => files(join(path, entry)));
}

it('the verification core imports no Node-only module and uses no Buffer', () => {
  const offenders: string[] = [];
  for (const file of CORE.flatMap(files).filter((name) => name.endsWith('.ts'))) {
    // Renderers for the CLI live in verification/render and are plain string functions: they are checked too.
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    if (/from ['"]node:|require\(/.test(code)) offenders.push(`${file}: imports a Node module`);
    if (/\bBuffer\b/.test(code)) offenders.push(`${file}: uses Buffer`);
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
