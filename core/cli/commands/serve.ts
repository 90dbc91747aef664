import path from 'node:path';
import { createHost } from '../../host/create-host';
import { installProcessGuards } from '../../host/guards';
import { appRoot } from '../../host/paths';
import { startBrowserServer } from '../../host/transports/ws-server';
import { metricsRoute } from '../../monitoring/http';
import { num } from '../args';
import type { CliCommand } from '../command';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Run RakePlan in browser mode on 127.0.0.1 with a per-launch token',
  usage: 'rakeplan serve [--port N] [--data-dir DIR]',
  async run(args, env) {
    installProcessGuards();
    const host = createHost({ dataDir: env.dataDir, mode: 'browser' });
    const server = await startBrowserServer(host.app, {
      port: num(args, 'port', 0),
      staticDir: path.join(appRoot(), 'dist', 'renderer'),
      routes: metricsRoute(host.services),
    });
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
