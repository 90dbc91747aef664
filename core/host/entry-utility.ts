import { createHost } from './create-host';
import { installProcessGuards } from './guards';
import { resolveDataDir } from './paths';
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
      postMessage: (data) => void process.send!(data),
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
servePerConnection(parent, (port) => host.app.connect(port));
parent.postMessage({ ready: true, dataDir: host.services.dataDir });
// A forked child must not outlive the window: its IPC channel closing means main is gone.
process.on('disconnect', () => process.exit(0));
