import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';

// js-yaml and app-builder-lib come with electron-builder; they have no types we depend on.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};
// The .deb target's own metadata check, which runs only after a full (online) packaging.
const FpmTarget = (
  require('app-builder-lib/out/targets/FpmTarget.js') as {
    default: { prototype: { computeFpmMetaInfoOptions(): Promise<{ url: string; maintainer: string }> } };
  }
).default;
const { AppInfo } = require('app-builder-lib/out/appInfo.js') as {
  AppInfo: { prototype: { computePackageUrl(): Promise<string | null> } };
};

const root = path.resolve(__dirname, '..', '..');
type Config = {
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  fileAssociations: { ext: string }[];
  publish?: unknown;
  afterPack: string;
  linux: { target: string[] };
  win: { target: string[] };
};
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Config;
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  homepage?: string;
  author?: { name: string; email: string };
};

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}
const unpacked = (rel: string) => config.asarUnpack.some((pattern) => minimatch(rel, pattern, { dot: true }));

describe('electron-builder.yml', () => {
  it('is a configuration electron-builder accepts', async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add: () => {} })).resolves.toBeUndefined();
  });

  it('flips the fuses that keep anything but our asar from running', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('gives the Linux .deb the homepage and maintainer email electron-builder requires', async () => {
    // The objects electron-builder would pass, reduced to what this check reads.
    const info = { metadata: pkg, repositoryInfo: Promise.resolve(null) };
    const appInfo = { info, notNullDevMetadata: {}, linuxPackageName: 'rakeplan' };
    const packager = {
      info,
      appInfo: Object.assign(appInfo, { computePackageUrl: AppInfo.prototype.computePackageUrl }),
    };
    const deb = FpmTarget.prototype.computeFpmMetaInfoOptions.call({ packager, options: config.linux });
    await expect(deb).resolves.toMatchObject({
      url: pkg.homepage,
      maintainer: expect.stringMatching(/^[^<>]+ <[^@\s]+@[^@\s]+>$/),
    });
  });

  it('unpacks every worker script core/host/paths.ts hands to worker_threads', () => {
    const workers = walk(path.join(root, 'core')).filter((f) => f.endsWith('.worker.ts'));
    expect(workers.length).toBeGreaterThan(0);
    for (const w of workers) expect(unpacked(`dist/workers/${path.basename(w, '.worker.ts')}.js`), w).toBe(true);
    expect(unpacked('dist/main/index.js')).toBe(false); // the app code itself stays sealed
  });

  it('unpacks the native libraries and wasm of the engines the host loads from disk', () => {
    const binaries = ['better-sqlite3', 'onnxruntime-node', 'highs']
      .flatMap((pkg) => walk(path.join(root, 'node_modules', pkg)))
      .map((f) => path.relative(root, f).split(path.sep).join('/'))
      .filter((f) => /\.(node|wasm|dll|dylib)$|\.so(\.\d+)*$/.test(f));
    expect(binaries.some((f) => f.endsWith('highs.wasm'))).toBe(true);
    expect(binaries.some((f) => f.includes('onnxruntime_binding.node'))).toBe(true);
    for (const f of binaries) expect(unpacked(f), f).toBe(true);
  });

  it('associates scenario files, builds Linux and Windows installers, and publishes nothing', () => {
    expect(config.fileAssociations.map((a) => a.ext)).toContain('rakeplan.json');
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toContain('nsis');
    // There is no updater: update metadata would only promise one.
    expect(config.publish).toBeUndefined();
    expect(fs.existsSync(path.join(root, config.afterPack))).toBe(true);
  });
});
