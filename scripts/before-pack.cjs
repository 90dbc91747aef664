// electron-builder beforePack hook: rebuild better-sqlite3 for the Electron ABI of the target.
// It runs only when packaging, so `npm install` and the tests keep Node's own build.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

exports.default = async function beforePack(context) {
  const electronVersion = context.packager.config.electronVersion || require('electron/package.json').version;
  const arch = typeof context.arch === 'number' ? ['ia32', 'x64', 'armv7l', 'arm64', 'universal'][context.arch] : context.arch;
  const root = path.resolve(__dirname, '..');
  console.log(`beforePack: rebuilding better-sqlite3 for Electron ${electronVersion} (${arch})`);
  execFileSync(
    process.execPath,
    [require.resolve('@electron/rebuild/lib/cli.js'), '--version', electronVersion, '--arch', arch, '--only', 'better-sqlite3', '--force'],
    { cwd: root, stdio: 'inherit' },
  );
};
