import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';

type RebuildOptions = {
  buildPath: string;
  electronVersion: string;
  arch: string;
  onlyModules: string[];
  force: boolean;
};
type Hook = (
  context: unknown,
  deps: { rebuild: (o: RebuildOptions) => Promise<void>; projectRoot: string; hostPlatform?: string },
) => Promise<void>;
const { rebuildPackagedNative } = createRequire(import.meta.url)('../../scripts/after-pack.cjs') as {
  rebuildPackagedNative: Hook;
};

const BINARY = path.join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
let cleanup = (): void => {};
afterEach(() => cleanup());

/** A project with Node's build of better-sqlite3, and a packaged app (asar) holding a copy of that build. */
function fixture(opts: { asar: boolean }) {
  const tmp = tempDir('rakeplan-afterpack-');
  cleanup = tmp.cleanup;
  const root = path.join(tmp.dir, 'project');
  const mod = path.join(root, 'node_modules', 'better-sqlite3');
  fs.mkdirSync(path.join(mod, 'build', 'Release'), { recursive: true });
  fs.mkdirSync(path.join(mod, 'src'), { recursive: true });
  fs.writeFileSync(path.join(mod, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }));
  fs.writeFileSync(path.join(mod, 'binding.gyp'), '{}');
  fs.writeFileSync(path.join(mod, 'src', 'better_sqlite3.cpp'), '// source');
  fs.writeFileSync(path.join(root, BINARY), 'node-abi');
  const outDir = path.join(root, 'release');
  const appOutDir = path.join(outDir, 'linux-unpacked');
  const resources = path.join(appOutDir, 'resources');
  const packaged = opts.asar ? path.join(resources, 'app.asar.unpacked', BINARY) : path.join(resources, 'app', BINARY);
  fs.mkdirSync(path.dirname(packaged), { recursive: true });
  fs.writeFileSync(packaged, 'node-abi');
  if (!opts.asar) fs.writeFileSync(path.join(resources, 'app', 'node_modules', 'better-sqlite3', 'binding.gyp'), '{}');
  const context = {
    outDir,
    appOutDir,
    arch: 1,
    electronPlatformName: 'linux',
    targets: [],
    packager: { config: { electronVersion: '41.7.1' }, getResourcesDir: (dir: string) => path.join(dir, 'resources') },
  };
  const calls: RebuildOptions[] = [];
  // Stands in for @electron/rebuild: "compiles" by writing an Electron binary where node-gyp would.
  const rebuild = async (o: RebuildOptions) => {
    calls.push(o);
    expect(fs.existsSync(path.join(o.buildPath, BINARY))).toBe(!opts.asar); // staging starts without Node's binary
    fs.mkdirSync(path.dirname(path.join(o.buildPath, BINARY)), { recursive: true });
    fs.writeFileSync(path.join(o.buildPath, BINARY), 'electron-abi');
  };
  return { root, packaged, context, calls, rebuild };
}

describe('afterPack: better-sqlite3 for Electron, in the packaged app only', () => {
  it('replaces the packaged binary and leaves the project’s Node build alone (asar)', async () => {
    const f = fixture({ asar: true });
    await rebuildPackagedNative(f.context, { rebuild: f.rebuild, projectRoot: f.root, hostPlatform: 'linux' });
    expect(f.calls).toHaveLength(1);
    const call = f.calls[0]!;
    expect(call).toMatchObject({
      electronVersion: '41.7.1',
      arch: 'x64',
      onlyModules: ['better-sqlite3'],
      force: true,
    });
    expect(path.resolve(call.buildPath)).not.toBe(path.resolve(f.root));
    expect(path.relative(path.join(f.root, 'node_modules'), call.buildPath).startsWith('..')).toBe(true);
    expect(fs.readFileSync(f.packaged, 'utf8')).toBe('electron-abi');
    expect(fs.readFileSync(path.join(f.root, BINARY), 'utf8')).toBe('node-abi');
    // The staged module carries the sources node-gyp needs.
    expect(fs.existsSync(path.join(call.buildPath, 'node_modules', 'better-sqlite3', 'binding.gyp'))).toBe(true);
  });

  it('rebuilds in place when the app is not in an asar', async () => {
    const f = fixture({ asar: false });
    await rebuildPackagedNative(f.context, { rebuild: f.rebuild, projectRoot: f.root, hostPlatform: 'linux' });
    expect(f.calls[0]!.buildPath).toBe(path.join(f.context.appOutDir, 'resources', 'app'));
    expect(fs.readFileSync(f.packaged, 'utf8')).toBe('electron-abi');
    expect(fs.readFileSync(path.join(f.root, BINARY), 'utf8')).toBe('node-abi');
  });

  it('refuses to cross-compile, and says why', async () => {
    const f = fixture({ asar: true });
    await expect(
      rebuildPackagedNative(
        { ...f.context, electronPlatformName: 'win32' },
        { rebuild: f.rebuild, projectRoot: f.root, hostPlatform: 'linux' },
      ),
    ).rejects.toThrow(/cannot build better-sqlite3 for win32 on linux/);
    expect(f.calls).toHaveLength(0);
  });

  it('fails loudly when the binary was packed into the asar', async () => {
    const f = fixture({ asar: true });
    fs.rmSync(f.packaged);
    await expect(
      rebuildPackagedNative(f.context, { rebuild: f.rebuild, projectRoot: f.root, hostPlatform: 'linux' }),
    ).rejects.toThrow(/asarUnpack/);
  });

  it('fails when the rebuild produced no binary instead of shipping Node’s', async () => {
    const f = fixture({ asar: true });
    await expect(
      rebuildPackagedNative(f.context, { rebuild: async () => {}, projectRoot: f.root, hostPlatform: 'linux' }),
    ).rejects.toThrow(/does not exist/);
    expect(fs.readFileSync(f.packaged, 'utf8')).toBe('node-abi');
  });

  it('loads @electron/rebuild through its exported entry point', async () => {
    const mod = (await import('@electron/rebuild')) as { rebuild?: unknown };
    expect(typeof mod.rebuild).toBe('function');
  });
});
