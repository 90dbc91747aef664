import type { CliCommand } from '../command';
import { withCliHost } from '../with-host';

export const healthCommand: CliCommand = {
  name: 'health',
  summary: 'Print app version, schema version, database status and data directory as JSON',
  usage: 'rakeplan health',
  async run(_args, env) {
    return withCliHost(env, async (host) => {
      const info = await host.app.invoke('health.get', {});
      env.out(JSON.stringify(info, null, 2));
      return info.db.status === 'ok' ? 0 : 1;
    });
  },
};
