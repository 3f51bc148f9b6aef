/**
 * Development only: lets a worker thread started from the TypeScript sources (under jest) load .ts files,
 * compiled on the fly by @swc/core with the same settings as jest.config.js. The built service never uses
 * it: dist/ holds the compiled .js workers. Usage: new Worker(file.ts, { execArgv: ['--require', this file] }).
 */
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    filename,
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
