// `npm start`: the desktop app where the Electron binary is available; otherwise one line saying
// why, then browser mode (the same app in the system browser, over a loopback WebSocket).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  // Don't trigger electron's download-on-first-use: look for the binary it would run.
  const pkg = path.dirname(require.resolve('electron/package.json'));
  const pathTxt = path.join(pkg, 'path.txt');
  if (fs.existsSync(pathTxt)) {
    const bin = path.join(pkg, 'dist', fs.readFileSync(pathTxt, 'utf8').trim());
    if (fs.existsSync(bin)) return bin;
  }
  if (process.env.RAKEPLAN_TRY_ELECTRON_DOWNLOAD === '1') {
    try {
      return require('electron'); // downloads the binary, needs internet
    } catch {
      return null;
    }
  }
  return null;
}

function run(cmd, args) {
  // RAKEPLAN_NODE: the desktop shell runs its host on this Node in development (see main/host-process.ts).
  const child = spawn(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, RAKEPLAN_NODE: process.execPath },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

const bin = electronBinary();
if (bin) run(bin, [root]);
else {
  console.log(
    'Electron binary not available here (it is downloaded on first launch and this machine cannot); starting browser mode instead — open the URL below.',
  );
  run(process.execPath, [path.join(root, 'bin', 'rakeplan.js'), 'serve', ...process.argv.slice(2)]);
}
