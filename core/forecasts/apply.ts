import type { InputSource } from '../domain/input-sources';
import type { Scenario } from '../domain/scenario';
import type { Cell } from '../ml/table';
import { answer, type Answer, type ModelAccess } from './model-access';
import type { VersionRecord } from '../registry/version-record';
import { eventPoints, rateOverEvents, throughputServingRows } from '../../models/loading-throughput';

export interface ApplyOptions {
  /** The planner asked for the demo: models trained on synthetic history may feed it. */
  demo: boolean;
  /** Mean delay [h] of a loading point's recent placements known at `at`, for the placement model. */
  recentDelayH?: (loadingPoint: string, at: string) => number | null;
  /**
   * The tonnes of a loading point × product's loading events to ask the throughput model at
   * (models/loading-throughput.ts eventTonnes), from the history the scenario may use; without
   * them, the sizes the serving version was trained on.
   */
  eventTonnes?: (loadingPoint: string, product: string) => number[] | null;
}

export interface ApplyResult {
  scenario: Scenario;
  /** Every figure considered, with the value before and the value used. */
  sources: InputSource[];
  /** The rows whose value changed: the diff the planner accepts or undoes. */
  changes: InputSource[];
}

const r1 = (x: number) => Math.round(x * 10) / 10;

/** A source row's `why`: the answer's, with its reasons as codes, or `otherwise` when there was no answer. */
function said(a: Answer | null, otherwise?: string): Pick<InputSource, 'why' | 'reasons'> {
  if (a?.why === undefined) return otherwise === undefined ? {} : { why: otherwise };
  // The reasons as stored: the host's lists of ids are typed read-only, the schema's are not.
  const reasons = a.reasons as InputSource['reasons'];
  return { why: a.why, ...(reasons ? { reasons } : {}) };
}

/** The `tonnes` a version was trained on (its dataset statistics' sample), or none recorded. */
function trainingTonnes(rec: VersionRecord | null): number[] {
  const f = rec?.datasetStats?.features.find((x) => x.name === 'tonnes');
  return f?.kind === 'numeric' ? f.sample : [];
}

