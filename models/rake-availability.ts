import type { RakePlacementRow } from '../core/domain/history';
import { tableFromRows } from '../core/ml/table';
import { groupMedianBaseline } from './baselines';
import type { ModelSpec } from './spec';

/** How many of a loading point's latest known placements `recentDelayH` averages. */
export const RECENT_PLACEMENTS = 10;

/**
 * The placements known by a given moment, replayed in arrival order: `recentDelayH(lp, at)` is the
 * mean delay [h] of the loading point's last RECENT_PLACEMENTS rakes that had *arrived* by `at`.
 * A rake promised earlier but still on its way is not known yet — counting it would let training
 * rows see delays the planner could not have known (the leak this guards against). Training and
 * serving both go through this, so the feature means the same thing in both.
 */
export class KnownPlacements {
  private readonly arrivals: { at: number; lp: string; delayH: number }[];
  private next = 0;
  private lastAt = -Infinity;
  private readonly recent = new Map<string, number[]>();

  constructor(rows: readonly RakePlacementRow[]) {
    this.arrivals = rows
      .filter((r) => r.delayH !== null)
      .map((r) => ({ at: Date.parse(r.actualAt), lp: r.loadingPoint, delayH: r.delayH! }))
      .sort((a, b) => a.at - b.at);
  }

  /** Calls must come with non-decreasing `atMs` (rows in promise order). */
  recentDelayH(loadingPoint: string, atMs: number): number | null {
    if (atMs < this.lastAt) throw new Error('KnownPlacements: ask in time order.');
    this.lastAt = atMs;
    while (this.next < this.arrivals.length && this.arrivals[this.next]!.at <= atMs) {
      const a = this.arrivals[this.next++]!;
      const past = this.recent.get(a.lp) ?? [];
      past.push(a.delayH);
      if (past.length > RECENT_PLACEMENTS) past.shift();
      this.recent.set(a.lp, past);
    }
    const past = this.recent.get(loadingPoint);
    return past?.length ? past.reduce((s, v) => s + v, 0) / past.length : null;
  }
}

/** A timestamp's hour of the day in its own offset (IST in the plant's tables). */
const hourOf = (iso: string) => Number(iso.slice(11, 13));

/** The model's input row for a rake promised at `promisedAt`, as training built it. */
export function placementRow(
  known: KnownPlacements,
  r: { wagonType: string; loadingPoint: string; promisedAt: string },
): Record<string, string | number | null> {
  return {
    date: r.promisedAt.slice(0, 10),
    wagonType: r.wagonType,
    loadingPoint: r.loadingPoint,
    hour: hourOf(r.promisedAt),
    recentDelayH: known.recentDelayH(r.loadingPoint, Date.parse(r.promisedAt)),
  };
}

/**
 * Serving rows for a planning day with no rakes promised yet: one row per hour of the day for each
 * loading point × wagon type, with the placements known at the day's start, and the share of the
 * loading point's past promises made at that hour (to weight the hourly forecasts into one).
 */
export function placementServingRows(
  history: readonly RakePlacementRow[],
  day: string,
  groups: readonly { loadingPoint: string; wagonType: string }[],
): { rows: Record<string, string | number | null>[]; weights: number[][] } {
  const start = `${day}T00:00:00+05:30`;
  const known = new KnownPlacements(history);
  const recent = new Map<string, number | null>();
  for (const g of groups) if (!recent.has(g.loadingPoint)) recent.set(g.loadingPoint, null);
  const atMs = Date.parse(start);
  for (const lp of recent.keys()) recent.set(lp, known.recentDelayH(lp, atMs));
  const hours = new Map<string, number[]>();
  for (const r of history) {
    if (Date.parse(r.promisedAt) > atMs) continue;
    const h = hours.get(r.loadingPoint) ?? new Array<number>(24).fill(0);
    h[hourOf(r.promisedAt)]!++;
    hours.set(r.loadingPoint, h);
  }
  const rows: Record<string, string | number | null>[] = [];
  const weights: number[][] = [];
  for (const g of groups) {
    // No past promise at this loading point: every hour alike.
    const h = hours.get(g.loadingPoint) ?? new Array<number>(24).fill(1);
    const total = h.reduce((a, b) => a + b, 0);
    weights.push(h.map((c) => c / total));
    for (let hour = 0; hour < 24; hour++)
      rows.push({
        date: day,
        wagonType: g.wagonType,
        loadingPoint: g.loadingPoint,
        hour,
        recentDelayH: recent.get(g.loadingPoint) ?? null,
      });
  }
  return { rows, weights };
}

export const rakeAvailabilitySpec: ModelSpec = {
  name: 'rake-availability',
  title: 'Rake availability (placement delay)',
  description:
    "Hours between a rake's promised and actual placement, by wagon type, loading point, promised hour, calendar and the loading point's recent delays (placements known when the rake was promised).",
  unit: 'h',
  table: 'rake_placements',
  target: 'delayH',
  task: 'regression',
  // Judged by MAE against group medians: the absolute loss fits the conditional median, which the
  // long tail of held rakes pulls away from the mean (huber lost to the median baseline). Shallow
  // trees with large leaves: the signal (calendar × wagon type) is small next to the noise.
  objective: 'absolute',
  features: ['date', 'wagonType', 'loadingPoint', 'hour', 'recentDelayH'],
  params: { rounds: 300, learningRate: 0.05, maxDepth: 2, minDataInLeaf: 60, earlyStoppingRounds: 30 },
  feeds: 'Optimizer: expected placement time of each rake (promised time + forecast delay).',
  // recentDelayH: the loading point's last RECENT_PLACEMENTS arrivals, a few days' worth each.
  lookback: [[0, 30]],
  // Each placement's delay enters RECENT_PLACEMENTS consecutive rows of its loading point.
  driftOn: { recentDelayH: 'delayH' },
  build(h) {
    const rows = [...h.rake_placements].sort((a, b) => Date.parse(a.promisedAt) - Date.parse(b.promisedAt));
    const known = new KnownPlacements(rows);
    const out = rows.map((r) => ({ ...placementRow(known, r), delayH: r.delayH }));
    return tableFromRows(
      out,
      { date: 'date', wagonType: 'categorical', loadingPoint: 'categorical' },
      'rake_placements',
    );
  },
  baseline: [
    groupMedianBaseline('delayH', ['loadingPoint', 'wagonType'], 'point-wagon-median-delay'),
    groupMedianBaseline('delayH', ['loadingPoint'], 'point-median-delay'),
  ],
};
