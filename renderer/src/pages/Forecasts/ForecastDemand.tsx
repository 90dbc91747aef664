import { useEffect, useState } from 'react';
import type { DemandForecast } from '../../../../core/contract/api/training';
import { api } from '../../api/client';
import { Card, ErrorBanner } from '../../components/ui';
import { t } from '../../i18n';
import { formatT } from '../../lib/format';
import { ForecastChart } from './ForecastChart';

type Series = { destination: string; product: string; corridor: string; meanT: number; source: string };

/** Demand for the next 14 days of one destination × product, with the last 90 days of actuals behind it. */
export function ForecastDemand() {
  const [series, setSeries] = useState<Series[]>([]);
  const [pick, setPick] = useState<string>('');
  const [fc, setFc] = useState<DemandForecast | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.call('predict.demandSeries', {}).then((s) => {
      setSeries(s);
      if (s[0]) setPick(`${s[0].destination}|${s[0].product}`);
    }, setError);
  }, []);
  useEffect(() => {
    if (!pick) return;
    const [destination, product] = pick.split('|') as [string, string];
    let live = true;
    api.call('predict.demand', { destination, product, historyDays: 90 }).then(
      (r) => live && (setFc(r), setError(null)),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [pick]);
  const total = fc ? fc.forecast.reduce((a, f) => a + f.tonnes, 0) : 0;
  return (
    <Card title={t('forecast.demandTitle')}>
      <label className="text-sm">
        {t('forecast.series')}{' '}
        <select
          aria-label={t('forecast.seriesAria')}
          data-testid="forecast-series"
          className="ml-2 rounded border border-slate-300 px-2 py-1"
          value={pick}
          onChange={(e) => setPick(e.target.value)}
        >
          {series.slice(0, 80).map((s) => (
            <option key={`${s.destination}|${s.product}`} value={`${s.destination}|${s.product}`}>
              {t('forecast.seriesOption', {
                destination: s.destination,
                product: s.product,
                corridor: s.corridor,
                mean: formatT(s.meanT),
              })}
            </option>
          ))}
        </select>
      </label>
      <ErrorBanner error={error} />
      {!fc && !error && (
        // The summary and chart's height, held while the forecast is on its way: the card below moves
        // only when a fallback notice comes with it.
        <p aria-busy="true" data-testid="forecast-demand-loading" className="mt-3 h-[250px] text-sm text-slate-500">
          {t('app.loading')}
        </p>
      )}
      {fc && (
        <div className="mt-3" data-testid="forecast-demand">
          <p className="text-sm text-slate-600">
            {t('forecast.summary', {
              model: fc.model ? t('forecast.modelVersion', { version: fc.model.version }) : t('forecast.noModel'),
              total: formatT(total),
            })}
            {series[0] && <> · {t('forecast.history', { source: series[0].source })}</>}
          </p>
          {fc.fallback && (
            <p className="mt-1 rounded bg-amber-50 p-2 text-sm text-amber-800" data-testid="forecast-fallback">
              {fc.fallback}
            </p>
          )}
          <ForecastChart
            testId="forecast-demand-chart"
            unit={t('forecast.unitPerDay')}
            actuals={fc.actuals.map((a) => ({ date: a.date, value: a.tonnes }))}
            forecast={fc.forecast.map((f) => ({ date: f.date, value: f.tonnes, naive: f.naive }))}
          />
        </div>
      )}
    </Card>
  );
}
