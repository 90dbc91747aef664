// electron-builder afterPack hook: give the packaged app a better-sqlite3 built for Electron's ABI.
//
// Why afterPack and not beforePack: beforePack runs before anything is copied, so the only
// node_modules it could rebuild is the project's own, and the tests need that one to stay Node's
// build. By afterPack the app has been copied into appOutDir; the native binary sits unpacked
// (asarUnpack: **/*.node) beside app.asar, and fuses and signing still come after this hook.
//
// The packaged copy holds only the .node file (the C sources are sealed in app.asar), so we
// compile in a staging folder under the output directory and replace the packaged binary.
// Nothing here writes to the project's node_modules.
const fs = require('node:fs');
const path = require('node:path');

const MODULE = 'better-sqlite3';
const BINARY = path.join('build', 'Release', 'better_sqlite3.node');
// electron-builder's Arch enum (builder-util), by value.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

function archName(arch) {
  return typeof arch === 'number' ? ARCH_NAMES[arch] : arch;
}

function isInside(child, parent) {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * @param context electron-builder's AfterPackContext.
 * @param deps    injectable for tests: `rebuild` (@electron/rebuild's exported API) and `projectRoot`.
 */
async function rebuildPackagedNative(context, deps = {}) {
  const projectRoot = deps.projectRoot || path.resolve(__dirname, '..');
  const rebuild = deps.rebuild || (await import('@electron/rebuild')).rebuild;
  const electronVersion =
    context.packager.config.electronVersion ||
    require(path.join(projectRoot, 'node_modules', 'electron', 'package.json')).version;
  const arch = archName(context.arch);
  const platform = context.electronPlatformName;
  // @electron/rebuild compiles with the host toolchain; it cannot cross-compile native modules.
  if (platform !== (deps.hostPlatform || process.platform)) {
    throw new Error(
      `afterPack: cannot build ${MODULE} for ${platform} on ${deps.hostPlatform || process.platform}; package on the target OS.`,
    );
  }
  const resourcesDir = context.packager.getResourcesDir(context.appOutDir);
  const projectModules = path.join(projectRoot, 'node_modules');
  const options = { electronVersion, arch, platform, onlyModules: [MODULE], force: true, mode: 'sequential' };

  // asar: false — the whole module, sources included, was copied: rebuild it where it lies.
  const plainApp = path.join(resourcesDir, 'app');
  if (fs.existsSync(path.join(plainApp, 'node_modules', MODULE, 'binding.gyp'))) {
    console.log(`afterPack: rebuilding ${MODULE} in ${plainApp} for Electron ${electronVersion} (${platform}-${arch})`);
    await rebuild({ ...options, buildPath: plainApp });
    return;
  }

  const packagedBinary = path.join(resourcesDir, 'app.asar.unpacked', 'node_modules', MODULE, BINARY);
  if (!fs.existsSync(packagedBinary)) {
    throw new Error(`afterPack: ${packagedBinary} is missing; asarUnpack must keep **/*.node out of app.asar.`);
  }
  const staging = path.join(context.outDir, '.native', `${platform}-${arch}`);
  if (isInside(staging, projectModules)) throw new Error(`afterPack: refusing to build inside ${projectModules}`);
  fs.rmSync(staging, { recursive: true, force: true });
  const source = path.join(projectModules, MODULE);
  const staged = path.join(staging, 'node_modules', MODULE);
  const { version } = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'));
  // The sources only: a copied build/ would be Node's binary, and a stale one could slip through.
  fs.cpSync(source, staged, { recursive: true, filter: (src) => src !== path.join(source, 'build') });
  fs.writeFileSync(
    path.join(staging, 'package.json'),
    JSON.stringify({ name: 'rakeplan-native-staging', private: true, dependencies: { [MODULE]: version } }),
  );

  console.log(
    `afterPack: building ${MODULE} ${version} for Electron ${electronVersion} (${platform}-${arch}) in ${staging}`,
  );
  await rebuild({ ...options, buildPath: staging });
  const built = path.join(staged, BINARY);
  if (!fs.existsSync(built)) throw new Error(`afterPack: @electron/rebuild finished but ${built} does not exist.`);
  fs.copyFileSync(built, packagedBinary);
}

exports.rebuildPackagedNative = rebuildPackagedNative;
exports.default = (context) => rebuildPackagedNative(context);
