#!/usr/bin/env node
'use strict';
// Thin shim: the command line is compiled to dist/ by `npm run build` (run by `npm ci` through `prepare`).
require('../dist/src/cli/main.js').main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`justera: ${err && err.message ? err.message : String(err)}\n`); process.exitCode = 2; },
);
