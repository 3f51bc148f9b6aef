/**
 * One thread pool (issue 13): the service's engines, the public verifier and `justera verify --jobs N` all
 * start their threads through src/engines/worker-pool.ts, so time-outs, queue bounds and crash recovery
 * live in one place.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '../../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

it('src/ starts worker threads in one place: exactly one `new Worker(`, in src/engines/worker-pool.ts', () => {
  const starts = sourceFiles(SRC).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/new Worker\(/g)].map(() => relative(SRC, file)));
  expect(starts).toEqual(['engines/worker-pool.ts']);
});
