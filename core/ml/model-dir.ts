import fs from 'node:fs';
import path from 'node:path';
import type { ModelManifest } from './manifest';
import type { ModelMetrics } from './pipeline-types';
import { fsyncDir } from '../storage/atomic-write';

/** A model directory holds exactly these three files. */
export const MODEL_FILE = 'model.onnx';
export const MANIFEST_FILE = 'manifest.json';
export const METRICS_FILE = 'metrics.json';

/**
 * In a folder the host has saved but not yet registered. A crash in between leaves it marked: it
 * is never read as the newest model, and start-up removes it (its job reads as interrupted).
 */
export const UNREGISTERED_FILE = '.unregistered';

/**
 * Write a model directory atomically: everything goes into a temporary sibling first, which is
 * renamed into place, so a crash never leaves a half-written model where a reader looks.
 * `unregistered`: the folder carries UNREGISTERED_FILE until `markRegistered`.
 */
export function saveModelDir(
  dir: string,
  files: { onnx: Uint8Array; manifest: ModelManifest; metrics: ModelMetrics },
  opts: { unregistered?: boolean } = {},
): string {
  const target = path.resolve(dir);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
  fs.mkdirSync(tmp);
  try {
    writeDurable(path.join(tmp, MODEL_FILE), files.onnx);
    writeDurable(path.join(tmp, MANIFEST_FILE), JSON.stringify(files.manifest, null, 2));
    writeDurable(path.join(tmp, METRICS_FILE), JSON.stringify(files.metrics, null, 2));
    if (opts.unregistered) writeDurable(path.join(tmp, UNREGISTERED_FILE), '');
    fsyncDir(tmp);
    if (fs.existsSync(target)) {
      const old = `${target}.old-${process.pid}-${Date.now()}`;
      fs.renameSync(target, old);
      fs.renameSync(tmp, target);
      fs.rmSync(old, { recursive: true, force: true });
    } else fs.renameSync(tmp, target);
    // The rename is only durable once the parent directory's entry is on disk (power cuts).
    fsyncDir(path.dirname(target));
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  return target;
}

/** Write and fsync, so the bytes are on disk before the directory is renamed into place. */
function writeDurable(file: string, data: string | Uint8Array): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The saved folder is registered: it may now be read as a trained version. */
export function markRegistered(dir: string): void {
  fs.rmSync(path.join(dir, UNREGISTERED_FILE), { force: true });
  fsyncDir(dir);
}

/**
 * Remove a saved folder that was never registered (its training was cancelled while registering),
 * and the model's folder with it when nothing else is in it. A registered folder is left alone.
 */
export function removeUnregisteredModelDir(dir: string): void {
  if (unregistered(dir)) removeModelDir(dir);
}

/** Remove a model folder, and the model's folder with it when nothing else is in it. */
export function removeModelDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  const parent = path.dirname(dir);
  if (fs.readdirSync(parent).length === 0) fs.rmdirSync(parent);
}

/**
 * Undo this process's save into `dir` that a cancel cut short (the worker saving it was
 * terminated): its temporary folder goes, a folder it was replacing comes back, and a folder it
 * had finished saving goes too when `created` (a new version, nobody else's).
 */
export function undoInterruptedSave(dir: string, created: boolean): void {
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  if (!fs.existsSync(parent)) return;
  const own = (kind: 'tmp' | 'old') =>
    fs
      .readdirSync(parent)
      .filter((n) => n.startsWith(`${path.basename(target)}.${kind}-${process.pid}-`))
      .map((n) => path.join(parent, n));
  for (const tmp of own('tmp')) fs.rmSync(tmp, { recursive: true, force: true });
  const [old] = own('old');
  if (old && !fs.existsSync(target)) fs.renameSync(old, target);
  else if (created) removeModelDir(target);
}

/** Leftovers of a save interrupted by a crash: `<version>.tmp-PID-TS` / `.old-PID-TS`. Never versions. */
const LEFTOVER = /\.(tmp|old)-(\d+)-\d+$/;

