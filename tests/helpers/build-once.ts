import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { appRoot } from '../../core/host/paths';

/** What the Node bundles are built from (tests excluded: no bundle holds them). */
const SOURCE_DIRS = ['core', 'main', 'preload', 'models'];
const SOURCE_FILES = ['scripts/build.mjs', 'package.json'];
/** What `scripts/build.mjs --node-only` writes besides one dist/workers/<name>.js per core/**\/<name>.worker.ts. */
const OUTPUTS = [
  'dist/cli.js',
  'dist/cli-help.json',
  'dist/host/utility.js',
  'dist/main/index.js',
  'dist/preload/index.js',
];

function walk(dir: string, each: (file: string) => void): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, each);
    else if (!e.name.endsWith('.test.ts')) each(p);
  }
}

/**
 * Why dist/ must be rebuilt for the sources under `root`, or null when every Node bundle is there
 * and newer than every source: a missing output, or the newest source changed after the oldest
 * output was written.
 */
export function staleBuild(root: string): string | null {
  let newest = { file: '', ms: 0 };
  const workers: string[] = [];
  const consider = (file: string) => {
    const ms = fs.statSync(file).mtimeMs;
    if (ms > newest.ms) newest = { file, ms };
    if (file.endsWith('.worker.ts')) workers.push(`dist/workers/${path.basename(file, '.worker.ts')}.js`);
  };
  for (const d of SOURCE_DIRS) if (fs.existsSync(path.join(root, d))) walk(path.join(root, d), consider);
  for (const f of SOURCE_FILES) if (fs.existsSync(path.join(root, f))) consider(path.join(root, f));
  let oldest = Infinity;
  for (const out of [...OUTPUTS, ...workers]) {
    const st = fs.statSync(path.join(root, out), { throwIfNoEntry: false });
    if (!st) return `${out} is missing`;
    oldest = Math.min(oldest, st.mtimeMs);
  }
  return newest.ms > oldest ? `${path.relative(root, newest.file)} changed after the last build` : null;
}

/**
 * Vitest's global setup: the Node bundles (CLI, host, workers) that tests start from dist/ are
 * built once, before any test file runs, and only when a source is newer than them. Test files
 * run in parallel workers; building here, in the one main process, means no file rebuilds dist/
 * while another runs from it.
 */
export default function buildOnce(): void {
  const root = appRoot();
  const why = staleBuild(root);
  if (why === null) return;
  process.stderr.write(`building dist/ for the tests: ${why}\n`);
  execFileSync(process.execPath, ['scripts/build.mjs', '--node-only'], { cwd: root, stdio: 'inherit' });
}
