import type { TrainingMetrics, TrainingResult } from '../../../../core/contract/api/training';
import { t } from '../../i18n';
import { tx } from '../../i18n/rich';
import { formatPct } from '../../lib/format';
import { isMetric, metricLabel, metricValue } from '../../lib/modelLabels';
import { trainingDataText } from '../Forecasts/sourceText';
import { baselineNameText } from './baselineName';

/** Holdout metrics beside the naive baseline, quantile coverage, and gain-based feature importance. */
export function TrainResult({ result, unit }: { result: TrainingResult; unit: string }) {
  const m: TrainingMetrics = result.metrics;
  const keys = Object.keys(m.test).filter(isMetric);
  const mono = <span className="font-mono">@{result.registryVersion}</span>;
  const b = m.baseline;
  return (
    <div className="mt-3 space-y-3 text-sm" data-testid={`train-result-${result.name}`}>
      <p data-testid="train-registered" className={result.registryNew ? 'text-slate-800' : 'text-amber-800'}>
        {tx(result.registryNew ? 'train.registered' : 'train.identical', { version: mono })}
      </p>
      <p className="text-slate-600">
        {tx('train.run', {
          run: <span className="font-mono">{result.version}</span>,
          train: m.rows.train.toLocaleString('en-IN'),
          valid: m.rows.valid.toLocaleString('en-IN'),
          test: m.rows.test.toLocaleString('en-IN'),
          split: t((m as { split?: string }).split === 'random' ? 'train.splitRandom' : 'train.splitTime'),
          rounds: t(m.stoppedEarly ? 'train.roundsEarly' : 'train.rounds', { n: m.bestRound }),
          seconds: (m.trainMs / 1000).toFixed(1),
          source: trainingDataText(result),
        })}
      </p>
      <table className="tabular min-w-[28rem] text-left">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="pr-4">{t('train.holdoutMetric')}</th>
            <th className="pr-4">{t('models.col.model')}</th>
            {b && <th className="pr-4">{t('train.baseline')}</th>}
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k} className={k === m.primary.name ? 'font-semibold' : ''}>
              <td className="pr-4">{metricLabel(k)}</td>
              <td className="pr-4">{metricValue(k, b ? b.model[k] : m.test[k], unit)}</td>
              {b && <td className="pr-4">{metricValue(k, b.baseline[k], unit)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {b && (
        <p data-testid="baseline-verdict" className={b.beats ? 'text-emerald-700' : 'font-semibold text-red-700'}>
          {t(b.beats ? 'train.beats' : 'train.notBeats', {
            name: baselineNameText(b),
            rows: b.rows.toLocaleString('en-IN'),
            metric: metricLabel(m.primary.name),
          })}
        </p>
      )}
      {m.quantiles.length > 0 && (
        <p className="text-slate-600">
          {m.quantiles
            .map((q) =>
              t('train.quantile', { output: q.output, coverage: formatPct(q.coverage), alpha: formatPct(q.alpha) }),
            )
            .join(' · ')}
        </p>
      )}
      <div>
        <p className="text-xs uppercase text-slate-500">{t('train.importance')}</p>
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
