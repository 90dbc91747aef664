import { dayNumber, tableFromRows } from '../core/ml/table';
import { columnBaseline } from './baselines';
import type { HistoryData, ModelSpec } from './spec';

/** Days between the last known day and the forecast day: lags shorter than this are unknown at forecast time. */
export const DEMAND_HORIZON_DAYS = 14;

/**
 * Lag features of one destination × product series for day `day`, using only days ≤ day − 14.
 * Shared by training (every history day) and forecasting (the next 14 days).
 */
export type DemandLags = Record<'lag14' | 'lag21' | 'lag28' | 'mean7' | 'mean28' | 'lag364' | 'mean364', number | null>;

export function demandLags(series: Map<number, number | null>, day: number): DemandLags {
  const at = (d: number) => series.get(d) ?? null;
  const meanOver = (from: number, to: number) => {
    let s = 0,
      n = 0;
    for (let d = from; d <= to; d++) {
      const v = at(d);
      if (v !== null) {
        s += v;
        n++;
      }
    }
    return n ? s / n : null;
  };
  const h = DEMAND_HORIZON_DAYS;
  return {
    lag14: at(day - h),
    lag21: at(day - 21),
    lag28: at(day - 28),
    mean7: meanOver(day - h - 6, day - h),
    mean28: meanOver(day - h - 27, day - h),
    lag364: at(day - 364),
    mean364: meanOver(day - 367, day - 361),
  };
}

export function demandSeries(
  rows: HistoryData['demand'],
): Map<string, { destination: string; product: string; corridor: string; days: Map<number, number | null> }> {
  const out = new Map<
    string,
    { destination: string; product: string; corridor: string; days: Map<number, number | null> }
  >();
  for (const r of rows) {
    const k = `${r.destination}|${r.product}`;
    let s = out.get(k);
    if (!s) out.set(k, (s = { destination: r.destination, product: r.product, corridor: r.corridor, days: new Map() }));
    s.days.set(dayNumber(r.date), r.tonnes);
  }
  return out;
}

export const demandSpec: ModelSpec = {
  name: 'demand',
  title: 'Demand (14 days ahead)',
  description:
    'Tonnes ordered per day for each destination × product, forecast 14 days ahead from lags ≥ 14 days, calendar and lane.',
  unit: 't/day',
  table: 'demand',
  target: 'tonnes',
  task: 'regression',
  objective: 'squared',
  features: [
    'date',
    'destination',
    'product',
    'corridor',
    'lag14',
    'lag21',
    'lag28',
    'mean7',
    'mean28',
    'lag364',
    'mean364',
  ],
  params: { rounds: 300, learningRate: 0.05, maxDepth: 6, minDataInLeaf: 40, earlyStoppingRounds: 30 },
  feeds: 'Forecasts page (demand outlook); the production suggestion of unmet rail-able demand.',
  // demandLags: lag14 … mean28 reach days 14–41 back, lag364 and mean364 days 361–367.
  lookback: [
    [DEMAND_HORIZON_DAYS, DEMAND_HORIZON_DAYS + 27],
    [361, 367],
  ],
  // demandLags: the farthest day each lag reads.
  lagReach: {
    lag14: DEMAND_HORIZON_DAYS,
    lag21: 21,
    lag28: 28,
    mean7: DEMAND_HORIZON_DAYS + 6,
    mean28: DEMAND_HORIZON_DAYS + 27,
    lag364: 364,
    mean364: 367,
  },
  build(h) {
    const rows: Record<string, string | number | null>[] = [];
    for (const s of demandSeries(h.demand).values()) {
      for (const [day, tonnes] of s.days) {
        rows.push({
          date: new Date(day * 86_400_000).toISOString().slice(0, 10),
          destination: s.destination,
          product: s.product,
          corridor: s.corridor,
          ...demandLags(s.days, day),
          tonnes,
        });
      }
    }
    return tableFromRows(
      rows,
      { date: 'date', destination: 'categorical', product: 'categorical', corridor: 'categorical' },
      'demand',
    );
  },
  baseline: [columnBaseline('lag364', 'seasonal-naive'), columnBaseline('mean28', 'mean-28-days')],
};
