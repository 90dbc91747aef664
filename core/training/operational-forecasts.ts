import type {
  ForecastFrom,
  OperationalForecastsResult as OperationalForecasts,
  RegistryFrom,
} from '../contract/api/training';
import type { Cell } from '../ml/table';
import { placementServingRows } from '../../models/rake-availability';
import { eventTonnes, rateOverEvents, throughputServingRows } from '../../models/loading-throughput';
import { loadHistory } from './history-source';
import { asClause } from '../domain/sentence';
import { noModelWhy } from './no-model';

/**
 * Scores rows with the version a consumer should use; `from` names the version or the fallback
 * taken, and why (RegistryFrom). `demo`: the history behind the rows is synthetic (the demo's), so a model trained on
 * synthetic history may answer; over the plant's own history it may not (the planning rule).
 */
export type Predictor = (
  name: string,
  rows: Record<string, Cell>[],
  demo: boolean,
) => Promise<{ columns: Record<string, ArrayLike<number>> } & RegistryFrom>;

type Group<T> = { key: string; sample: T; values: number[] };
function groups<T>(rows: T[], key: (r: T) => string, value: (r: T) => number | null): Group<T>[] {
  const m = new Map<string, Group<T>>();
  for (const r of rows) {
    const v = value(r);
    const k = key(r);
    const g = m.get(k) ?? { key: k, sample: r, values: [] };
    if (v !== null) g.values.push(v);
    m.set(k, g);
  }
  return [...m.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}
const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN);
const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};

/**
 * The forecasts the optimizer takes for a planning day: transit time per destination, loading
 * rate per loading point and product, placement delay per loading point and wagon type. Each
 * comes from the registry version the optimizer is meant to use (its pin, else production, with
 * the registry's own fallbacks); with no model at all the historical mean is used. `sources`
 * names which, never silently.
 */
export async function operationalForecasts(o: {
  dbPath: string;
  date: string;
  predict: Predictor;
}): Promise<OperationalForecasts> {
  const tripsH = loadHistory({ dbPath: o.dbPath }, 'trips');
  const loadsH = loadHistory({ dbPath: o.dbPath }, 'loading_events');
  const placesH = loadHistory({ dbPath: o.dbPath }, 'rake_placements');
  const trips = tripsH.data.trips;
  const loads = loadsH.data.loading_events;
  const places = placesH.data.rake_placements;

  const predict = async (
    name: string,
    rows: Record<string, Cell>[],
    demo: boolean,
  ): Promise<({ cols: Record<string, ArrayLike<number>> } & RegistryFrom) | { error: string; why: ForecastFrom }> => {
    try {
      const { columns, ...from } = await o.predict(name, rows, demo);
      return { cols: columns, ...from };
    } catch (err) {
      return {
        error: `historical mean — ${name}: ${asClause((err as Error).message)}`,
        why: { code: 'historical-mean', why: noModelWhy(name, err) },
      };
    }
  };

  const lanes = groups(
    trips,
    (t) => t.destination,
    (t) => t.transitH,
  );
  const tp = await predict(
    'transit-delay',
    lanes.map((g) => ({
      date: o.date,
      corridor: g.sample.corridor,
      destination: g.sample.destination,
      distanceKm: g.sample.distanceKm,
      wagonType: g.sample.wagonType,
      loadT: median(trips.filter((t) => t.destination === g.key && t.loadT !== null).map((t) => t.loadT!)),
    })),
    tripsH.synthetic,
  );
  const transit = lanes.map((g, i) => {
    const laneMeanH = mean(g.values);
    // A range only where the answer has one: a naive baseline fills P10 and P90 with its mean,
    // which is no range (the scenario update reads quantiles by the same rule, forecasts/apply.ts).
    const p10 = 'cols' in tp ? tp.cols.p10?.[i] : undefined;
    const p90 = 'cols' in tp ? tp.cols.p90?.[i] : undefined;
    const range = p10 !== undefined && p90 !== undefined && p90 > p10;
    return 'cols' in tp
      ? {
          destination: g.key,
          corridor: g.sample.corridor,
          distanceKm: g.sample.distanceKm,
          p10H: range ? p10 : null,
          medianH: tp.cols.prediction![i]!,
          p90H: range ? p90 : null,
          laneMeanH,
          from: tp.from,
        }
      : {
          destination: g.key,
          corridor: g.sample.corridor,
          distanceKm: g.sample.distanceKm,
          p10H: null,
          medianH: laneMeanH,
          p90H: null,
          laneMeanH,
          from: 'historical mean',
        };
  });

  const lp = groups(
    loads,
    (l) => `${l.loadingPoint}|${l.product}`,
    (l) => l.rateTph,
  );
  // Each pair asked at its own loading events' sizes, as the scenario update asks (forecasts/apply.ts).
  const sizes = eventTonnes(loads);
  const lServing = throughputServingRows(
    o.date,
    lp.map((g) => ({ ...g.sample, tonnes: sizes(g.sample.loadingPoint, g.sample.product) ?? [] })),
  );
  const lpp = await predict('loading-throughput', lServing.rows, loadsH.synthetic);
  const loading = lp.map((g, i) => ({
    loadingPoint: g.sample.loadingPoint,
    product: g.sample.product,
    meanTph: mean(g.values),
    rateTph:
      'cols' in lpp
        ? rateOverEvents(
            lServing.rowsOf[i]!.map((r) => Number(lServing.rows[r]!.tonnes)),
            lServing.rowsOf[i]!.map((r) => lpp.cols.prediction![r]!),
          )
        : mean(g.values),
    from: 'cols' in lpp ? lpp.from : 'historical mean',
  }));

  // The model's inputs as training built them: recent delays from the placements that had arrived
  // by the planning day's start (in arrival order), and every promise hour weighted by how often
  // the loading point's rakes were promised then.
  const pl = groups(
    places,
    (p) => `${p.loadingPoint}|${p.wagonType}`,
    (p) => p.delayH,
  );
  const serving = placementServingRows(
    places,
    o.date,
    pl.map((g) => g.sample),
  );
  const pp = await predict('rake-availability', serving.rows, placesH.synthetic);
  const placement = pl.map((g, i) => ({
    loadingPoint: g.sample.loadingPoint,
    wagonType: g.sample.wagonType,
    meanH: mean(g.values),
    delayH:
      'cols' in pp
        ? serving.weights[i]!.reduce((s, w, h) => s + w * pp.cols.prediction![i * 24 + h]!, 0)
        : mean(g.values),
    from: 'cols' in pp ? pp.from : 'historical mean',
  }));

  const src = (r: { from: string } | { error: string }) => ('from' in r ? r.from : r.error);
  const code = (r: RegistryFrom | { why: ForecastFrom }): ForecastFrom =>
    'from' in r ? { code: 'registry', from: r.from, label: r.label, reasons: r.reasons } : r.why;
  return {
    date: o.date,
    transit,
    loading,
    placement,
    sources: { transit: src(tp), loading: src(lpp), placement: src(pp) },
    sourceCodes: { transit: code(tp), loading: code(lpp), placement: code(pp) },
  };
}
