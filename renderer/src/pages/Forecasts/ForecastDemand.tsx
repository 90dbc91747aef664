import { useEffect, useState } from 'react';
import type { DemandForecast } from '../../../../core/contract/api/training';
import { api } from '../../api/client';
import { Card, ErrorBanner } from '../../components/ui';
import { t } from '../../i18n';
import { formatT } from '../../lib/format';
import { ForecastChart } from './ForecastChart';
import { destinationsOf, productsOf, type Series } from './demandPicker';
import { historyFromText, noModelText, registryFromText } from './sourceText';

const selectClass = 'ml-2 rounded border border-slate-300 px-2 py-1';

/** Demand for the next 14 days of one destination × product, with the last 90 days of actuals behind it. */
export function ForecastDemand() {
  const [series, setSeries] = useState<Series[]>([]);
  const [pick, setPick] = useState<{ destination: string; product: string } | null>(null);
  const [fc, setFc] = useState<DemandForecast | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.call('predict.demandSeries', {}).then((s) => {
      setSeries(s);
      if (s[0]) setPick({ destination: s[0].destination, product: s[0].product });
    }, setError);
  }, []);
  useEffect(() => {
    if (!pick) return;
    const { destination, product } = pick;
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
      <div className="flex flex-wrap gap-3 text-sm">
        <label>
          {t('col.destination')}
          <select
            aria-label={t('col.destination')}
            data-testid="forecast-destination"
            className={selectClass}
            value={pick?.destination ?? ''}
            // Another destination opens on its largest product.
            onChange={(e) =>
              setPick({ destination: e.target.value, product: productsOf(series, e.target.value)[0]?.product ?? '' })
            }
          >
            {destinationsOf(series).map((d) => (
              <option key={d.destination} value={d.destination}>
                {t('forecast.destinationOption', {
                  destination: d.destination,
                  corridor: d.corridor,
                  mean: formatT(d.meanT),
                })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('col.product')}
          <select
            aria-label={t('col.product')}
            data-testid="forecast-product"
            className={selectClass}
            value={pick?.product ?? ''}
            onChange={(e) => pick && setPick({ destination: pick.destination, product: e.target.value })}
          >
            {pick &&
              productsOf(series, pick.destination).map((s) => (
                <option key={s.product} value={s.product}>
                  {t('forecast.productOption', { product: s.product, mean: formatT(s.meanT) })}
                </option>
              ))}
          </select>
        </label>
      </div>
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
              model: fc.model
                ? t('forecast.modelVersion', { version: registryFromText({ ...fc.model, from: fc.model.version }) })
                : t('forecast.noModel'),
              total: formatT(total),
            })}
            {series[0] && <> · {t('forecast.history', { source: historyFromText(series[0].history) })}</>}
          </p>
          {fc.fallback && (
            <p className="mt-1 rounded bg-amber-50 p-2 text-sm text-amber-800" data-testid="forecast-fallback">
              {fc.fallbackWhy ? t('source.demandFallback', { why: noModelText(fc.fallbackWhy) }) : fc.fallback}
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
