import { useEffect, useState } from 'react';
import type { OperationalForecastsResult } from '../../../../core/contract/api/training';
import { api } from '../../api/client';
import { Card, ErrorBanner } from '../../components/ui';
import { t } from '../../i18n';
import { plantDate } from '../../lib/dates';
import { formatH } from '../../lib/format';
import { useScenarios } from '../Plan/scenarioStore';
import { ForecastSection } from './ForecastSection';
import { defaultPlanningDay, planningDayNote, type PlanningDay } from './planningDay';
import { forecastFromText } from './sourceText';

const tph = (v: number) => `${v.toFixed(0)} t/h`;

/** Transit time, placement delay and loading throughput forecasts for a planning day: what the optimizer uses. */
export function ForecastOperational() {
  const openId = useScenarios((s) => s.selectedId);
  const list = useScenarios((s) => s.list);
  const listed = useScenarios((s) => s.listed);
  // Without the list (the indent panel shows why) the page still answers, for today.
  const unlisted = useScenarios((s) => !s.listed && s.error !== null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [res, setRes] = useState<OperationalForecastsResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The scenario store's list, shared with the indent panel above: one request for both.
  useEffect(() => void useScenarios.getState().ensureListed(), []);
  const today = plantDate();
  const auto: PlanningDay | null = listed
    ? defaultPlanningDay(list, openId, today)
    : unlisted
      ? defaultPlanningDay([], null, today)
      : null;
  const date = chosen ?? auto?.date ?? null;
  const note = chosen === null && auto ? planningDayNote(auto, today) : null;
  useEffect(() => {
    if (date === null) return;
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
    <Card title={t('forecast.operationalTitle')}>
      <label className="text-sm">
        {t('forecast.planningDay')}
        <input
          type="date"
          aria-label={t('forecast.planningDay')}
          value={date ?? ''}
          onChange={(e) => e.target.value && setChosen(e.target.value)}
          className="ml-2 rounded border border-slate-300 px-2 py-1"
        />
      </label>
      {note && (
        <p data-testid="forecast-planning-day-note" className="mt-1 text-sm text-slate-600">
          {note}
        </p>
      )}
      <ErrorBanner error={error} />
      {!res && !error && (
        <p aria-busy="true" data-testid="forecast-operational-loading" className="mt-3 text-sm text-slate-500">
          {t('app.loading')}
        </p>
      )}
      {res && (
        <div className="mt-3 grid gap-4 lg:grid-cols-2" data-testid="forecast-operational">
          <ForecastSection
            title={t('forecast.transitTitle')}
            source={forecastFromText(res.sourceCodes.transit)}
            head={[
              t('col.destination'),
              t('forecast.col.corridor'),
              'P10',
              t('forecast.col.forecast'),
              'P90',
              t('forecast.col.laneMean'),
            ]}
          >
            {res.transit.map((tr) => (
              <tr key={tr.destination}>
                <td>{tr.destination}</td>
                <td>{tr.corridor}</td>
                <td>{tr.p10H === null ? '—' : formatH(tr.p10H)}</td>
                <td className="font-semibold">{formatH(tr.medianH)}</td>
                <td>{tr.p90H === null ? '—' : formatH(tr.p90H)}</td>
                <td className="text-slate-500">{formatH(tr.laneMeanH)}</td>
              </tr>
            ))}
          </ForecastSection>
          <div className="space-y-4">
            <ForecastSection
              title={t('forecast.placementTitle')}
              source={forecastFromText(res.sourceCodes.placement)}
              head={[
                t('forecast.col.loadingPoint'),
                t('col.wagonType'),
                t('forecast.col.forecast'),
                t('forecast.col.mean'),
              ]}
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
              title={t('forecast.loadingTitle')}
              source={forecastFromText(res.sourceCodes.loading)}
              head={[
                t('forecast.col.loadingPoint'),
                t('col.product'),
                t('forecast.col.forecast'),
                t('forecast.col.mean'),
              ]}
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