/** `iso` moved by `h` hours, written in the same zone offset, to the minute. */
export function addHours(iso: string, h: number): string {
  const m = /(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  const off = m?.[1] ?? 'Z';
  const offMin = off === 'Z' ? 0 : (off[0] === '-' ? -1 : 1) * (Number(off.slice(1, 3)) * 60 + Number(off.slice(4, 6)));
  const ms = Math.round((Date.parse(iso) + h * 3_600_000) / 60_000) * 60_000;
  return new Date(ms + offMin * 60_000).toISOString().slice(0, 19) + off;
}

/**
 * "Update from forecasts": each destination's rail transit time (the transit model's P50, with
 * P10/P90 kept for risk), each loading point's rate (the throughput model per product, blended
 * by the open orders' tonnes of each product it can load, since a loading point has one rate)
 * and each expected rake's placement (promised time + the placement model's delay). Each figure
 * comes from the serving version of its model, or its baseline when the model may not be used
 * (model-access.ts), or stays as the scenario had it — and its `sources` row says which and why.
 * Applying twice adds the delay to the promised time once: a rake's promised time is the
 * `before` of its earlier row while the scenario still holds that row's value.
 */
export async function applyForecasts(sc: Scenario, access: ModelAccess, opts: ApplyOptions): Promise<ApplyResult> {
  const date = sc.horizon.start.slice(0, 10);
  const prior = new Map((sc.sources ?? []).map((r) => [`${r.field}|${r.entity}`, r]));
  const wagon = new Map(sc.plant.wagonTypes.map((w) => [w.code, w]));
  const product = new Map(sc.plant.products.map((p) => [p.code, p]));
  const rakeLoadT = (w: string) => {
    const t = wagon.get(w);
    return t ? t.pccT * t.wagonsPerRake : null;
  };
  const sources: InputSource[] = [];
  // The figure as the planner had it before any update: a repeated update keeps it, so Undo
  // restores the typed value and a placement's delay is added to the promise only once.
  const origin = <T extends string | number>(field: string, entity: string, now: T): T => {
    const r = prior.get(`${field}|${entity}`);
    return r && r.used === now && typeof r.before === typeof now ? (r.before as T) : now;
  };

  // Transit: one row per destination, with the wagon type its orders most often need.
  const dests = sc.plant.destinations;
  const rakeTypes = new Set(sc.rakes.map((r) => r.wagonType));
  const destType = (code: string) => {
    const count = new Map<string, number>();
    for (const o of sc.orders)
      if (o.destination === code)
        for (const w of product.get(o.product)?.wagonTypes ?? [])
          if (rakeTypes.has(w) || rakeTypes.size === 0) count.set(w, (count.get(w) ?? 0) + o.quantityT);
    return (
      [...count].sort((a, b) => b[1] - a[1])[0]?.[0] ?? sc.rakes[0]?.wagonType ?? sc.plant.wagonTypes[0]?.code ?? ''
    );
  };
  const tRows = dests.map((d) => {
    const w = destType(d.code);
    return {
      date,
      corridor: d.corridor,
      destination: d.code,
      distanceKm: d.railDistanceKm,
      wagonType: w,
      loadT: rakeLoadT(w),
    } as Record<string, Cell>;
  });
  const ta = dests.length ? await answer(access, 'transit-delay', tRows, opts.demo) : null;
  const transitH = new Map<string, number>();
  dests.forEach((d, i) => {
    const base = {
      field: 'railTransitH' as const,
      entity: d.code,
      before: origin('railTransitH', d.code, d.railTransitH),
    };
    if (!ta?.values) {
      sources.push({ ...base, used: d.railTransitH, source: 'scenario', ...said(ta, 'no destinations') });
      return;
    }
    const p50 = Math.max(1, r1(ta.values.prediction![i]!));
    const p10 = ta.values.p10?.[i],
      p90 = ta.values.p90?.[i];
    const q =
      p10 !== undefined && p90 !== undefined && p90 > p10
        ? { p10H: Math.max(0.1, r1(Math.min(p10, p50))), p50H: p50, p90H: r1(Math.max(p90, p50)) }
        : { p50H: p50 };
    transitH.set(d.code, p50);
    sources.push({ ...base, used: p50, source: ta.source, ...said(ta), ...q });
  });

  // Loading: the throughput model per loading point × product it can load.
  const orderedT = new Map<string, number>();
  for (const o of sc.orders)
    if (o.modes !== 'road') orderedT.set(o.product, (orderedT.get(o.product) ?? 0) + o.quantityT);
  const lps = sc.plant.loadingPoints;
  // Each loading point × product is asked at several event sizes.
  const lIdx: { loadingPoint: string; product: string; wagonType: string; weightT: number; tonnes: number[] }[] = [];
  const trained = eventPoints(trainingTonnes(access.serving('loading-throughput')));
  for (const lp of lps) {
    const loadable = sc.plant.products
      .map((p) => ({ p, w: p.wagonTypes.find((w) => lp.wagonTypes.includes(w)) }))
      .filter((x) => x.w !== undefined);
    const ordered = loadable.filter((x) => (orderedT.get(x.p.code) ?? 0) > 0);
    for (const x of ordered.length ? ordered : loadable)
      lIdx.push({
        loadingPoint: lp.code,
        product: x.p.code,
        wagonType: x.w!,
        weightT: orderedT.get(x.p.code) ?? 0,
        // `tonnes` is one loading event's, as in training: a whole rake's load is past every event trained on.
        tonnes: opts.eventTonnes?.(lp.code, x.p.code) ?? (trained.length ? trained : [rakeLoadT(x.w!) ?? NaN]),
      });
  }
  const { rows: lRows, rowsOf } = throughputServingRows(date, lIdx);
  const la = lRows.length ? await answer(access, 'loading-throughput', lRows, opts.demo) : null;
  const rate = new Map<string, number>();
  for (const lp of lps) {
    const base = {
      field: 'loadingRateTph' as const,
      entity: lp.code,
      before: origin('loadingRateTph', lp.code, lp.loadingRateTph),
    };
    const mine = lIdx.map((x, i) => ({ ...x, rows: rowsOf[i]! })).filter((x) => x.loadingPoint === lp.code);
    const vals = la?.values?.prediction;
    if (!la?.values || !vals || mine.length === 0) {
      sources.push({
        ...base,
        used: lp.loadingRateTph,
        source: 'scenario',
        ...said(la, mine.length ? 'no forecast' : 'no product it can load'),
      });
      continue;
    }
    const byProduct = mine.map((x) => ({
      product: x.product,
      rateTph: Math.max(
        1,
        Math.round(
          rateOverEvents(
            x.tonnes,
            x.rows.map((i) => vals[i]!),
          ),
        ),
      ),
      weightT: Math.round(x.weightT),
      source: la.source,
    }));
    // One rate per loading point: the harmonic mean weighted by tonnes gives the same loading
    // hours for the day's product mix as the per-product rates would.
    const total = byProduct.reduce((s, x) => s + (x.weightT || 1), 0);
    const hours = byProduct.reduce((s, x) => s + (x.weightT || 1) / x.rateTph, 0);
    const used = Math.max(1, Math.min(20_000, Math.round(total / hours)));
    rate.set(lp.code, used);
    sources.push({ ...base, used, source: la.source, ...said(la), byProduct });
  }

  // Placement: promised time + forecast delay, averaged over the loading points that take the rake's wagon type.
  const rakes = sc.rakes.filter((r) => r.status === 'expected');
  const pRows: Record<string, Cell>[] = [];
  const pIdx: { rake: string; promised: string }[] = [];
  for (const r of rakes) {
    const promised = origin('expectedPlacement', r.id, r.expectedPlacement);
    for (const lp of lps.filter((l) => l.wagonTypes.includes(r.wagonType))) {
      pRows.push({
        date: promised.slice(0, 10),
        wagonType: r.wagonType,
        loadingPoint: lp.code,
        hour: Number(promised.slice(11, 13)),
        recentDelayH: opts.recentDelayH?.(lp.code, promised) ?? null,
      });
      pIdx.push({ rake: r.id, promised });
    }
  }
  const pa = pRows.length ? await answer(access, 'rake-availability', pRows, opts.demo) : null;
  const placement = new Map<string, string>();
  for (const r of rakes) {
    const mine = pIdx.map((x, i) => ({ ...x, i })).filter((x) => x.rake === r.id);
    const base = {
      field: 'expectedPlacement' as const,
      entity: r.id,
      before: origin('expectedPlacement', r.id, r.expectedPlacement),
    };
    if (!pa?.values || mine.length === 0) {
      sources.push({
        ...base,
        used: r.expectedPlacement,
        source: 'scenario',
        ...said(pa, 'no loading point takes its wagon type'),
      });
      continue;
    }
    const delayH = r1(mine.reduce((s, x) => s + pa.values.prediction![x.i]!, 0) / mine.length);
    const used = addHours(mine[0]!.promised, delayH);
    placement.set(r.id, used);
    sources.push({ ...base, used, source: pa.source, ...said(pa), delayH });
  }

  const scenario: Scenario = {
    ...sc,
    plant: {
      ...sc.plant,
      destinations: dests.map((d) => (transitH.has(d.code) ? { ...d, railTransitH: transitH.get(d.code)! } : d)),
      loadingPoints: lps.map((l) => (rate.has(l.code) ? { ...l, loadingRateTph: rate.get(l.code)! } : l)),
    },
    rakes: sc.rakes.map((r) => (placement.has(r.id) ? { ...r, expectedPlacement: placement.get(r.id)! } : r)),
    sources,
  };
  const current = new Map<string, string | number>([
    ...sc.plant.destinations.map((d) => [`railTransitH|${d.code}`, d.railTransitH] as const),
    ...sc.plant.loadingPoints.map((l) => [`loadingRateTph|${l.code}`, l.loadingRateTph] as const),
    ...sc.rakes.map((r) => [`expectedPlacement|${r.id}`, r.expectedPlacement] as const),
  ]);
  const changes = sources.filter((s) => current.get(`${s.field}|${s.entity}`) !== s.used);
  return { scenario, sources, changes };
}

/** The scenario with every changed figure set back to its value before (the diff's Undo). */
export function undoForecasts(sc: Scenario): Scenario {
  const back = new Map((sc.sources ?? []).map((r) => [`${r.field}|${r.entity}`, r]));
  const val = <T extends string | number>(field: string, entity: string, now: T): T => {
    const r = back.get(`${field}|${entity}`);
    return r && r.used === now ? (r.before as T) : now;
  };
  const { sources: _dropped, ...rest } = sc;
  void _dropped;
  return {
    ...rest,
    plant: {
      ...sc.plant,
      destinations: sc.plant.destinations.map((d) => ({
        ...d,
        railTransitH: val('railTransitH', d.code, d.railTransitH),
      })),
      loadingPoints: sc.plant.loadingPoints.map((l) => ({
        ...l,
        loadingRateTph: val('loadingRateTph', l.code, l.loadingRateTph),
      })),
    },
    rakes: sc.rakes.map((r) => ({ ...r, expectedPlacement: val('expectedPlacement', r.id, r.expectedPlacement) })),
  };
}
