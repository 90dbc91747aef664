import { MAX_WINDOW_MINUTES } from '../../contract/api/monitoring';
import { bool, onlyFor, wholeNumber } from '../args';
import type { CliCommand } from '../command';
import { withCliHost } from '../with-host';

export const metricsCommand: CliCommand = {
  name: 'metrics',
  summary: 'Print stored call metrics (per call: count, errors, p50/p95/p99) or Prometheus text',
  usage: 'rakeplan metrics [--minutes N] [--prometheus | --json]   (--prometheus: totals over the stored series)',
  async run(args, env) {
    const minutes = wholeNumber(args, 'minutes', 1, MAX_WINDOW_MINUTES, 60);
    return withCliHost(env, async (host) => {
      if (bool(args, 'prometheus')) {
        onlyFor(args, 'metrics --prometheus', ['prometheus']);
        env.out((await host.app.invoke('monitoring.prometheus', { stored: true })).text.trimEnd());
        return 0;
      }
      const o = await host.app.invoke('monitoring.overview', { minutes });
      if (bool(args, 'json')) {
        env.out(JSON.stringify(o, null, 2));
        return 0;
      }
      const ms = (v: number | null) => (v === null ? '–' : `${v.toFixed(1)} ms`);
      env.out(`Calls over the last ${o.minutes} min (stored in the data directory):`);
      for (const c of o.byCall)
        env.out(
          `  ${c.key.padEnd(28)} ${String(c.count).padStart(7)} calls ${String(c.errors).padStart(5)} errors  p50 ${ms(c.p50)}  p95 ${ms(c.p95)}  p99 ${ms(c.p99)}`,
        );
      for (const m of o.models)
        env.out(
          `  model ${m.name}@${m.version ?? '-'} ${m.alias}: ${m.status}${m.lastError ? ` (${m.lastError})` : ''}`,
        );
      for (const a of o.alerts) env.out(`  ALERT ${a.severity}: ${a.message}`);
      return 0;
    });
  },
};
