import fs from 'node:fs';
import path from 'node:path';

/** A small JSON file of main's own (window state, recent files); unreadable or corrupt reads as undefined. */
export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Written beside the target, flushed, then renamed over it: a crash or power cut mid-write leaves
 * the previous file, never half of one (a half file would lose the window on every start).
 */
export function writeJsonFileAtomic(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, JSON.stringify(value));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
