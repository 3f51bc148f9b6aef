/**
 * `npm run build`, after tsc: the command line bundled into dist/cli/justera.js (bin/justera.js runs it),
 * with its verify worker beside it as dist/cli/verify-worker.js (verify.ts starts `verify-worker.js` next
 * to itself, in the bundle as in dist/src). `justera verify one.pdf` in an archivist's shell loop then
 * reads one file instead of resolving and reading some 250 modules.
 *
 * Inside the bundle each command is still loaded only when named (src/cli/main.ts). Of node_modules only
 * the packages `verify` needs are bundled; every other package stays a `require` loaded by the command
 * that uses it (better-sqlite3 is native; pdfkit, pdfjs-dist and the DejaVu fonts are found through
 * require.resolve; express, knex, pdf-lib and the rest would only make every start parse more code).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, type Plugin, type ResolveResult } from 'esbuild';

const ROOT = join(__dirname, '..', '..');
const OUT_DIR = join(ROOT, 'dist', 'cli');

/** What `justera verify` loads: the ASN.1 schemas of CMS and X.509, and the command line's plumbing. */
const BUNDLED_PACKAGES = new Set([
  '@peculiar/asn1-cms',
  '@peculiar/asn1-schema',
  '@peculiar/asn1-tsp',
  '@peculiar/asn1-x509',
  '@peculiar/asn1-x509-attr',
  '@peculiar/utils',
  'asn1js',
  'pvtsutils',
  'pvutils',
  'tslib',
  'commander',
  'cli-progress',
  'string-width',
  'strip-ansi',
  'ansi-regex',
  'is-fullwidth-code-point',
  'emoji-regex',
]);

/*
 * Their modules only declare schemas, classes and functions, but their package.json does not say so: told,
 * esbuild leaves out what verify never reaches (the enveloped-data and key-agreement schemas of CMS, …),
 * which their ES module builds (mainFields) let it see: less to parse and run at each start.
 */
const SIDE_EFFECT_FREE_PACKAGES = /\/node_modules\/(@peculiar\/[^/]+|asn1js|pvtsutils|pvutils)\//;

/*
 * Modules the bundle takes from tsc's dist/src instead of holding a copy. The server finds its worker
 * scripts next to its own compiled modules, so `serve` runs from dist/src; errors.ts stays one module
 * for both, so that an error the server throws is still a JusteraError (`instanceof`) to main.ts.
 */
const FROM_DIST: Record<string, string> = {
  'src/cli/commands/serve.ts': 'dist/src/cli/commands/serve.js',
  'src/errors.ts': 'dist/src/errors.js',
};

/*
 * commander requires node:child_process when loaded, for the executable subcommands we do not have; it
 * brings net, dgram and the stream classes into every start. The bundle's copy requires it on first use.
 */
const COMMANDER_CHILD_PROCESS = "const childProcess = require('node:child_process');";
const LAZY_CHILD_PROCESS = "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function sideEffectsOf(resolved: ResolveResult): ResolveResult {
  return SIDE_EFFECT_FREE_PACKAGES.test(resolved.path) ? { ...resolved, sideEffects: false } : resolved;
}

const choosePackages: Plugin = {
  name: 'justera-cli-packages',
  setup(bundle) {
    bundle.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (!BUNDLED_PACKAGES.has(packageName(args.path))) return { external: true };
      if (args.pluginData === 'resolving') return undefined;
      const resolved = await bundle.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolving' });
      return sideEffectsOf(resolved);
    });
    bundle.onLoad({ filter: /[/\\]commander[/\\]lib[/\\]command\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      // A commander that changed this line fails the build instead of quietly loading child_process again.
      if (!source.includes(COMMANDER_CHILD_PROCESS)) throw new Error(`${args.path} no longer has ${COMMANDER_CHILD_PROCESS}`);
      return { contents: source.replace(COMMANDER_CHILD_PROCESS, LAZY_CHILD_PROCESS), loader: 'js' };
    });
    bundle.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === 'resolving') return undefined;
      const resolved = await bundle.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolving' });
      const target = FROM_DIST[relative(ROOT, resolved.path)];
      if (target !== undefined) return { path: relative(OUT_DIR, join(ROOT, target)), external: true };
      return sideEffectsOf(resolved);
    });
  },
};

async function main(): Promise<void> {
  // src/cli/code-cache.ts would refuse it anyway (older than the bundle); a rebuild starts clean.
  rmSync(join(OUT_DIR, 'justera.js.cache'), { force: true });
  await build({
    entryPoints: { justera: join(ROOT, 'src/cli/main.ts'), 'verify-worker': join(ROOT, 'src/cli/commands/verify-worker.ts') },
    outdir: OUT_DIR,
    bundle: true,
    platform: 'node',
    mainFields: ['module', 'main'],
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [choosePackages],
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
