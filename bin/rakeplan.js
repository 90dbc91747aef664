#!/usr/bin/env node
'use strict';
// The CLI is bundled by scripts/build.mjs (run by `npm install` through `prepare`).
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('rakeplan: dist/cli.js is missing; run `npm run build` in the RakePlan folder first.\n');
  process.exit(2);
}
require(cli).main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`${(err && err.stack) || err}\n`); process.exitCode = 1; },
);
