import { describe, expect, it } from 'vitest';
import { dayNumber } from '../ml/table';
import { insertHistory } from '../scenarios/history-store';
import { generateHistory } from '../synth/history';
import type { DemandRow } from '../domain/history';
import { hostWithHistory } from '../../tests/helpers/history-host';
import { seriesMeans, seriesMeansSql } from './demand-forecast';

const history = generateHistory({ seed: 5, days: 400 });
const only = (demand: DemandRow[]) => ({
  demand,
  rake_placements: [],
  trips: [],
  loading_events: [],
  shipments: [],
});
// Days imported a second time with other figures (one not recorded, one under another corridor):
// a day's later row is its figure, a series' first row its corridor.
const again: DemandRow[] = history.demand.slice(5_000, 5_040).map((r, i) => ({
  ...r,
  tonnes: i === 3 ? null : (r.tonnes ?? 0) + 17 + i,
  corridor: i === 7 ? 'ELSEWHERE' : r.corridor,
}));
const more = history.demand.slice(0, 30).map((r) => ({ ...r, tonnes: 0 }));

describe('demand series read from the database', () => {
  const { host, db } = hostWithHistory('rp-demand-series-', history);

  it('sums each series in SQL to the means its rows give, a day recorded twice at its later row', () => {
    expect(seriesMeansSql(db)).toEqual(seriesMeans(history.demand));
    insertHistory(db, only(again), { replace: false });
    const want = seriesMeans([...history.demand, ...again]);
    expect(want).not.toEqual(seriesMeans(history.demand));
    expect(seriesMeansSql(db)).toEqual(want);
  });

  it('lists the series largest first, read again once the history changes', async () => {
    const listed = async () =>
      (await host.app.invoke('predict.demandSeries', {})).map(({ destination, product, corridor, meanT }) => ({
        destination,
        product,
        corridor,
        meanT,
      }));
    const byMean = (rows: DemandRow[]) => seriesMeans(rows).sort((a, b) => b.meanT - a.meanT);
    const all = [...history.demand, ...again];
    expect(await listed()).toEqual(byMean(all));
    expect(await listed()).toEqual(byMean(all));
    insertHistory(db, only(more), { replace: false });
    expect(await listed()).toEqual(byMean([...all, ...more]));
  });

  it("forecasts a series from its own rows, each day's later figure among the actuals", async () => {
    const r = again[0]!;
    const fc = await host.app.invoke('predict.demand', {
      destination: r.destination,
      product: r.product,
      historyDays: 730,
    });
    const lane = [...history.demand, ...again, ...more].filter(
      (x) => x.destination === r.destination && x.product === r.product,
    );
    const byDay = new Map(lane.map((x) => [x.date, x.tonnes]));
    const days = [...byDay.keys()].sort();
    expect(fc.actuals).toEqual(days.map((date) => ({ date, tonnes: byDay.get(date) })));
    expect(fc.actuals.find((a) => a.date === r.date)?.tonnes).toBe(r.tonnes);
    expect(dayNumber(fc.forecast[0]!.date)).toBe(dayNumber(days.at(-1)!) + 1);
  });
});
