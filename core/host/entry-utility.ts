import { createHost } from './create-host';
import { resolveDataDir } from './paths';
import { servePerConnection } from './transports/utility-port';

/**
 * The host inside Electron: forked by main as a utilityProcess, so a native crash (HiGHS abort,
 * onnxruntime bad_alloc) ends this process, not the window; main restarts it.
 */
const parentPort = (process as unknown as { parentPort?: Parameters<typeof servePerConnection>[0] }).parentPort;
if (!parentPort) throw new Error('entry-utility must run as an Electron utilityProcess.');
const host = createHost({ dataDir: resolveDataDir({ platformDefault: process.env.RAKEPLAN_USER_DATA }), mode: 'electron' });
servePerConnection(parentPort, (port) => host.app.connect(port));
parentPort.postMessage({ ready: true, dataDir: host.services.dataDir });
