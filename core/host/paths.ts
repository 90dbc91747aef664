import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let cachedRoot: string | undefined;

/**
 * The app's root folder (the one holding RakePlan's package.json), found by walking up from this
 * file. Works from source (vitest, tsx), from the bundles in dist/, and inside a packaged app.
 */
export function appRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        if ((JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'rakeplan')
          return (cachedRoot = dir);
      } catch {
        /* keep walking */
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find RakePlan's package.json above ${__dirname}`);
    dir = parent;
  }
}

export function appVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(appRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** Built worker scripts live in dist/workers/<name>.js (scripts/build.mjs bundles core/**\/*.worker.ts). */
export function workerScript(name: string): string {
  const file = path.join(appRoot(), 'dist', 'workers', `${name}.js`);
  if (!fs.existsSync(file)) throw new Error(`Worker script ${file} is missing: run \`npm run build\` first.`);
  return file;
}

/**
 * Where data lives. RAKEPLAN_DATA_DIR wins over everything (tests isolate themselves with it),
 * then an explicit --data-dir, then the platform's place (Electron's userData), then ~/.rakeplan.
 */
export function resolveDataDir(opts: { flag?: string; platformDefault?: string } = {}): string {
  const chosen =
    process.env.RAKEPLAN_DATA_DIR || opts.flag || opts.platformDefault || path.join(os.homedir(), '.rakeplan');
  return path.resolve(chosen);
}

/**
 * Why `dir` cannot be a data directory, or null when it can be (it is a folder, or can be made
 * one): the nearest existing path at or above it must be a folder.
 */
export function dataDirProblem(dir: string): string | null {
  for (let p = path.resolve(dir); ; p = path.dirname(p)) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(p);
    } catch (err) {
      // Missing, or under a file (ENOTDIR): look one level up.
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return (err as Error).message;
    }
    if (st) return st.isDirectory() ? null : `${p} is a file, not a folder`;
    if (path.dirname(p) === p) return null;
  }
}
