import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/helpers/tmp';
import {
  markRegistered,
  modelsRoot,
  removeLeftoverModelDirs,
  resolveModelDir,
  undoInterruptedSave,
  UNREGISTERED_FILE,
} from './model-dir';

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
    // Its process has ended (a made-up pid could be a live one).
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    fakeVersion(root, `v20261122-070000-000.tmp-${gone}-1795000000000`, ['model.onnx', 'manifest.json']);
    fakeVersion(root, `v20261122-050000-000.old-${gone}-1795000000000`, [
      'model.onnx',
      'manifest.json',
      'metrics.json',
    ]);
    expect(path.basename(resolveModelDir('transit-delay', t.dir))).toBe('v20261122-060000-000');
    // A registry number is not a folder: the answer says where it belongs.
    expect(() => resolveModelDir('transit-delay@1', t.dir)).toThrow(
      /has no trained folder '1' \(folders: v20261122-060000-000\)\. transit-delay@1 reads as a registry version: .*predict --batch --model transit-delay/,
    );
    expect(removeLeftoverModelDirs(t.dir)).toBe(2);
    expect(fs.readdirSync(root)).toEqual(['v20261122-060000-000']);
  });

  it('never resolves a folder saved but not yet registered, and removes it at start-up after a crash', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const root = path.join(modelsRoot(t.dir), 'transit-delay');
    const files = ['model.onnx', 'manifest.json', 'metrics.json'];
    fakeVersion(root, 'v20261122-060000-000', files);
    fakeVersion(root, 'v20261122-070000-000', [...files, UNREGISTERED_FILE]);
    fakeVersion(root, 'v20261122-080000-000', [...files, UNREGISTERED_FILE]);
    expect(path.basename(resolveModelDir('transit-delay', t.dir))).toBe('v20261122-060000-000');
    expect(() => resolveModelDir('transit-delay@v20261122-070000-000', t.dir)).toThrow(/has no trained folder/);
    // Registered: it is a trained version like any other.
    markRegistered(path.join(root, 'v20261122-080000-000'));
    expect(path.basename(resolveModelDir('transit-delay', t.dir))).toBe('v20261122-080000-000');
    // Killed between saving and registering: start-up removes the folder.
    expect(removeLeftoverModelDirs(t.dir)).toBe(1);
    expect(fs.readdirSync(root).sort()).toEqual(['v20261122-060000-000', 'v20261122-080000-000']);
  });

  it("leaves another running process's save in progress, and the unregistered folders when asked to", () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const root = path.join(modelsRoot(t.dir), 'transit-delay');
    const files = ['model.onnx', 'manifest.json', 'metrics.json'];
    // A process that has ended: its pid names a save nobody is writing any more.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    const live = process.ppid;
    fakeVersion(root, `v20261122-070000-000.tmp-${gone}-1795000000000`, ['model.onnx']);
    fakeVersion(root, `v20261122-080000-000.tmp-${live}-1795000000000`, ['model.onnx']);
    fakeVersion(root, 'v20261122-090000-000', [...files, UNREGISTERED_FILE]);
    expect(removeLeftoverModelDirs(t.dir, { unregistered: false })).toBe(1);
    expect(fs.readdirSync(root).sort()).toEqual([
      `v20261122-080000-000.tmp-${live}-1795000000000`,
      'v20261122-090000-000',
    ]);
  });
});

describe('a save cut short by a cancel', () => {
  const files = ['model.onnx', 'manifest.json', 'metrics.json'];
  const setup = () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    return t.dir;
  };

  it('removes its temporary folder and puts back the folder it was replacing', () => {
    const dir = setup();
    fakeVersion(dir, `out.tmp-${process.pid}-1`, files);
    fakeVersion(dir, `out.old-${process.pid}-1`, files);
    undoInterruptedSave(path.join(dir, 'out'), false);
    expect(fs.readdirSync(dir)).toEqual(['out']);
    expect(fs.readdirSync(path.join(dir, 'out')).sort()).toEqual([...files].sort());
  });

  it('removes a new version it had finished saving, and leaves a folder given to it in place', () => {
    const dir = setup();
    const root = path.join(dir, 'demand');
    fakeVersion(root, 'v1', files);
    undoInterruptedSave(path.join(root, 'v1'), true);
    expect(fs.readdirSync(dir)).toEqual([]);
    fakeVersion(dir, 'out', files);
    undoInterruptedSave(path.join(dir, 'out'), false);
    expect(fs.readdirSync(path.join(dir, 'out')).length).toBe(3);
  });
});
