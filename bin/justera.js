#!/usr/bin/env node
'use strict';
// Thin shim: `npm run build` (run by `npm ci` through `prepare`) compiles the command line to dist/ and
// bundles it into dist/cli/justera.js, one file to read at each start; without the bundle, tsc's output runs.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'dist', 'cli', 'justera.js');
require(existsSync(bundle) ? bundle : '../dist/src/cli/main.js').main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`justera: ${err && err.message ? err.message : String(err)}\n`); process.exitCode = 2; },
);
