import { useEffect, useState } from 'react';
import type { IndentResult } from '../../../../core/contract/api/forecasts';
import type { ScenarioSummary } from '../../../../core/contract/api/scenarios';
import { api, saveBytes } from '../../api/client';
import { Button, Card, ErrorBanner } from '../../components/ui';
import { t } from '../../i18n';
import { formatDate } from '../../lib/dates';
import { formatT } from '../../lib/format';
import { useAction } from '../../lib/useAction';

/**
 * The rake indent: how many rakes of which wagon type to ask the railway for, per day and loading
 * point, for a scenario's open orders, stock and the demand forecast; exported for the indent.
 */
export function IndentPanel() {
  const [scenarios, setScenarios] = useState<ScenarioSummary[]>([]);
  const [scenarioId, setScenarioId] = useState<string>('');
  const [days, setDays] = useState(14);
  const [indent, setIndent] = useState<IndentResult | null>(null);
  const { busy, error, setError, run } = useAction();
  useEffect(() => {
    void api.call('scenarios.list', {}).then((l) => {
      setScenarios(l);
      setScenarioId((id) => id || l[0]?.id || '');
    }, setError);
  }, [setError]); // a state setter: the list loads once
  const exportAs = (format: 'xlsx' | 'csv') =>
    run(async () => {
      const f = await api.call('forecasts.exportIndent', { scenarioId, days, format });
      await saveBytes(f.fileName, f.base64);
    });
  const rakes = indent?.rows.reduce((s, r) => s + r.rakes, 0) ?? 0;
  return (
    <Card
      title={t('indent.title')}
      actions={
        indent ? (
          <div className="flex gap-2">
            <Button variant="secondary" disabled={busy} onClick={() => void exportAs('xlsx')}>
              {t('plan.exportXlsx')}
            </Button>
            <Button variant="secondary" disabled={busy} onClick={() => void exportAs('csv')}>
              {t('indent.exportCsv')}
            </Button>
          </div>
        ) : undefined
      }
    >
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label>
          {t('indent.scenario')}
          <select
            aria-label={t('indent.scenarioAria')}
            className="ml-2 rounded border border-slate-300 px-2 py-1"
            value={scenarioId}
            onChange={(e) => {
              setScenarioId(e.target.value);
              setIndent(null);
            }}
          >
            {scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('indent.days')}
          <input
            aria-label={t('indent.daysAria')}
            type="number"
            min={1}
            max={14}
            value={days}
            onChange={(e) => setDays(Math.min(14, Math.max(1, Number(e.target.value) || 1)))}
            className="ml-2 w-16 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <Button
          disabled={busy || !scenarioId}
          data-testid="btn-indent"
          onClick={() => void run(async () => setIndent(await api.call('forecasts.indent', { scenarioId, days })))}
        >
          {t('indent.suggest')}
        </Button>
      </div>
      <ErrorBanner error={error} />
      {indent && (
        <div className="mt-3 space-y-2" data-testid="indent">
          <p className="text-sm text-slate-600">
            {t('indent.summary', {
              rakes,
              indented: formatT(indent.indentedT),
              demand: formatT(indent.demandT),
              source: indent.demandSource,
            })}
          </p>
          <div className="max-h-80 overflow-auto">
            <table className="w-full text-sm">
              <thead className="text-left text-xs uppercase text-slate-500">
                <tr>
                  <th>{t('col.date')}</th>
                  <th>{t('forecast.col.loadingPoint')}</th>
                  <th>{t('col.wagonType')}</th>
                  <th className="text-right">{t('indent.col.rakes')}</th>
                  <th className="text-right">{t('indent.col.expected')}</th>
                  <th className="text-right">{t('indent.col.openOrders')}</th>
                  <th className="text-right">{t('forecast.col.forecast')}</th>
                  <th>{t('indent.col.products')}</th>
                </tr>
              </thead>
              <tbody>
                {indent.rows.map((r) => (
                  <tr
                    key={`${r.date}|${r.loadingPoint}|${r.wagonType}`}
                    className="border-t border-slate-100"
                    data-testid="indent-row"
                  >
                    <td className="tabular whitespace-nowrap">{formatDate(r.date)}</td>
                    <td>{r.loadingPoint}</td>
                    <td>{r.wagonType}</td>
                    <td className="tabular text-right">{r.rakes}</td>
                    <td className="tabular text-right">{formatT(r.expectedT)}</td>
                    <td className="tabular text-right">{formatT(r.openOrdersT)}</td>
                    <td className="tabular text-right">{formatT(r.forecastT)}</td>
                    <td className="text-xs">{r.products.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {indent.notes.length > 0 && (
            <details className="text-xs text-slate-600">
              <summary>{t('indent.notes', { n: indent.notes.length })}</summary>
              <ul className="list-disc pl-6">
                {indent.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </Card>
  );
}
