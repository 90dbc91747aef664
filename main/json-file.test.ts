import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../tests/helpers/tmp';
import { readJsonFile, writeJsonFileAtomic } from './json-file';

const dirs: { cleanup(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

describe("main's small JSON files", () => {
  it('replaces the file whole, and a failed write leaves no temporary file behind', () => {
    const t = tempDir();
    dirs.push(t);
    const file = path.join(t.dir, 'prefs.json');
    writeJsonFileAtomic(file, { theme: 'dark' });
    writeJsonFileAtomic(file, { theme: 'light' });
    expect(readJsonFile(file)).toEqual({ theme: 'light' });
    // A folder where the file should be: the rename fails.
    const blocked = path.join(t.dir, 'blocked.json');
    fs.mkdirSync(path.join(blocked, 'inside'), { recursive: true });
    expect(() => writeJsonFileAtomic(blocked, {})).toThrow();
    expect(fs.readdirSync(t.dir).sort()).toEqual(['blocked.json', 'prefs.json']);
  });
});