/**
 * A save's temporary folder is a leftover once the process that made it has gone: another
 * process (a `rakeplan train` beside the app) may be writing one right now.
 */
function savedByLiveProcess(name: string): boolean {
  const pid = Number(LEFTOVER.exec(name)?.[2]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const unregistered = (dir: string) => fs.existsSync(path.join(dir, UNREGISTERED_FILE));

/**
 * Remove interrupted saves and folders saved but never registered under the models folder (at
 * start-up, when nothing in this process can be writing; another process's save in progress is
 * left alone). `rakeplan train`, which saves without a host, removes the interrupted saves only.
 */
export function removeLeftoverModelDirs(dataDir: string, opts: { unregistered?: boolean } = {}): number {
  // A folder not yet registered may be the app's training being registered right now.
  const withUnregistered = opts.unregistered ?? true;
  const root = modelsRoot(dataDir);
  if (!fs.existsSync(root)) return 0;
  let removed = 0;
  for (const name of fs.readdirSync(root)) {
    const dir = path.join(root, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const v of fs.readdirSync(dir)) {
      if ((LEFTOVER.test(v) && !savedByLiveProcess(v)) || (withUnregistered && unregistered(path.join(dir, v)))) {
        fs.rmSync(path.join(dir, v), { recursive: true, force: true });
        removed++;
      }
    }
  }
  return removed;
}

export function readManifest(dir: string): ModelManifest {
  const file = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(file)) throw new Error(`${dir} is not a model directory: ${MANIFEST_FILE} is missing.`);
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as ModelManifest;
  if (m.format !== 'rakeplan.model/1')
    throw new Error(`${file}: unknown manifest format '${String(m.format)}' (expected rakeplan.model/1).`);
  return m;
}

export function readMetrics(dir: string): ModelMetrics | null {
  const file = path.join(dir, METRICS_FILE);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ModelMetrics) : null;
}

/** Trained models live under <dataDir>/models/<name>/<version>/. */
export function modelsRoot(dataDir: string): string {
  return path.join(dataDir, 'models');
}

/** A new version id: sortable UTC time, e.g. v20261122-063000-123. */
export function newVersionId(now = new Date()): string {
  const iso = now.toISOString();
  return `v${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${iso.slice(20, 23)}`;
}

/**
 * `DIR` (a model directory), `NAME` (the newest version under the data dir) or `NAME@VERSION`.
 * Errors list what exists, so a typo is easy to fix. `folders: false` takes `ref` as a name
 * only, so a window's name cannot reach a folder relative to the host's working directory.
 */
export function resolveModelDir(ref: string, dataDir: string, opts: { folders?: boolean } = {}): string {
  if (opts.folders !== false && fs.existsSync(path.join(ref, MANIFEST_FILE))) return path.resolve(ref);
  const [name, version] = ref.split('@') as [string, string | undefined];
  const root = path.join(modelsRoot(dataDir), name);
  if (!fs.existsSync(root)) {
    const known = fs.existsSync(modelsRoot(dataDir)) ? fs.readdirSync(modelsRoot(dataDir)) : [];
    throw new Error(
      `No model '${name}' (not a model directory either). Trained models: ${known.length ? known.join(', ') : 'none'}.`,
    );
  }
  const versions = fs
    .readdirSync(root)
    .filter(
      (v) => !LEFTOVER.test(v) && fs.existsSync(path.join(root, v, MANIFEST_FILE)) && !unregistered(path.join(root, v)),
    )
    .sort();
  if (version) {
    if (!versions.includes(version))
      throw new Error(
        `Model '${name}' has no trained folder '${version}' (folders: ${versions.join(', ') || 'none'}).${
          // The registry numbers its versions 1, 2, …; the trainer names folders by time.
          /^\d+$/.test(version)
            ? ` ${name}@${version} reads as a registry version: score through the registry with \`rakeplan predict --batch --model ${name}\` (its production or pinned version).`
            : ''
        }`,
      );
    return path.join(root, version);
  }
  if (versions.length === 0) throw new Error(`Model '${name}' has no trained version yet.`);
  return path.join(root, versions.at(-1)!);
}
