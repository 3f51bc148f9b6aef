/**
 * The dependency direction of docs/ARCHITECTURE.md, checked on every import in src/: the byte level knows no
 * business rules, the engines know no storage or HTTP, and only the edges (cli, server) wire everything.
 * The arrows are read from the layers table of ARCHITECTURE.md (between its `layers:begin` / `layers:end`
 * markers), so the map and this test cannot disagree: a new arrow is added there, with its reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

const SRC = join(__dirname, '../../../src');
const EVERYONE = ['errors', 'clock'];

/** Which other layers each layer may import (besides itself, errors.ts and clock.ts): the rows `| layer | what | may import | why |`. */
function readLayers(markdown: string): Record<string, string[]> {
  const begin = markdown.indexOf('<!-- layers:begin -->');
  const end = markdown.indexOf('<!-- layers:end -->');
  if (begin < 0 || end < begin) throw new Error('docs/ARCHITECTURE.md has no <!-- layers:begin --> … <!-- layers:end --> table');
  const rows = markdown
    .slice(begin, end)
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()))
    .slice(2); // the header and its separator
  return Object.fromEntries(rows.map(([layer, , mayImport]) => [layer, mayImport.split(',').map((name) => name.trim()).filter(Boolean)]));
}

const ALLOWED = readLayers(readFileSync(join(__dirname, '../../../docs/ARCHITECTURE.md'), 'utf8'));

it('the layers table of docs/ARCHITECTURE.md names only layers it defines', () => {
  const unknown = Object.entries(ALLOWED).flatMap(([layer, targets]) => targets.filter((target) => !(target in ALLOWED)).map((target) => `${layer} → ${target}`));
  expect(Object.keys(ALLOWED).length).toBeGreaterThan(0);
  expect(unknown).toEqual([]);
});

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
