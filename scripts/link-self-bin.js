#!/usr/bin/env node
'use strict';
// npm links the bins of dependencies into node_modules/.bin, never the package's own; scripts and hooks that
// call node_modules/.bin/justera (as CI and editors do) get the checkout's own command line through this link.
const { existsSync, mkdirSync, rmSync, symlinkSync } = require('node:fs');
const { join } = require('node:path');

const binDir = join(__dirname, '..', 'node_modules', '.bin');
const link = join(binDir, 'justera');
if (existsSync(join(__dirname, '..', 'node_modules'))) {
  mkdirSync(binDir, { recursive: true });
  rmSync(link, { force: true });
  symlinkSync(join('..', '..', 'bin', 'justera.js'), link);
}
