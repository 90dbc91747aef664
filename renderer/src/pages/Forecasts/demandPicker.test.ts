import { describe, expect, it } from 'vitest';
import { destinationsOf, productsOf, type Series } from './demandPicker';

const s = (destination: string, product: string, meanT: number): Series => ({
  destination,
  product,
  corridor: `${destination}-corridor`,
  meanT,
  source: 'history',
  history: { code: 'table', table: 'history_demand', rows: 1, demo: null },
});

describe('the demand series picker', () => {
  // More series than the old single list showed (80), most of them small.
  const series = Array.from({ length: 30 }, (_, d) =>
    Array.from({ length: 8 }, (_, p) => s(`D${d}`, `P${p}`, 1000 - d * 30 - p)),
  )
    .flat()
    .sort((a, b) => b.meanT - a.meanT);

  it('reaches every series through a destination and one of its products', () => {
    const reached = destinationsOf(series).flatMap((d) =>
      productsOf(series, d.destination).map((x) => `${x.destination}|${x.product}`),
    );
    expect(reached.sort()).toEqual(series.map((x) => `${x.destination}|${x.product}`).sort());
  });

  it('lists destinations once each, largest total demand first, and products largest first', () => {
    const small = [s('A', 'X', 5), s('B', 'X', 30), s('A', 'Y', 40)].sort((a, b) => b.meanT - a.meanT);
    expect(destinationsOf(small)).toEqual([
      { destination: 'A', corridor: 'A-corridor', meanT: 45 },
      { destination: 'B', corridor: 'B-corridor', meanT: 30 },
    ]);
    expect(productsOf(small, 'A').map((x) => x.product)).toEqual(['Y', 'X']);
  });
});
