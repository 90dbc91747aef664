import type { Contract } from '../contract';
import { describeRule } from './alerts';
import type { HostApp } from '../host/app';
import type { HostServices } from '../host/services';
import { driftFor, registryFor } from '../registry/context';
import { monitorFor } from './monitor';

/**
 * Monitoring and drift calls, and the call observer: every finished contract call is counted and
 * timed by name. The drift sampler starts with the host so its schedule runs.
 */
export function registerMonitoring(app: HostApp<Contract>, s: HostServices): void {
  const monitor = monitorFor(s);
  app.observe(monitor.observeCall);
  // Created now, not on first use, so the drift schedule runs and model status is reported.
  if (s.db) {
    driftFor(s);
    registryFor(s);
  }
  // Write what is still buffered (last seconds of metrics, drift samples, log lines) before the
  // database closes: a one-shot CLI command would otherwise lose everything it recorded.
  const closeServices = s.close.bind(s);
  s.close = () => {
    try {
      if (s.db) driftFor(s).flush();
    } catch {
      /* database already unusable */
    }
    monitor.flush();
    monitor.stop();
    closeServices();
  };

  app.handleAll({
    'monitoring.overview': ({ minutes }) => {
      const opt = monitor.summary('optimizer', minutes);
      const count = (key: string) => opt.filter((o) => o.key === key).reduce((a, o) => a + o.count, 0);
      // A planner's cancel is neither a success nor a failure of the optimizer (the alert rules
      // say the same): it stays out of the rate, and byOutcome still shows how many there were.
      const runs = opt.reduce((a, o) => a + o.count, 0) - count('cancelled');
      const solved = count('solved');
      const cfg = monitor.getConfig();
      return {
        now: Date.now(),
        minutes,
        calls: monitor.series('call', minutes),
        byCall: monitor.summary('call', minutes),
        inference: monitor.summary('inference', minutes),
        optimizer: { byOutcome: opt, runs, successRate: runs ? solved / runs : null },
        training: monitor.summary('training', minutes),
        models: monitor.providers.models?.() ?? [],
        drift: s.db ? driftFor(s).latestByModel() : [],
        alerts: monitor.alerts(),
        rules: cfg.rules.map((rule) => ({ rule, text: describeRule(rule) })),
      };
    },
    'monitoring.series': ({ kind, key, minutes }) => monitor.series(kind, minutes, key),
    'monitoring.prometheus': ({ stored }) => ({ text: monitor.prometheus(stored) }),
    'monitoring.getConfig': () => monitor.getConfig(),
    'monitoring.setConfig': (c) => monitor.setConfig(c),
    'monitoring.logs': ({ limit }) => monitor.log.tail(limit),
    'drift.run': ({ name }) => {
      const d = driftFor(s);
      const reports = name ? [d.run(name, 'manual')] : d.runAll('manual');
      for (const r of reports) app.emit('drift.report', r);
      return reports;
    },
    'drift.reports': ({ name, limit }) => driftFor(s).reports(name, limit),
    'drift.getThresholds': () => driftFor(s).thresholds(),
    'drift.setThresholds': (t) => driftFor(s).setThresholds(t),
  });
}
