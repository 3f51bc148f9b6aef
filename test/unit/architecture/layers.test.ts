/**
 * The dependency direction of docs/ARCHITECTURE.md, checked on every import in src/: the byte level knows no
 * business rules, the engines know no storage or HTTP, and only the edges (cli, server) wire everything.
 * A new arrow between layers is a design decision: add it here and in ARCHITECTURE.md together.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

const SRC = join(__dirname, '../../../src');
const EVERYONE = ['errors', 'clock'];

/** Which other layers each layer may import (besides itself, errors.ts and clock.ts). */
const ALLOWED: Record<string, string[]> = {
  domain: [],
  texts: ['domain'], // every user-facing text, by audience: pages, public pages, form messages, anslag, mails
  pdf: [],
  asn1: [],
  crypto: ['asn1'],
  pki: ['asn1'],
  cms: ['asn1', 'crypto', 'pki'],
  tsa: ['asn1', 'cms', 'crypto', 'pki'],
  assembly: ['domain', 'pdf'],
  pades: ['asn1', 'cms', 'crypto', 'domain', 'pdf', 'pki', 'tsa'],
  ca: ['asn1', 'crypto', 'pades', 'pki'], // the CA implements the signing engine's seams (pades/signer.ts)
  verification: ['asn1', 'cms', 'crypto', 'domain', 'pdf', 'pki', 'tsa'],
  storage: ['domain'], // the states and roles it persists
  config: ['domain', 'storage'], // the database target type; the signer identity policy type
  'use-cases': ['domain', 'storage', 'texts'],
  documents: ['assembly', 'ca', 'domain', 'pades', 'pdf', 'pki', 'texts', 'tsa', 'use-cases', 'verification'],
  engines: ['assembly', 'ca', 'config', 'crypto', 'documents', 'domain', 'pades', 'pdf', 'pki', 'tsa', 'use-cases', 'verification'],
  server: ['assembly', 'ca', 'config', 'crypto', 'documents', 'domain', 'engines', 'pki', 'storage', 'texts', 'tsa', 'use-cases', 'verification'],
  cli: ['ca', 'config', 'documents', 'domain', 'engines', 'pades', 'pki', 'server', 'storage', 'use-cases', 'verification'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function layerOf(path: string): string {
  return relative(SRC, path).split(sep)[0].replace(/\.ts$/, '');
}

const IMPORT = /(?:from\s+|require\(\s*|import\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

it('every import in src/ follows the layers of docs/ARCHITECTURE.md', () => {
  const violations: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const layer = layerOf(file);
    if (!(layer in ALLOWED)) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = layerOf(normalize(join(dirname(file), match[1])));
      if (target === layer || EVERYONE.includes(target)) continue;
      if (!ALLOWED[layer].includes(target)) violations.push(`${relative(SRC, file)} imports ${match[1]} (${layer} → ${target})`);
    }
  }
  expect(violations).toEqual([]);
});

/** The service's composition root: the one file of server/ that opens the database and wires storage into the use cases. */
const COMPOSITION_ROOT = 'server/bootstrap.ts';

it('the HTTP layer reaches storage only through use cases: no file of server/ but the composition root imports storage/', () => {
  const offenders = sourceFiles(join(SRC, 'server'))
    .filter((file) => relative(SRC, file).split(sep).join('/') !== COMPOSITION_ROOT)
    .flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(IMPORT)]
        .filter((match) => layerOf(normalize(join(dirname(file), match[1]))) === 'storage')
        .map((match) => `${relative(SRC, file)} imports ${match[1]}`),
    );
  expect(offenders).toEqual([]);
});

it('every top-level part of src/ has a place in the layers', () => {
  const parts = readdirSync(SRC).map((name) => name.replace(/\.ts$/, ''));
  expect(parts.filter((part) => !(part in ALLOWED) && !EVERYONE.includes(part) && part !== 'index')).toEqual([]);
});

it('the layers allow no cycle: no layer may reach itself through the arrows of the map', () => {
  const cycles: string[] = [];
  const visit = (layer: string, path: string[]): void => {
    for (const next of ALLOWED[layer] ?? []) {
      if (next === path[0]) cycles.push([...path, next].join(' → '));
      else if (!path.includes(next)) visit(next, [...path, next]);
    }
  };
  for (const layer of Object.keys(ALLOWED)) visit(layer, [layer]);
  expect(cycles).toEqual([]);
});
