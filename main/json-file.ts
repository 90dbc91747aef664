import fs from 'node:fs';
import { writeFileAtomic } from '../core/storage/atomic-write';

/** A small JSON file of main's own (window state, recent files); unreadable or corrupt reads as undefined. */
export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Crash-safe (core/storage/atomic-write.ts): a half file would lose the window on every start. */
export function writeJsonFileAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, JSON.stringify(value));
}
