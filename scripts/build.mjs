// Builds everything the app runs from: Node bundles (main, preload, host, CLI, workers) with
// esbuild, and the renderer with Vite. Dependencies stay external (native modules, wasm).
// `--node-only` skips the renderer for quick CLI/worker iterations.
import { build } from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nodeOnly = process.argv.includes('--node-only');
const started = Date.now();

function findWorkers(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) findWorkers(p, out);
    else if (entry.name.endsWith('.worker.ts')) out.push(p);
  }
  return out;
}

const workers = findWorkers(path.join(root, 'core'));
const names = new Set();
for (const w of workers) {
  const n = path.basename(w, '.worker.ts');
  if (names.has(n)) throw new Error(`Two worker files are named ${n}.worker.ts; worker names must be unique.`);
  names.add(n);
}

const common = {
  // Written by `writeAtomic`: tests rebuild while other test files start workers and the CLI from
  // dist/, and a file truncated mid-write would fail them at random.
  write: false,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  packages: 'external',
  external: ['electron'],
  logLevel: 'warning',
};

/** Each output to a temporary sibling, then renamed over the old one: a reader sees the old file or the new. */
function writeAtomic(file, contents) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, contents);
  fs.renameSync(tmp, file);
}

const results = await Promise.all([
  build({ ...common, entryPoints: { 'main/index': 'main/index.ts' }, outdir: 'dist', absWorkingDir: root }),
  // A sandboxed preload can only require('electron'): bundle everything else into it.
  build({
    ...common,
    packages: undefined,
    entryPoints: { 'preload/index': 'preload/index.ts' },
    outdir: 'dist',
    absWorkingDir: root,
  }),
  build({
    ...common,
    entryPoints: { 'host/utility': 'core/host/entry-utility.ts', cli: 'core/cli/index.ts' },
    outdir: 'dist',
    absWorkingDir: root,
  }),
  workers.length
    ? build({
        ...common,
        entryPoints: Object.fromEntries(workers.map((w) => [`workers/${path.basename(w, '.worker.ts')}`, w])),
        outdir: 'dist',
        absWorkingDir: root,
      })
    : Promise.resolve({ outputFiles: [] }),
]);
for (const r of results) for (const f of r.outputFiles) writeAtomic(f.path, f.contents);

// `rakeplan --help`, `--version` and `<command> --help` are answered from this file without
// loading the bundle and its packages (spreadsheet, solver, database), which takes seconds on a
// busy machine. Written from the bundle itself, so it never disagrees with it.
const { helpCatalog } = createRequire(import.meta.url)(path.join(root, 'dist', 'cli.js'));
writeAtomic(path.join(root, 'dist', 'cli-help.json'), JSON.stringify(helpCatalog()));

if (!nodeOnly) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}
console.log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s${nodeOnly ? ' (node only)' : ''}`);
