import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../tests/helpers/tmp';
import { writeFileAtomic, writeFileAtomicAsync } from './atomic-write';

const tmp = tempDir('rp-atomic-');
afterEach(() => vi.restoreAllMocks());

/**
 * Whatever moment a kill lands, the target is the old file or the new one: the target itself is
 * never opened for writing (which truncates it), only a sibling that is fsynced and renamed.
 */
describe('writeFileAtomic', () => {
  it.each([
    ['sync', writeFileAtomic],
    ['async', writeFileAtomicAsync],
  ] as const)('%s: never opens the target for writing; the new bytes arrive by rename', async (_kind, write) => {
    const file = path.join(tmp.dir, `plan-${_kind}.json`);
    fs.writeFileSync(file, 'old');
    const opened: string[] = [];
    const sync = vi.spyOn(fs, 'openSync');
    const promised = vi.spyOn(fs.promises, 'open');
    const renamed: [string, string][] = [];
    const renameSync = vi.spyOn(fs, 'renameSync');
    const renameAsync = vi.spyOn(fs.promises, 'rename');
    await write(file, 'new contents');
    for (const call of [...sync.mock.calls, ...promised.mock.calls])
      if (call[1] !== 'r') opened.push(path.resolve(String(call[0])));
    for (const call of [...renameSync.mock.calls, ...renameAsync.mock.calls])
      renamed.push([String(call[0]), path.resolve(String(call[1]))]);
    expect(opened).not.toContain(path.resolve(file));
    expect(renamed.map((r) => r[1])).toEqual([path.resolve(file)]);
    expect(path.dirname(renamed[0]![0])).toBe(path.dirname(path.resolve(file)));
    expect(fs.readFileSync(file, 'utf8')).toBe('new contents');
    expect(fs.readdirSync(tmp.dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});
