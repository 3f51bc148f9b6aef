/**
 * The command line's bundle loaded through V8's code cache (src/cli/code-cache.ts): the cache is written
 * once, used after, and a rebuilt bundle runs its own code even when it is as long as the cached one.
 */
import { mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireWithCodeCache } from '../../../src/cli/code-cache';

const bundleOf = (answer: string): string => `exports.answer = function answer() { return '${answer}'; };\n`;

describe('requireWithCodeCache', () => {
  let file: string;

  beforeEach(() => {
    file = join(mkdtempSync(join(tmpdir(), 'justera-code-cache-')), 'bundle.js');
    writeFileSync(file, bundleOf('first'));
    // Built a while before it runs, as after `npm run build`: file times tick coarsely (a few ms), and a
    // cache written in the bundle's own tick does not count as newer than it.
    const built = new Date(Date.now() - 60_000);
    utimesSync(file, built, built);
  });

  it('writes the cache after a run without one, then leaves it as it is', () => {
    const first = requireWithCodeCache<{ answer(): string }>(file);
    expect(first.exports.answer()).toBe('first');
    first.saveCache();
    const written = statSync(`${file}.cache`);
    expect(written.size).toBeGreaterThan(0);

    const second = requireWithCodeCache<{ answer(): string }>(file);
    expect(second.exports.answer()).toBe('first');
    second.saveCache();
    expect(statSync(`${file}.cache`).mtimeMs).toBe(written.mtimeMs);
  });

  it('never runs the cached code of an earlier bundle of the same length', () => {
    const first = requireWithCodeCache<{ answer(): string }>(file);
    first.exports.answer();
    first.saveCache();
    const rebuilt = bundleOf('other');
    expect(rebuilt.length).toBe(bundleOf('first').length);
    writeFileSync(file, rebuilt);
    const later = new Date(statSync(`${file}.cache`).mtimeMs + 1000);
    utimesSync(file, later, later);

    const second = requireWithCodeCache<{ answer(): string }>(file);
    expect(second.exports.answer()).toBe('other');
  });
});
