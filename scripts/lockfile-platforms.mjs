// Keeps package-lock.json installable with `npm ci` everywhere. Our registry mirror serves only
// this platform's native sub-packages (rollup, tailwind's oxide), so `npm install` writes a lock
// without the other platforms' optional entries, and `npm ci` then refuses the lock as out of
// sync. This adds each missing optional platform package with its os/cpu, which npm skips on
// other platforms and fetches by name and version where it matches. Run after `npm install`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(root, 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));

const OS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32', 'sunos', 'aix', 'netbsd'];
const CPU = {
  arm64: 'arm64',
  x64: 'x64',
  ia32: 'ia32',
  arm: 'arm',
  'arm-eabi': 'arm',
  loong64: 'loong64',
  ppc64: 'ppc64',
  riscv64: 'riscv64',
  s390x: 's390x',
  wasm32: 'wasm32',
};

function platformOf(name) {
  const base = name.split('/').pop();
  const parts = base.split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpuKey = Object.keys(CPU)
    .sort((a, b) => b.length - a.length)
    .find((c) => base.includes(`-${c}`));
  const out = {};
  if (os) out.os = [os];
  if (cpuKey) out.cpu = [CPU[cpuKey]];
  if (/-musl/.test(base)) out.libc = ['musl'];
  else if (/-gnu/.test(base) && os === 'linux') out.libc = ['glibc'];
  return out;
}

let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const prefix = key === '' ? 'node_modules/' : `${key}/node_modules/`;
    if (lock.packages[`${prefix}${dep}`] || lock.packages[`node_modules/${dep}`]) continue;
    const plat = platformOf(dep);
    if (!plat.os && !plat.cpu) continue; // not a platform package: leave npm's own resolution alone
    lock.packages[`node_modules/${dep}`] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...plat };
    added++;
  }
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`lockfile-platforms: added ${added} optional platform entries`);
