/**
 * The verification core must run in a browser (issue 4, item 6): no Node-only module and no Buffer in the
 * engine or the parsers it uses; hashing and signature checks go through the CryptoProvider.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SRC = join(__dirname, '../../../src');
const CORE = ['verification', 'cms/parse-der.ts', 'cms/parse-signed-data.ts', 'tsa/parse-timestamp-token.ts', 'pki/crl-parse.ts', 'pki/certificate.ts', 'pki/der.ts'];

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
