import { useEffect, useState } from 'react';
import type { OperationalForecastsResult } from '../../../../core/contract/api/training';
import { api } from '../../api/client';
import { Card, ErrorBanner } from '../../components/ui';
import { formatH } from '../../lib/format';
import { ForecastSection } from './ForecastSection';

const today = () => new Date().toISOString().slice(0, 10);
const tph = (v: number) => `${v.toFixed(0)} t/h`;

/** Transit time, placement delay and loading throughput forecasts for a planning day: what the optimizer uses. */
export function ForecastOperational() {
  const [date, setDate] = useState(today());
  const [res, setRes] = useState<OperationalForecastsResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    api.call('predict.operational', { date }).then(
      (r) => live && (setRes(r), setError(null)),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [date]);
  return (
    <Card title="Transit, placement and loading forecasts">
      <label className="text-sm">
        Planning day
        <input
          type="date"
          aria-label="Planning day"
          value={date}
          onChange={(e) => e.target.value && setDate(e.target.value)}
          className="ml-2 rounded border border-slate-300 px-2 py-1"
        />
      </label>
      <ErrorBanner error={error} />
      {res && (
        <div className="mt-3 grid gap-4 lg:grid-cols-2" data-testid="forecast-operational">
          <ForecastSection
            title="Rail transit time by destination"
            source={res.sources.transit}
            head={['Destination', 'Corridor', 'P10', 'Forecast', 'P90', 'Lane mean']}
          >
            {res.transit.map((t) => (
              <tr key={t.destination}>
                <td>{t.destination}</td>
                <td>{t.corridor}</td>
                <td>{t.p10H === null ? '—' : formatH(t.p10H)}</td>
                <td className="font-semibold">{formatH(t.medianH)}</td>
                <td>{t.p90H === null ? '—' : formatH(t.p90H)}</td>
                <td className="text-slate-500">{formatH(t.laneMeanH)}</td>
              </tr>
            ))}
          </ForecastSection>
          <div className="space-y-4">
            <ForecastSection
              title="Rake placement delay"
              source={res.sources.placement}
              head={['Loading point', 'Wagon type', 'Forecast', 'Mean']}
            >
              {res.placement.map((p) => (
                <tr key={`${p.loadingPoint}|${p.wagonType}`}>
                  <td>{p.loadingPoint}</td>
                  <td>{p.wagonType}</td>
                  <td className="font-semibold">{formatH(p.delayH)}</td>
                  <td className="text-slate-500">{formatH(p.meanH)}</td>
                </tr>
              ))}
            </ForecastSection>
            <ForecastSection
              title="Loading throughput"
              source={res.sources.loading}
              head={['Loading point', 'Product', 'Forecast', 'Mean']}
            >
              {res.loading.map((l) => (
                <tr key={`${l.loadingPoint}|${l.product}`}>
                  <td>{l.loadingPoint}</td>
                  <td>{l.product}</td>
                  <td className="font-semibold">{tph(l.rateTph)}</td>
                  <td className="text-slate-500">{tph(l.meanTph)}</td>
                </tr>
              ))}
            </ForecastSection>
          </div>
        </div>
      )}
    </Card>
  );
}
