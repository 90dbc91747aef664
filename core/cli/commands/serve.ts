import path from 'node:path';
import { createHost } from '../../host/create-host';
import { installProcessGuards } from '../../host/guards';
import { appRoot } from '../../host/paths';
import { startBrowserServer } from '../../host/transports/ws-server';
import { metricsRoute } from '../../monitoring/http';
import { CliUsageError, num } from '../args';
import type { CliCommand } from '../command';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Run RakePlan in browser mode on 127.0.0.1 with a per-launch token',
  usage: 'rakeplan serve [--port N] [--data-dir DIR]',
  async run(args, env) {
    installProcessGuards();
    // Checked before the host starts: its spare solve worker would keep a refused command alive.
    const port = num(args, 'port', 0)!;
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new CliUsageError(`--port must be a whole number from 0 to 65535 (0: any free port), got '${port}'`);
    const host = createHost({ dataDir: env.dataDir, mode: 'browser' });
    let server;
    try {
      server = await startBrowserServer(host.app, {
        port,
        staticDir: path.join(appRoot(), 'dist', 'renderer'),
        routes: metricsRoute(host.services),
      });
    } catch (err) {
      host.close();
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new Error(`port ${port} is in use on 127.0.0.1: give another with --port, or 0`);
      throw err;
    }
    if (host.services.dbError) env.err(`warning: ${host.services.dbError.message}`);
    env.out(`RakePlan browser mode: ${server.url}`);
    env.out(`data directory: ${host.services.dataDir}`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    host.close();
    return 0;
  },
};
