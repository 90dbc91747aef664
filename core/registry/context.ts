import { DriftService } from '../drift/service';
import type { HostServices } from '../host/services';
import { monitorFor } from '../monitoring/monitor';
import { Registry } from './service';

const registries = new WeakMap<HostServices, Registry>();
const drifts = new WeakMap<HostServices, DriftService>();

/** Rows of one request sampled for drift: enough to see the distribution, bounded for big batches. */
const SAMPLE_ROWS_PER_REQUEST = 20;

/**
 * `k` rows spread evenly over a request. Requests often arrive sorted (lanes alphabetically, a
 * batch by date): its head alone would look like drift, and the rest would never be seen.
 */
function spreadSample<T>(rows: readonly T[], k: number): readonly T[] {
  if (rows.length <= k) return rows;
  return Array.from({ length: k }, (_, i) => rows[Math.floor(((i + 0.5) * rows.length) / k)]!);
}

/**
 * The host's registry, wired to its monitor (inference and load metrics, logs, model status) and
 * its drift sampler. Created on first use; the database must be open.
 */
export function registryFor(s: HostServices): Registry {
  let r = registries.get(s);
  if (r) return r;
  const monitor = monitorFor(s);
  const cacheSize = Number(process.env.RAKEPLAN_MODEL_CACHE ?? 8);
  r = new Registry(s, {
    cacheSize: Number.isInteger(cacheSize) && cacheSize > 0 ? cacheSize : 8,
    recentInputs: (name) => {
      const d = driftFor(s);
      d.flush();
      return (
        s.requireDb().prepare('SELECT row FROM drift_samples WHERE name = ? ORDER BY id DESC LIMIT 2000').all(name) as {
          row: string;
        }[]
      ).map((x) => JSON.parse(x.row) as Record<string, number | string | null>);
    },
    hooks: {
      onInference: (key, ms, ok) => monitor.record('inference', key, { ms, ok }),
      onLoad: (key, ms, ok) => monitor.record('model-load', key, { ms, ok }),
      onInputs: (name, rows) => driftFor(s).sample(name, spreadSample(rows, SAMPLE_ROWS_PER_REQUEST)),
      onEvent: (msg, fields) => monitor.log.log(msg.includes('failed') ? 'error' : 'info', msg, fields),
    },
  });
  registries.set(s, r);
  const reg = r;
  monitor.providers.models = () => reg.server.status();
  return r;
}

export function driftFor(s: HostServices): DriftService {
  let d = drifts.get(s);
  if (d) return d;
  const monitor = monitorFor(s);
  d = new DriftService(
    s,
    (name) => registryFor(s).reference(name),
    () => registryFor(s).store.names(),
    { scheduleMs: s.mode === 'test' || s.mode === 'cli' ? 0 : 6 * 3_600_000 },
    (r) => {
      if (r.status === 'drift') monitor.log.log('warn', 'input drift', { model: r.name, message: r.message });
    },
  );
  drifts.set(s, d);
  const drift = d;
  monitor.providers.drift = () =>
    drift.latestByModel().map((r) => ({
      name: r.name,
      status: r.status,
      worst: r.features.length
        ? [...r.features].sort((a, b) => b.psi - a.psi).map((f) => ({ feature: f.feature, psi: f.psi }))[0]!
        : null,
      features: r.features.map((f) => ({ feature: f.feature, psi: f.psi })),
    }));
  return d;
}

/**
 * At host close: every loaded model session (and its compiled predictor) released and the drift
 * timers stopped, so a stopped `rakeplan serve` exits on SIGTERM. Buffered drift samples and
 * metrics are written by the monitoring feature's own close (core/monitoring/handlers.ts).
 */
export function closeModels(s: HostServices): void {
  drifts.get(s)?.stop();
  registries.get(s)?.close();
  registries.delete(s);
}
