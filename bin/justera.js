#!/usr/bin/env node
'use strict';
// Thin shim: `npm run build` (run by `npm ci` through `prepare`) compiles the command line to dist/ and
// bundles it into dist/cli/justera.js, one file to read at each start, loaded with V8's code cache
// (src/cli/code-cache.ts); without the bundle, tsc's output runs.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'dist', 'cli', 'justera.js');
const cli = existsSync(bundle) ? require('../dist/src/cli/code-cache.js').requireWithCodeCache(bundle) : { exports: require('../dist/src/cli/main.js'), saveCache() {} };
cli.exports.main(process.argv).then(
  (code) => { cli.saveCache(); process.exitCode = code; },
  (err) => { process.stderr.write(`justera: ${err && err.message ? err.message : String(err)}\n`); process.exitCode = 2; },
);
