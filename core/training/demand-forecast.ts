import type { DemandForecast, HistoryFrom, NoModelWhy } from '../contract/api/training';
import { ContractError } from '../contract/errors';
import { DEMAND_HORIZON_DAYS, demandLags, demandSeries } from '../../models/demand';
import type { HistoryData } from '../../models';
import { historyVersion, loadHistory } from './history-source';
import type { Predictor } from './operational-forecasts';
import { asClause } from '../domain/sentence';
import { noModelWhy } from './no-model';

const isoDay = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
type DemandHistory = { data: HistoryData; source: string; synthetic: boolean; from: HistoryFrom };
let cached: ({ key: string } & DemandHistory) | null = null;

function history(dbPath: string): DemandHistory {
  const key = historyVersion(dbPath);
  if (cached?.key !== key) cached = { key, ...loadHistory({ dbPath }, 'demand') };
  return cached;
}

/** Every destination × product series with its mean daily demand [t/day], largest first. */
export function demandSeriesList(
  dbPath: string,
): { destination: string; product: string; corridor: string; meanT: number; source: string; history: HistoryFrom }[] {
  const h = history(dbPath);
  return [...demandSeries(h.data.demand).values()]
    .map((s) => {
      const vals = [...s.days.values()].filter((v): v is number => v !== null);
      return {
        destination: s.destination,
        product: s.product,
        corridor: s.corridor,
        meanT: vals.reduce((a, b) => a + b, 0) / Math.max(1, vals.length),
        source: h.source,
        history: h.from,
      };
    })
    .sort((a, b) => b.meanT - a.meanT);
}

/**
 * The next 14 days of demand for one destination × product, from the demand model the Forecasts
 * page is meant to show (its pin, else production), with the recent actuals behind it. Without a
 * model the seasonal naive forecast is shown and `fallback` says so.
 */
export async function demandForecast(o: {
  dbPath: string;
  destination: string;
  product: string;
  historyDays: number;
  predict: Predictor;
}): Promise<DemandForecast> {
  const h = history(o.dbPath);
  const series = demandSeries(h.data.demand).get(`${o.destination}|${o.product}`);
  if (!series)
    throw new ContractError('NOT_FOUND', `No demand history for destination ${o.destination} × product ${o.product}.`);
  const days = [...series.days.keys()].sort((a, b) => a - b);
  const last = days.at(-1)!;
  const actuals = days
    .filter((d) => d > last - o.historyDays)
    .map((d) => ({ date: isoDay(d), tonnes: series.days.get(d) ?? null }));
  const future = Array.from({ length: DEMAND_HORIZON_DAYS }, (_, k) => last + 1 + k);
  const rows = future.map((d) => ({
    date: isoDay(d),
    destination: series.destination,
    product: series.product,
    corridor: series.corridor,
    ...demandLags(series.days, d),
  }));
  const naive = rows.map((r) => r.lag364);
  let model: DemandForecast['model'] = null;
  let fallback: string | null = null;
  let fallbackWhy: NoModelWhy | null = null;
  let values: number[];
  try {
    const p = await o.predict('demand', rows, h.synthetic);
    values = Array.from(p.columns.prediction!, (v) => Math.max(0, v));
    model = { name: 'demand', version: p.from };
  } catch (err) {
    fallbackWhy = noModelWhy('demand', err);
    fallback = `No usable demand model: ${asClause((err as Error).message)}. Showing the seasonal naive forecast (same weekday 52 weeks earlier; 28-day mean where that is missing).`;
    values = rows.map((r) => r.lag364 ?? r.mean28 ?? 0);
  }
  return {
    destination: o.destination,
    product: o.product,
    model,
    fallback,
    fallbackWhy,
    unit: 't/day',
    actuals,
    forecast: future.map((d, k) => ({ date: isoDay(d), tonnes: values[k]!, naive: naive[k] ?? null })),
  };
}
