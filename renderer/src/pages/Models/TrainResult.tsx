import type { TrainingMetrics, TrainingResult } from '../../../../core/contract/api/training';
import { formatPct } from '../../lib/format';

const LABELS: Record<string, string> = {
  mae: 'MAE',
  rmse: 'RMSE',
  wape: 'WAPE',
  r2: 'R²',
  accuracy: 'Accuracy',
  f1: 'F1 (macro)',
  auc: 'AUC',
  logloss: 'Log-loss',
};
const PCT = new Set(['wape', 'accuracy']);
const WITH_UNIT = new Set(['mae', 'rmse']);

function value(key: string, v: number | null | undefined, unit: string): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (PCT.has(key)) return formatPct(v);
  const s = Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(3);
  return WITH_UNIT.has(key) && unit !== 'probability' ? `${s} ${unit}` : s;
}

/** Holdout metrics beside the naive baseline, quantile coverage, and gain-based feature importance. */
export function TrainResult({ result, unit }: { result: TrainingResult; unit: string }) {
  const m: TrainingMetrics = result.metrics;
  const keys = Object.keys(m.test).filter((k) => k in LABELS);
  const b = m.baseline;
  return (
    <div className="mt-3 space-y-3 text-sm" data-testid={`train-result-${result.name}`}>
      <p data-testid="train-registered" className={result.registryNew ? 'text-slate-800' : 'text-amber-800'}>
        {result.registryNew ? (
          <>
            Registered as candidate <span className="font-mono">@{result.registryVersion}</span>: evaluate it in the
            registry below before promoting.
          </>
        ) : (
          <>
            Identical to <span className="font-mono">@{result.registryVersion}</span>, already in the registry: the
            history and settings have not changed since, so no new version was added.
          </>
        )}
      </p>
      <p className="text-slate-600">
        Training run <span className="font-mono">{result.version}</span> · {m.rows.train.toLocaleString('en-IN')}{' '}
        training, {m.rows.valid.toLocaleString('en-IN')} validation, {m.rows.test.toLocaleString('en-IN')} holdout rows
        ({(m as { split?: string }).split === 'random' ? 'random split' : 'time-ordered'}) · {m.bestRound} rounds
        {m.stoppedEarly ? ' (early stopping)' : ''} · {(m.trainMs / 1000).toFixed(1)} s · data: {result.source}
      </p>
      <table className="tabular min-w-[28rem] text-left">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="pr-4">Holdout metric</th>
            <th className="pr-4">Model</th>
            {b && <th className="pr-4">Baseline</th>}
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k} className={k === m.primary.name ? 'font-semibold' : ''}>
              <td className="pr-4">{LABELS[k]}</td>
              <td className="pr-4">{value(k, b ? b.model[k] : m.test[k], unit)}</td>
              {b && <td className="pr-4">{value(k, b.baseline[k], unit)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {b && (
        <p data-testid="baseline-verdict" className={b.beats ? 'text-emerald-700' : 'font-semibold text-red-700'}>
          {b.beats ? 'Beats' : 'Does not beat'} the baseline — {b.name} — on {b.rows.toLocaleString('en-IN')} holdout
          rows ({LABELS[m.primary.name] ?? m.primary.name}).
          {!b.beats && ' Not better than baseline — planning uses the baseline.'}
        </p>
      )}
      {m.quantiles.length > 0 && (
        <p className="text-slate-600">
          {m.quantiles
            .map((q) => `${q.output}: ${formatPct(q.coverage)} of actuals at or below (target ${formatPct(q.alpha)})`)
            .join(' · ')}
        </p>
      )}
      <div>
        <p className="text-xs uppercase text-slate-500">Feature importance (share of split gain)</p>
        <ul className="mt-1 space-y-0.5">
          {m.importance.slice(0, 8).map((f) => (
            <li key={f.feature} className="flex items-center gap-2">
              <span className="w-36 truncate font-mono text-xs">{f.feature}</span>
              <span className="h-2 rounded bg-brand-600" style={{ width: `${Math.max(1, f.share * 240)}px` }} />
              <span className="tabular text-xs text-slate-600">{formatPct(f.share)}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
