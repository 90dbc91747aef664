import { formatInstant } from '../../lib/dates';
import type { GateReport, ModelEvent, ModelVersionInfo } from '../../../../core/contract/api/registry';
import { t } from '../../i18n';
import { tx } from '../../i18n/rich';
import { formatCount, formatMs } from '../../lib/format';
import { trainedOnSynthetic } from '../../../../core/domain/training-origin';
import { eventLabel, metricLabel, metricValue, originLabel, taskLabel } from '../../lib/modelLabels';
import { baselineNameText } from './baselineName';

type Detail = ModelVersionInfo & { events: ModelEvent[]; gateReports: GateReport[] };

const METRIC_KEYS = ['mae', 'rmse', 'wape', 'r2', 'accuracy', 'f1', 'auc', 'logloss', 'n'];

/** One lineage line: when, what, which version, and the reason or consumer the event recorded. */
function eventText(e: ModelEvent): string {
  let text = `${formatInstant(e.at)} — ${eventLabel(e.kind)}`;
  if (e.version !== null) text += ` @${e.version}`;
  if (e.fromVersion !== null) text += ` ${t('registry.eventFrom', { version: e.fromVersion })}`;
  if (e.detail && 'reason' in e.detail) text += `: “${String(e.detail.reason)}”`;
  if (e.detail && 'consumer' in e.detail) text += ` ${t('registry.eventFor', { consumer: String(e.detail.consumer) })}`;
  return text;
}

/** One version (metrics, data, lineage), side by side with another when comparing. */
export function VersionDetail({
  detail,
  compare,
  unit,
}: {
  detail: Detail;
  compare: Detail | null;
  /** The model's unit, shown with its error metrics. */
  unit: string | null;
}) {
  const test = (d: Detail) => (d.metrics?.test ?? {}) as Record<string, unknown>;
  // The naive baseline's metrics on the same holdout, as stored by training (`metrics.baseline`).
  // `beats` is false when the model does not beat its strongest baseline: planning then uses the baseline.
  const demoTrained = trainedOnSynthetic(detail);
  const base = detail.baselineMetrics as {
    name?: string;
    nameText?: unknown;
    baseline?: Record<string, unknown>;
    beats?: boolean;
  } | null;
  const baseline = base?.baseline ?? null;
  const baseName = base ? baselineNameText(base) : '';
  const keys = METRIC_KEYS.filter((k) => k in test(detail) || (compare && k in test(compare)));
  return (
    <div className="space-y-3 text-sm" data-testid="version-detail">
      <p>
        <span className="font-mono">
          {detail.name}@{detail.version}
        </span>{' '}
        ·{' '}
        {tx('registry.versionLine', {
          origin: originLabel(detail.origin),
          task: taskLabel(detail.manifest.task),
          target: <span className="font-mono">{detail.manifest.target}</span>,
          created: formatInstant(detail.createdAt),
        })}
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
            <th className="pr-4 text-left text-slate-600">{t('train.holdoutMetric')}</th>
            <th className="pr-4 text-left">@{detail.version}</th>
            {compare && <th className="pr-4 text-left">@{compare.version}</th>}
            {baseline && (
              <th className="pr-4 text-left" title={baseName}>
                {t('registry.naiveBaseline')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k}>
              <td className="pr-4">{metricLabel(k)}</td>
              <td className="pr-4 tabular">{metricValue(k, test(detail)[k], unit)}</td>
              {compare && <td className="pr-4 tabular">{metricValue(k, test(compare)[k], unit)}</td>}
              {baseline && <td className="pr-4 tabular">{metricValue(k, baseline[k], unit)}</td>}
            </tr>
          ))}
          <tr>
            <td className="pr-4">{t('registry.trainingTime')}</td>
            <td className="pr-4 tabular">{detail.trainMs !== null ? formatMs(detail.trainMs) : '–'}</td>
            {compare && <td className="pr-4 tabular">{compare.trainMs !== null ? formatMs(compare.trainMs) : '–'}</td>}
          </tr>
          <tr>
            <td className="pr-4">{t('registry.trainingRows')}</td>
            <td className="pr-4 tabular">{countOrDash(detail.dataset?.rows)}</td>
            {compare && <td className="pr-4 tabular">{countOrDash(compare.dataset?.rows)}</td>}
          </tr>
        </tbody>
      </table>
      {base?.name && <p className="text-xs text-slate-600">{t('registry.baselineName', { name: baseName })}</p>}
      {base?.beats === false && (
        <p
          role="status"
          data-testid="baseline-note"
          className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-900"
        >
          {t('registry.notBetter', { name: baseName })}
        </p>
      )}
      {base?.beats === true && (
        <p data-testid="baseline-note" className="text-xs text-emerald-700">
          {t(demoTrained ? 'registry.betterDemo' : 'registry.better')}
        </p>
      )}
      {demoTrained && (
        <p
          role="status"
          data-testid="synthetic-note"
          className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-900"
        >
          {t('registry.syntheticData')}
        </p>
      )}
      <p className="text-xs text-slate-600">
        {t(detail.dataset ? 'registry.data' : 'registry.dataNone', {
          rows: detail.dataset ? formatCount(detail.dataset.rows) : '',
          from: detail.dataset?.from ?? '?',
          to: detail.dataset?.to ?? '?',
          hash: detail.dataset?.hash.slice(0, 12) ?? '',
          inputs: detail.manifest.inputs.map((i) => i.name).join(', '),
          file: detail.fileSha256.slice(0, 12),
          kib: (detail.fileBytes / 1024).toFixed(1),
          parent: detail.parentVersion !== null ? `@${detail.parentVersion}` : '–',
        })}
      </p>
      {detail.lastError && (
        <p className="text-xs text-red-700" role="alert">
          {t('registry.lastError', { error: detail.lastError })}
        </p>
      )}
      <details>
        <summary className="cursor-pointer text-slate-600">
          {t('registry.lineage', { n: detail.events.length })}
        </summary>
        <ul className="mt-1 text-xs" data-testid="lineage">
          {detail.events.map((e) => (
            <li key={e.id}>{eventText(e)}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}

const countOrDash = (n: number | null | undefined) => (n === undefined || n === null ? '–' : formatCount(n));
