import { formatInstant } from '../../lib/dates';
import type { GateReport, ModelEvent, ModelVersionInfo } from '../../../../core/contract/api/registry';

type Detail = ModelVersionInfo & { events: ModelEvent[]; gateReports: GateReport[] };

const METRIC_KEYS = ['mae', 'rmse', 'wape', 'r2', 'accuracy', 'f1', 'auc', 'logloss', 'n'];
const num = (v: unknown) => (typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(3)) : '–');

/** One version (metrics, data, lineage), side by side with another when comparing. */
export function VersionDetail({ detail, compare }: { detail: Detail; compare: Detail | null }) {
  const test = (d: Detail) => (d.metrics?.test ?? {}) as Record<string, unknown>;
  // The naive baseline's metrics on the same holdout, as stored by training (`metrics.baseline`).
  // `beats` is false when the model does not beat its strongest baseline: planning then uses the baseline.
  const base = detail.baselineMetrics as { name?: string; baseline?: Record<string, unknown>; beats?: boolean } | null;
  const baseline = base?.baseline ?? null;
  const keys = METRIC_KEYS.filter((k) => k in test(detail) || (compare && k in test(compare)));
  return (
    <div className="space-y-3 text-sm" data-testid="version-detail">
      <p>
        <span className="font-mono">
          {detail.name}@{detail.version}
        </span>{' '}
        · {detail.origin} · {detail.manifest.task} on <span className="font-mono">{detail.manifest.target}</span> ·
        created {formatInstant(detail.createdAt)}
        {detail.note && (
          <>
            {' '}
            · <em>{detail.note}</em>
          </>
        )}
      </p>
      <table className="text-sm">
        <thead>
          <tr>
            <th className="pr-4 text-left text-slate-600">Holdout metric</th>
            <th className="pr-4 text-left">@{detail.version}</th>
            {compare && <th className="pr-4 text-left">@{compare.version}</th>}
            {baseline && (
              <th className="pr-4 text-left" title={base?.name}>
                Naive baseline
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k}>
              <td className="pr-4">{k}</td>
              <td className="pr-4 tabular">{num(test(detail)[k])}</td>
              {compare && <td className="pr-4 tabular">{num(test(compare)[k])}</td>}
              {baseline && <td className="pr-4 tabular">{num(baseline[k])}</td>}
            </tr>
          ))}
          <tr>
            <td className="pr-4">training time</td>
            <td className="pr-4 tabular">{detail.trainMs !== null ? `${detail.trainMs} ms` : '–'}</td>
            {compare && <td className="pr-4 tabular">{compare.trainMs !== null ? `${compare.trainMs} ms` : '–'}</td>}
          </tr>
          <tr>
            <td className="pr-4">training rows</td>
            <td className="pr-4 tabular">{detail.dataset?.rows ?? '–'}</td>
            {compare && <td className="pr-4 tabular">{compare.dataset?.rows ?? '–'}</td>}
          </tr>
        </tbody>
      </table>
      {base?.name && <p className="text-xs text-slate-600">Naive baseline: {base.name}, on the same holdout rows.</p>}
      {base?.beats === false && (
        <p
          role="status"
          data-testid="baseline-note"
          className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-900"
        >
          Not better than baseline — planning uses the baseline ({base.name}).
        </p>
      )}
      {base?.beats === true && (
        <p data-testid="baseline-note" className="text-xs text-emerald-700">
          Better than its baseline on the holdout: planning may use this model.
        </p>
      )}
      <p className="text-xs text-slate-600">
        Data:{' '}
        {detail.dataset
          ? `${detail.dataset.rows} rows, ${detail.dataset.from ?? '?'} … ${detail.dataset.to ?? '?'}, sha256 ${detail.dataset.hash.slice(0, 12)}…`
          : 'not recorded'}{' '}
        · Inputs: {detail.manifest.inputs.map((i) => i.name).join(', ')} · File {detail.fileSha256.slice(0, 12)}… (
        {(detail.fileBytes / 1024).toFixed(1)} KiB) · Parent{' '}
        {detail.parentVersion !== null ? `@${detail.parentVersion}` : '–'}
      </p>
      {detail.lastError && (
        <p className="text-xs text-red-700" role="alert">
          Last load error: {detail.lastError}
        </p>
      )}
      <details>
        <summary className="cursor-pointer text-slate-600">Lineage ({detail.events.length} events)</summary>
        <ul className="mt-1 text-xs" data-testid="lineage">
          {detail.events.map((e) => (
            <li key={e.id}>
              {formatInstant(e.at)} — {e.kind}
              {e.version !== null ? ` @${e.version}` : ''}
              {e.fromVersion !== null ? ` (from @${e.fromVersion})` : ''}
              {e.detail && 'reason' in e.detail ? `: “${String(e.detail.reason)}”` : ''}
              {e.detail && 'consumer' in e.detail ? ` for ${String(e.detail.consumer)}` : ''}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
