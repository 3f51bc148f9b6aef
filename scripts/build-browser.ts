/**
 * `npm run build`, after tsc: the in-browser check of /verifiera bundled into dist/public/verifiera.js
 * (the public router serves it): the verifier core, the WebCrypto provider and the public report's
 * renderer as one ES module, no CDN. The core's one Node-only piece, FlateDecode's inflate on node:zlib,
 * is swapped for src/pdf/inflate-browser.ts; any other Node module reaching the bundle fails the build
 * (platform browser), and test/unit/verification/portability.test.ts checks the output.
 */
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = join(__dirname, '..', '..');

const browserInflate: Plugin = {
  name: 'justera-browser-inflate',
  setup(bundle) {
    bundle.onResolve({ filter: /^\.\/inflate$/ }, (args) =>
      args.importer.endsWith(join('src', 'pdf', 'filters.ts')) ? { path: join(ROOT, 'src/pdf/inflate-browser.ts') } : undefined,
    );
  },
};

async function main(): Promise<void> {
  await build({
    entryPoints: { verifiera: join(ROOT, 'src/server/public/browser/verify-in-browser.ts') },
    outdir: join(ROOT, 'dist', 'public'),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: ['chrome110', 'firefox115', 'safari16'],
    mainFields: ['browser', 'module', 'main'],
    minify: true,
    // The packages' licence comments stay in the one file the service serves.
    legalComments: 'eof',
    logLevel: 'warning',
    plugins: [browserInflate],
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
