import { formatInstant } from '../../lib/dates';
import type { Alert, DriftReport, ModelStatusRow, SeriesSummary } from '../../../../core/contract/api/monitoring';
import { formatMs, formatPct } from '../../lib/format';

const ms = (v: number | null) => (v === null ? '–' : formatMs(v));
const th = 'px-2 py-1 text-left font-medium text-slate-600';
const td = 'px-2 py-1 tabular';

export function AlertList({ alerts }: { alerts: Alert[] }) {
  if (alerts.length === 0)
    return (
      <p className="text-sm text-emerald-700" data-testid="alerts-none">
        No alerts: every rule is within its threshold.
      </p>
    );
  return (
    <ul className="space-y-1" data-testid="alerts">
      {alerts.map((a, i) => (
        <li
          key={i}
          className={`rounded border px-2 py-1 text-sm ${a.severity === 'critical' ? 'border-red-300 bg-red-50 text-red-800' : 'border-amber-300 bg-amber-50 text-amber-900'}`}
        >
          <span className="mr-2 font-mono text-xs uppercase">{a.severity}</span>
          {a.message}
        </li>
      ))}
    </ul>
  );
}

export function CallTable({ rows }: { rows: SeriesSummary[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">No calls in this window.</p>;
  return (
    <table className="w-full text-sm" data-testid="calls-table">
      <thead>
        <tr>
          <th className={th}>Call</th>
          <th className={th}>Calls</th>
          <th className={th}>Errors</th>
          <th className={th}>p50</th>
          <th className={th}>p95</th>
          <th className={th}>p99</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-t border-slate-100" data-testid={`call-row-${r.key}`}>
            <td className="px-2 py-1 font-mono text-xs">{r.key}</td>
            <td className={td} data-testid="call-count">
              {r.count}
            </td>
            <td className={`${td} ${r.errors ? 'text-red-700' : ''}`}>
              {r.errors} {r.errors ? `(${formatPct(r.errorRate)})` : ''}
            </td>
            <td className={td}>{ms(r.p50)}</td>
            <td className={td}>{ms(r.p95)}</td>
            <td className={td}>{ms(r.p99)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ModelStatusTable({ rows, inference }: { rows: ModelStatusRow[]; inference: SeriesSummary[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">No models in the registry yet.</p>;
  return (
    <table className="w-full text-sm" data-testid="model-status">
      <thead>
        <tr>
          <th className={th}>Model</th>
          <th className={th}>Alias</th>
          <th className={th}>Version</th>
          <th className={th}>Status</th>
          <th className={th}>Load time</th>
          <th className={th}>Inference p99</th>
          <th className={th}>Last error</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const inf = inference.find((i) => i.key === `${r.name}@${r.version}`);
          return (
            <tr key={`${r.name}-${r.alias}`} className="border-t border-slate-100">
              <td className="px-2 py-1 font-mono text-xs">{r.name}</td>
              <td className="px-2 py-1">{r.alias}</td>
              <td className={td}>{r.version !== null ? `@${r.version}` : '–'}</td>
              <td
                className={`px-2 py-1 ${r.status === 'error' ? 'text-red-700' : r.status === 'loaded' ? 'text-emerald-700' : 'text-slate-600'}`}
              >
                {r.status}
              </td>
              <td className={td}>{ms(r.loadMs)}</td>
              <td className={td}>{inf ? `${ms(inf.p99)} (${inf.count} req)` : '–'}</td>
              <td className="px-2 py-1 text-xs text-red-700">{r.lastError ?? ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function DriftTable({
  reports,
  onRetrain,
  busy,
}: {
  reports: DriftReport[];
  onRetrain(name: string): void;
  busy: string | null;
}) {
  if (reports.length === 0) return <p className="text-sm text-slate-500">No drift check has run yet.</p>;
  return (
    <table className="w-full text-sm" data-testid="drift-table">
      <thead>
        <tr>
          <th className={th}>Model</th>
          <th className={th}>Status</th>
          <th className={th}>Samples</th>
          <th className={th}>Largest shift</th>
          <th className={th}>Checked</th>
          <th className={th} />
        </tr>
      </thead>
      <tbody>
        {reports.map((r) => {
          const worst = [...r.features].sort((a, b) => b.psi - a.psi)[0];
          return (
            <tr key={r.name} className="border-t border-slate-100">
              <td className="px-2 py-1 font-mono text-xs">
                {r.name}
                {r.version !== null ? `@${r.version}` : ''}
              </td>
              <td
                className={`px-2 py-1 ${r.status === 'drift' ? 'text-red-700' : r.status === 'warn' ? 'text-amber-700' : 'text-slate-700'}`}
              >
                {r.status}
              </td>
              <td className={td}>{r.samples}</td>
              <td className="px-2 py-1 text-xs">
                {worst
                  ? `${worst.feature}: PSI ${worst.psi.toFixed(3)}${worst.ks ? `, KS D ${worst.ks.d.toFixed(2)} (p ${worst.ks.pValue.toExponential(1)})` : ''}`
                  : r.message}
              </td>
              <td className="px-2 py-1 text-xs">{formatInstant(r.createdAt)}</td>
              <td className="px-2 py-1">
                {(r.status === 'drift' || r.status === 'warn') && (
                  <button
                    type="button"
                    className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100"
                    disabled={busy !== null}
                    onClick={() => onRetrain(r.name)}
                  >
                    {busy === r.name ? 'Retraining…' : 'Retrain'}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
