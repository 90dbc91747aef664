import { BUCKET_BOUNDS_MS } from './latency-histogram';
import type { Cell, SeriesKind } from './series';

export interface PrometheusInput {
  appVersion: string;
  uptimeS: number;
  totals: { kind: SeriesKind; key: string; cell: Cell }[];
  models: { name: string; version: number | null; alias: string; loaded: boolean }[];
  drift: { name: string; feature: string; psi: number }[];
}

/** Which series kind becomes which metric family, and the label its key goes in. */
const FAMILIES: Record<SeriesKind, { metric: string; label: string; help: string }> = {
  call: { metric: 'rakeplan_call', label: 'call', help: 'Contract calls' },
  inference: { metric: 'rakeplan_inference', label: 'model', help: 'Model predictions (per request)' },
  'model-load': { metric: 'rakeplan_model_load', label: 'model', help: 'Model session loads' },
  optimizer: {
    metric: 'rakeplan_optimizer_run',
    label: 'outcome',
    help: 'Optimizer runs by outcome (solved, fallback, failed)',
  },
  training: { metric: 'rakeplan_training_job', label: 'outcome', help: 'Training jobs by outcome' },
};

// Every second bound (×2 steps): enough resolution for dashboards, a quarter of the lines.
const PROM_BOUNDS = BUCKET_BOUNDS_MS.map((b, i) => ({ b, i })).filter(({ i }) => i % 2 === 1);

/** Prometheus text exposition format 0.0.4. Durations in seconds, as Prometheus expects. */
export function renderPrometheus(p: PrometheusInput): string {
  const out: string[] = [];
  out.push(
    '# HELP rakeplan_build_info RakePlan version.',
    '# TYPE rakeplan_build_info gauge',
    `rakeplan_build_info${labels({ version: p.appVersion })} 1`,
  );
  out.push(
    '# HELP rakeplan_uptime_seconds Seconds since the host started.',
    '# TYPE rakeplan_uptime_seconds gauge',
    `rakeplan_uptime_seconds ${p.uptimeS}`,
  );
  for (const kind of Object.keys(FAMILIES) as SeriesKind[]) {
    const fam = FAMILIES[kind];
    const rows = p.totals.filter((t) => t.kind === kind).sort((a, b) => a.key.localeCompare(b.key));
    if (rows.length === 0) continue;
    out.push(`# HELP ${fam.metric}s_total ${fam.help}, by result code.`, `# TYPE ${fam.metric}s_total counter`);
    for (const { key, cell } of rows) {
      out.push(`${fam.metric}s_total${labels({ [fam.label]: key, code: 'ok' })} ${cell.count - cell.errors}`);
      let coded = 0;
      for (const [code, n] of cell.codes) {
        out.push(`${fam.metric}s_total${labels({ [fam.label]: key, code })} ${n}`);
        coded += n;
      }
      if (cell.errors > coded)
        out.push(`${fam.metric}s_total${labels({ [fam.label]: key, code: 'error' })} ${cell.errors - coded}`);
    }
    out.push(
      `# HELP ${fam.metric}_duration_seconds ${fam.help}: duration.`,
      `# TYPE ${fam.metric}_duration_seconds histogram`,
    );
    for (const { key, cell } of rows) {
      let cum = 0,
        next = 0;
      for (const { b, i } of PROM_BOUNDS) {
        while (next <= i) cum += cell.hist.counts[next++]!;
        out.push(`${fam.metric}_duration_seconds_bucket${labels({ [fam.label]: key, le: fmt(b / 1000) })} ${cum}`);
      }
      out.push(`${fam.metric}_duration_seconds_bucket${labels({ [fam.label]: key, le: '+Inf' })} ${cell.count}`);
      out.push(`${fam.metric}_duration_seconds_sum${labels({ [fam.label]: key })} ${fmt(cell.hist.sumMs / 1000)}`);
      out.push(`${fam.metric}_duration_seconds_count${labels({ [fam.label]: key })} ${cell.count}`);
    }
  }
  const opt = p.totals.filter((t) => t.kind === 'optimizer');
  if (opt.length > 0) {
    out.push(
      '# HELP rakeplan_optimizer_gap_sum Sum of MIP gaps reported by optimizer runs.',
      '# TYPE rakeplan_optimizer_gap_sum counter',
    );
    for (const { key, cell } of opt)
      out.push(`rakeplan_optimizer_gap_sum${labels({ outcome: key })} ${fmt(cell.sumValue)}`);
  }
  if (p.models.length > 0) {
    out.push(
      '# HELP rakeplan_model_loaded 1 when the version an alias points to has a live session.',
      '# TYPE rakeplan_model_loaded gauge',
    );
    for (const m of p.models)
      out.push(
        `rakeplan_model_loaded${labels({ model: m.name, version: String(m.version ?? ''), alias: m.alias })} ${m.loaded ? 1 : 0}`,
      );
  }
  if (p.drift.length > 0) {
    out.push(
      '# HELP rakeplan_drift_psi Population stability index of a model input against its training reference.',
      '# TYPE rakeplan_drift_psi gauge',
    );
    for (const d of p.drift)
      out.push(`rakeplan_drift_psi${labels({ model: d.name, feature: d.feature })} ${fmt(d.psi)}`);
  }
  return out.join('\n') + '\n';
}

function labels(l: Record<string, string>): string {
  const parts = Object.entries(l).map(
    ([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
  );
  return parts.length ? `{${parts.join(',')}}` : '';
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN';
  return Number(v.toPrecision(6)).toString();
}
