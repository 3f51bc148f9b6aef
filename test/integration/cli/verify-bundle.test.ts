/**
 * `justera verify one.pdf` runs from the bundle `npm run build` makes (dist/cli/justera.js, issue 14): the
 * process reads the bundle and nothing of node_modules or of the service, whose modules only `serve` loads.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pipeline, type Pipeline } from '../verification/helpers/pipeline';

const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'bin/justera.js');

/** Preloaded into the child: at exit, the files of every module it loaded (require.cache) to LOADED_LIST. */
const RECORD_LOADED = `process.on('exit', () => require('node:fs').writeFileSync(process.env.LOADED_LIST, JSON.stringify(Object.keys(require.cache))));\n`;

let p: Pipeline;
let dir: string;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/cli/justera.js'))) throw new Error('run `npm run build` first: the bundle is dist/cli/justera.js');
  p = await pipeline();
  dir = mkdtempSync(join(tmpdir(), 'justera-cli-bundle-'));
  writeFileSync(join(dir, 'final.pdf'), p.final);
  writeFileSync(join(dir, 'record-loaded.js'), RECORD_LOADED);
});

/** Runs `justera <args>` as a user does and returns what it printed and the modules it loaded, relative to the package. */
function justeraLoading(...args: string[]): { status: number | null; stdout: string; loaded: string[] } {
  const list = join(dir, `loaded-${args[0]}.json`);
  const run = spawnSync(process.execPath, ['--require', join(dir, 'record-loaded.js'), CLI, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, LOADED_LIST: list },
  });
  const loaded = (JSON.parse(readFileSync(list, 'utf8')) as string[]).map((file) => relative(ROOT, file)).filter((file) => file !== relative(ROOT, join(dir, 'record-loaded.js')));
  return { status: run.status, stdout: run.stdout, loaded };
}

describe('the bundled command line', () => {
  it('verifies one file loading only the bundle, its loader and the shared error classes: no package of node_modules, nothing of the service', () => {
    // Twice: after a build the first run compiles and writes the code cache, the second starts from it.
    for (let run = 1; run <= 2; run++) {
      const verified = justeraLoading('verify', join(dir, 'final.pdf'), '--keys', p.keysDir);
      expect(verified.stdout).toContain('Äkta. Justerat av ordförande Johan Nilsson');
      expect(verified.status).toBe(0);
      expect(verified.loaded.sort()).toEqual(['bin/justera.js', 'dist/cli/justera.js', 'dist/src/cli/code-cache.js', 'dist/src/errors.js']);
    }
  });

  it('still loads the service for `serve` (from dist/src, beside its worker scripts)', () => {
    const run = justeraLoading('serve', '--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Run the justering service');
    expect(run.loaded).toContain('dist/src/cli/commands/serve.js');
  });
});
