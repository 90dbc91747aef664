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
const argv = process.argv.slice(2);
// Help and version from the catalog the build wrote: no need to load the whole CLI for them.
const quick = quickAnswer(argv, path.join(__dirname, '..', 'dist', 'cli-help.json'));
if (quick !== null) {
  process.stdout.write(quick + '\n');
  return;
}
// `rakeplan … | head`: the reader has gone, so there is no one left to write to.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
require(cli)
  .main(argv)
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`${(err && err.stack) || err}\n`);
      process.exitCode = 1;
    },
  )
  .then(() => {
    // The command has answered: a thread or socket left open by mistake must not keep a script
    // waiting for ever. Said, not silent (the timer does not itself keep the process alive).
    setTimeout(() => {
      process.stderr.write('rakeplan: a background task was still open after the command ended; exiting.\n');
      process.exit(process.exitCode ?? 0);
    }, 5000).unref();
  });

/** The text for `--version`, `--help`, `<command> --help` or `help <command>` alone; null for anything else. */
function quickAnswer(args, file) {
  const only = (x) => args.length === 1 && args[0] === x;
  const helpOf =
    args.length === 2 && args[0] === 'help' ? args[1] : args.length === 2 && args[1] === '--help' ? args[0] : null;
  if (!only('--version') && !only('--help') && !only('-h') && !only('help') && helpOf === null) return null;
  let catalog;
  try {
    catalog = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  if (args[0] === '--version') return catalog.version;
  if (args.length === 1) return catalog.help;
  return catalog.commands[helpOf] ?? null;
}
