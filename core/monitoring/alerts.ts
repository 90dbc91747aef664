import type { Alert, AlertRule, CallScope, ModelStatusRow } from '../contract/api/monitoring';
import type { SeriesKind, SeriesPoint } from './series';

export type { AlertRule };

/**
 * Alert rules. Latency and error-rate rules read the per-minute series; the model and drift rules
 * read the registry's and drift detector's status. Every threshold is data the planner can edit.
 */
export const DEFAULT_RULES: AlertRule[] = [
  {
    id: 'call-p95',
    type: 'latency',
    series: 'call',
    scope: 'interactive',
    quantile: 'p95',
    thresholdMs: 500,
    forMinutes: 5,
    enabled: true,
  },
  // A solve may run an hour at most (its limit); a job still running past that is stuck.
  {
    id: 'job-p95',
    type: 'latency',
    series: 'call',
    scope: 'jobs',
    quantile: 'p95',
    thresholdMs: 3_900_000,
    forMinutes: 5,
    enabled: true,
  },
  {
    id: 'call-errors',
    type: 'error-rate',
    series: 'call',
    threshold: 0.01,
    forMinutes: 5,
    minCount: 20,
    enabled: true,
  },
  {
    id: 'inference-p99',
    type: 'latency',
    series: 'inference',
    quantile: 'p99',
    thresholdMs: 50,
    forMinutes: 5,
    enabled: true,
  },
  { id: 'model-not-loaded', type: 'model-not-loaded', enabled: true },
  { id: 'drift', type: 'drift', enabled: true },
];

export type { Alert };

export type ModelHealth = Pick<ModelStatusRow, 'name' | 'version' | 'alias' | 'status' | 'lastError'>;

export interface DriftHealth {
  name: string;
  status: 'ok' | 'warn' | 'drift' | 'no-data';
  worst: { feature: string; psi: number } | null;
}

/** Human text of a rule, shown beside its alert and in the settings. */
export function describeRule(r: AlertRule): string {
  switch (r.type) {
    case 'latency':
      return `${seriesName(r.series, r.scope)} ${r.quantile} > ${formatMs(r.thresholdMs)} for ${r.forMinutes} min`;
    case 'error-rate':
      return `${r.series} failure rate > ${(r.threshold * 100).toFixed(1)} % over ${r.forMinutes} min (at least ${r.minCount} calls; refusals and cancels are not failures)`;
    case 'model-not-loaded':
      return 'a production model failed to load';
    case 'drift':
      return 'input drift detected (PSI or KS beyond its threshold)';
  }
}

const seriesName = (kind: SeriesKind, scope?: CallScope) =>
  scope === 'jobs' ? 'long jobs (solve, training, batch)' : scope === 'interactive' ? `${kind} (interactive)` : kind;
const formatMs = (ms: number) => (ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${ms} ms`);

/**
 * Evaluate every enabled rule. `series(kind, minutes, scope)` returns the last `minutes` minute
 * points, oldest first, the current minute last. A latency rule fires only when every one of those
 * minutes had traffic and breached: "for 5 min" means sustained, not one slow call. The error
 * rule counts faults only: a cancel or a refused payload is the planner's choice, not a failure.
 */
export function evaluateRules(
  rules: readonly AlertRule[],
  src: {
    series(kind: SeriesKind, minutes: number, scope?: CallScope): SeriesPoint[];
    models(): ModelHealth[];
    drift(): DriftHealth[];
  },
): Alert[] {
  const alerts: Alert[] = [];
  for (const r of rules) {
    if (!r.enabled) continue;
    if (r.type === 'latency') {
      const pts = src.series(r.series, r.forMinutes, r.scope);
      const breached =
        pts.length === r.forMinutes && pts.every((p) => p.count > 0 && (p[r.quantile] ?? 0) > r.thresholdMs);
      if (breached) {
        const worst = Math.max(...pts.map((p) => p[r.quantile] ?? 0));
        alerts.push({
          ruleId: r.id,
          severity: 'warning',
          message: `${seriesName(r.series, r.scope)} ${r.quantile} above ${formatMs(r.thresholdMs)} for ${r.forMinutes} min (up to ${formatMs(Math.round(worst))})`,
        });
      }
    } else if (r.type === 'error-rate') {
      const pts = src.series(r.series, r.forMinutes);
      const count = pts.reduce((a, p) => a + p.count, 0);
      const faults = pts.reduce((a, p) => a + p.faults, 0);
      if (count >= r.minCount && faults / count > r.threshold) {
        alerts.push({
          ruleId: r.id,
          severity: 'critical',
          message: `${r.series} failure rate ${((faults / count) * 100).toFixed(1)} % over ${r.forMinutes} min (${faults} of ${count} failed inside RakePlan; limit ${(r.threshold * 100).toFixed(1)} %)`,
        });
      }
    } else if (r.type === 'model-not-loaded') {
      // A candidate that fails to load serves nothing: the gates and the Models page report it.
      for (const m of src.models()) {
        if (m.alias === 'production' && m.status === 'error') {
          alerts.push({
            ruleId: r.id,
            severity: 'critical',
            model: m.name,
            message: `model ${m.name}${m.version !== null ? `@${m.version}` : ''} not loaded: ${m.lastError ?? 'no production version'}`,
          });
        }
      }
    } else {
      for (const d of src.drift()) {
        if (d.status === 'drift') {
          alerts.push({
            ruleId: r.id,
            severity: 'warning',
            model: d.name,
            message: `input drift on ${d.name}${d.worst ? `: ${d.worst.feature} PSI ${d.worst.psi.toFixed(2)}` : ''}`,
          });
        }
      }
    }
  }
  return alerts;
}
