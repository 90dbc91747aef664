import { createHost } from './create-host';
import { installProcessGuards } from './guards';
import { resolveDataDir } from './paths';
import { shutdownHost } from './shutdown';
import { servePerConnection, type ParentPort } from './transports/utility-port';

/**
 * The host beside the Electron window. Packaged, main forks it as a utilityProcess (better-sqlite3
 * rebuilt for Electron's ABI at packaging). In development main forks it with the system Node,
 * whose ABI the installed native modules were built for. Either way a native crash (HiGHS abort,
 * onnxruntime bad_alloc) ends this process, not the window, and main restarts it.
 */
function parentChannel(): ParentPort {
  const utility = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (utility) return utility;
  if (process.send) {
    return {
      on: (_event, fn) => void process.on('message', (data) => fn({ data })),
      // Main may be gone already while the host stops.
      postMessage: (data) => void (process.connected && process.send!(data)),
    };
  }
  throw new Error('The RakePlan host must be started by the desktop app (utilityProcess or a forked child).');
}

installProcessGuards();
const parent = parentChannel();
const host = createHost({
  dataDir: resolveDataDir({ platformDefault: process.env.RAKEPLAN_USER_DATA }),
  mode: 'electron',
});
const closeConnections = servePerConnection(parent, (port) => host.app.connect(port));
parent.postMessage({ ready: true, dataDir: host.services.dataDir });
// Main asks before quitting while heavy work runs: keep it told what runs.
host.services.slots.onChange((running) => parent.postMessage({ running }));

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  void shutdownHost(host, closeConnections).finally(() => process.exit(0));
}
parent.on('message', ({ data }) => {
  if ((data as { shutdown?: unknown } | null)?.shutdown === true) stop();
});
// A forked child must not outlive the window: its IPC channel closing means main is gone.
process.on('disconnect', stop);
