import type Database from 'better-sqlite3';
import type { DemandForecast, HistoryFrom, NoModelWhy } from '../contract/api/training';
import { refusal } from '../contract/errors';
import { DEMAND_HORIZON_DAYS, demandLags, demandSeries } from '../../models/demand';
import type { HistoryData } from '../../models';
import { isoOfDay } from '../ml/table';
import { historyRowsWhere, historyVersion, readHistory } from './history-source';
import type { Predictor } from './operational-forecasts';
import { asClause } from '../domain/sentence';
import { noModelWhy } from './no-model';

/** One destination × product series: its first row's corridor, its mean daily demand [t/day]. */
export type SeriesMean = { destination: string; product: string; corridor: string; meanT: number };
type SeriesListItem = SeriesMean & { source: string; history: HistoryFrom };

/**
 * Each series' mean over its recorded days, in the order the series were first recorded; a day
 * recorded twice counts at its later row, as demandSeries reads it.
 */
export function seriesMeans(rows: HistoryData['demand']): SeriesMean[] {
  return [...demandSeries(rows).values()].map((s) => {
    const vals = [...s.days.values()].filter((v): v is number => v !== null);
    return {
      destination: s.destination,
      product: s.product,
      corridor: s.corridor,
      meanT: vals.reduce((a, b) => a + b, 0) / Math.max(1, vals.length),
    };
  });
}

/**
 * seriesMeans summed in SQL: a few hundred rows leave the database, not every day of every series.
 * SQLite sums with error compensation, so on fractional tonnes a mean may differ from the running
 * sum's in its last digit; whole tonnes sum exactly either way.
 */
export function seriesMeansSql(db: Database.Database): SeriesMean[] {
  type Sums = { destination: string; product: string; sumT: number; n: number };
  // A bare column beside MIN() or MAX() is read from the row holding it: the series' first row.
  const lanes = db
    .prepare(
      `SELECT destination, product, corridor, MIN(rid) AS first, COUNT(*) AS rows, COUNT(DISTINCT date) AS days,
         TOTAL(tonnes) AS sumT, COUNT(tonnes) AS n
       FROM history_demand GROUP BY destination, product ORDER BY first`,
    )
    .all() as (Sums & { corridor: string; rows: number; days: number })[];
  // A day recorded twice (history imported over itself, not replacing it) counts once, at its
  // later row: then the sums are taken again over each day's last row, a second pass over the table.
  const again = lanes.some((l) => l.rows !== l.days)
    ? new Map(
        (
          db
            .prepare(
              `SELECT destination, product, TOTAL(tonnes) AS sumT, COUNT(tonnes) AS n
               FROM (SELECT destination, product, tonnes, MAX(rid) FROM history_demand GROUP BY destination, product, date)
               GROUP BY destination, product`,
            )
            .all() as Sums[]
        ).map((x) => [`${x.destination}|${x.product}`, x]),
      )
    : null;
  return lanes.map((l) => {
    const x = again?.get(`${l.destination}|${l.product}`) ?? l;
    return { destination: l.destination, product: l.product, corridor: l.corridor, meanT: x.sumT / Math.max(1, x.n) };
  });
}

// The list changes only with the history (no model reads it): kept per history version.
let listed: { key: string; list: SeriesListItem[] } | null = null;

/** Every destination × product series with its mean daily demand [t/day], largest first. */
export function demandSeriesList(dbPath: string): SeriesListItem[] {
  const key = historyVersion(dbPath);
  if (listed?.key !== key) {
    const h = readHistory({ dbPath }, 'demand', seriesMeansSql, (data) => seriesMeans(data.demand));
    const list = h.value.map((s) => ({ ...s, source: h.source, history: h.from })).sort((a, b) => b.meanT - a.meanT);
    listed = { key, list };
  }
  return listed.list;
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
  const lane = (r: HistoryData['demand'][number]) => r.destination === o.destination && r.product === o.product;
  // One series' rows, not every series' two years.
  const h = readHistory(
    { dbPath: o.dbPath },
    'demand',
    (db) => historyRowsWhere(db, 'demand', 'destination = ? AND product = ?', [o.destination, o.product]).demand,
    (data) => data.demand.filter(lane),
  );
  const series = demandSeries(h.value).get(`${o.destination}|${o.product}`);
  if (!series)
    throw refusal('NOT_FOUND', {
      code: 'demand-no-history',
      params: { destination: o.destination, product: o.product },
    });
  const days = [...series.days.keys()].sort((a, b) => a - b);
  const last = days.at(-1)!;
  const actuals = days
    .filter((d) => d > last - o.historyDays)
    .map((d) => ({ date: isoOfDay(d), tonnes: series.days.get(d) ?? null }));
  const future = Array.from({ length: DEMAND_HORIZON_DAYS }, (_, k) => last + 1 + k);
  const rows = future.map((d) => ({
    date: isoOfDay(d),
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
    model = { name: 'demand', version: p.from, label: p.label, reasons: p.reasons };
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
    forecast: future.map((d, k) => ({ date: isoOfDay(d), tonnes: values[k]!, naive: naive[k] ?? null })),
  };
}
