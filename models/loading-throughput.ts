import type { LoadingEventRow } from '../core/domain/history';
import { quantileSorted } from '../core/drift/psi';
import { tableFromRows } from '../core/ml/table';
import { groupMedianBaseline } from './baselines';
import type { ModelSpec } from './spec';

export const loadingThroughputSpec: ModelSpec = {
  name: 'loading-throughput',
  title: 'Loading throughput',
  description: 'Loading rate (t/h) of a loading point for a product, wagon type and lot size, by season.',
  unit: 't/h',
  table: 'loading_events',
  target: 'rateTph',
  task: 'regression',
  objective: 'huber',
  features: ['date', 'loadingPoint', 'product', 'wagonType', 'tonnes'],
  params: { rounds: 300, learningRate: 0.05, maxDepth: 6, minDataInLeaf: 20, earlyStoppingRounds: 30 },
  feeds: 'Optimizer: loading rate per loading point (loading duration = load ÷ rate).',
  build(h) {
    return tableFromRows(
      h.loading_events.map((r) => ({
        date: r.date,
        loadingPoint: r.loadingPoint,
        product: r.product,
        wagonType: r.wagonType,
        tonnes: r.tonnes,
        rateTph: r.rateTph,
      })),
      { date: 'date', loadingPoint: 'categorical', product: 'categorical', wagonType: 'categorical' },
      'loading_events',
    );
  },
  baseline: [
    groupMedianBaseline('rateTph', ['loadingPoint'], 'point-median-rate'),
    groupMedianBaseline('rateTph', ['loadingPoint', 'product'], 'point-product-median-rate'),
  ],
};

/** Event sizes the model is asked at per loading point × product: this many quantiles of its events. */
export const EVENT_POINTS = 10;
/** Events a loading point × product needs before its own sizes are used over the product's anywhere. */
export const MIN_EVENTS = 10;

/** EVENT_POINTS evenly spread quantiles ((k + ½) / EVENT_POINTS) of some tonnes; none without any. */
export function eventPoints(tonnes: readonly number[]): number[] {
  const sorted = tonnes.filter((t) => Number.isFinite(t)).sort((a, b) => a - b);
  if (!sorted.length) return [];
  return Array.from({ length: EVENT_POINTS }, (_, k) => quantileSorted(sorted, (k + 0.5) / EVENT_POINTS));
}

/**
 * The `tonnes` to serve the model at for a loading point × product, as training defines it: the
 * tonnes of one product loaded onto one rake (a loading event), not a rake's capacity. The rate
 * of a product at a loading point depends on the lot size, so it is asked at the spread of sizes
 * its events had (the product's at every loading point when this one loaded it too seldom);
 * null when the history has neither.
 */
export function eventTonnes(
  events: readonly LoadingEventRow[],
): (loadingPoint: string, product: string) => number[] | null {
  const byPair = new Map<string, number[]>();
  const byProduct = new Map<string, number[]>();
  const push = (m: Map<string, number[]>, k: string, t: number) => {
    const a = m.get(k);
    if (a) a.push(t);
    else m.set(k, [t]);
  };
  for (const e of events) {
    push(byPair, `${e.loadingPoint}|${e.product}`, e.tonnes);
    push(byProduct, e.product, e.tonnes);
  }
  return (lp, product) => {
    const own = byPair.get(`${lp}|${product}`) ?? [];
    const t = own.length >= MIN_EVENTS ? own : (byProduct.get(product) ?? []);
    return t.length ? eventPoints(t) : null;
  };
}

/** One rate over events of these sizes: total tonnes over total hours, so the loading hours agree. */
export function rateOverEvents(tonnes: readonly number[], ratesTph: readonly number[]): number {
  let t = 0;
  let h = 0;
  tonnes.forEach((x, i) => {
    t += x;
    h += x / Math.max(1, ratesTph[i]!);
  });
  // Sizes unknown (a rake load the scenario cannot give): the rates asked, alike.
  return t > 0 && h > 0 ? t / h : ratesTph.reduce((a, b) => a + b, 0) / ratesTph.length;
}

/**
 * Serving rows for loading point × product pairs, each asked at its event sizes (`tonnes`), and
 * which rows each pair's are. Size by size (every pair's smallest, then the next), the pairs'
 * order turned a golden-ratio step each time: the drift monitor keeps an evenly spread sample of
 * each request, which then covers every size and many pairs rather than each pair's smallest or
 * the same few pairs.
 */
export function throughputServingRows(
  date: string,
  pairs: readonly { loadingPoint: string; product: string; wagonType: string; tonnes: readonly number[] }[],
): { rows: Record<string, string | number>[]; rowsOf: number[][] } {
  const rows: Record<string, string | number>[] = [];
  const rowsOf = pairs.map((): number[] => []);
  for (let k = 0; pairs.some((x) => k < x.tonnes.length); k++) {
    const turn = Math.floor(k * pairs.length * 0.618_034) % pairs.length;
    for (let j = 0; j < pairs.length; j++) {
      const i = (j + turn) % pairs.length;
      const x = pairs[i]!;
      if (k >= x.tonnes.length) continue;
      rowsOf[i]!.push(rows.length);
      rows.push({
        date,
        loadingPoint: x.loadingPoint,
        product: x.product,
        wagonType: x.wagonType,
        tonnes: x.tonnes[k]!,
      });
    }
  }
  return { rows, rowsOf };
}
