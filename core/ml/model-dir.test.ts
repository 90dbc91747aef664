import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/helpers/tmp';
import { modelsRoot, removeLeftoverModelDirs, resolveModelDir } from './model-dir';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function fakeVersion(root: string, name: string, files: string[]): void {
  fs.mkdirSync(path.join(root, name), { recursive: true });
  for (const f of files)
    fs.writeFileSync(path.join(root, name, f), f === 'manifest.json' ? '{"format":"rakeplan.model/1"}' : 'x');
}

describe('model directories after a crash', () => {
  it('never resolves an interrupted save as the newest version, and removes it at start-up', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const root = path.join(modelsRoot(t.dir), 'transit-delay');
    fakeVersion(root, 'v20261122-060000-000', ['model.onnx', 'manifest.json', 'metrics.json']);
    // Killed after writing the manifest but before the rename: sorts after the real version.
    fakeVersion(root, 'v20261122-070000-000.tmp-4242-1795000000000', ['model.onnx', 'manifest.json']);
    fakeVersion(root, 'v20261122-050000-000.old-4242-1795000000000', ['model.onnx', 'manifest.json', 'metrics.json']);
    expect(path.basename(resolveModelDir('transit-delay', t.dir))).toBe('v20261122-060000-000');
    // A registry number is not a folder: the answer says where it belongs.
    expect(() => resolveModelDir('transit-delay@1', t.dir)).toThrow(
      /has no trained folder '1' \(folders: v20261122-060000-000\)\. transit-delay@1 reads as a registry version: .*predict --batch --model transit-delay/,
    );
    expect(removeLeftoverModelDirs(t.dir)).toBe(2);
    expect(fs.readdirSync(root)).toEqual(['v20261122-060000-000']);
  });
});
