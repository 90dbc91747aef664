import type { Destination } from '../../domain/entities';
import type { Plant } from '../../domain/scenario';
import type { PlantProfile } from '../plant';
import type { Rng } from '../prng';
import { demandFactor } from '../seasons';
import { DAY_MS, HOUR_MS, istDate } from '../../domain/plant-time';
import { OUTLIER, type Recorder } from './recording';

/** Saleable steel per day for a Bokaro-size plant [t/day]. */
const DAILY_OUTPUT_T = 12_500;
const MEAN_ORDER_T = 220;

export interface OpenOrder {
  id: string;
  dest: Destination;
  product: string;
  remaining: number;
  priority: 1 | 2 | 3;
  dueMs: number;
  createdDay: number;
}

export interface DayCalendar {
  month: number;
  weekday: number;
  dayOfMonth: number;
}

export function byUrgency(a: OpenOrder, b: OpenOrder): number {
  return a.priority - b.priority || a.dueMs - b.dueMs;
}

/** A buyer chooses road for short hauls, small lots and urgent orders. */
export function roadProbability(dest: Destination, tonnes: number, priority: number): number {
  if (!dest.roadPossible) return 0;
  const z = 2.6 - 0.0065 * dest.roadDistanceKm - 0.005 * tonnes + (priority === 1 ? 0.4 : 0);
  return 1 / (1 + Math.exp(-z));
}

/**
 * The order book: daily demand per destination × product (with the seasons of DOMAIN.md),
 * split into sales orders that wait in the road queue or in their corridor's rail queue.
 */
export class OrderBook {
  /** Base demand per destination × product, scaled so the plant's output is sold. */
  private readonly pairs: { dest: Destination; product: string; baseT: number; railShare: number }[] = [];
  /** Long-run mean orders per product [t/day]. */
  readonly meanDemand = new Map<string, number>();
  /** Each product's ordered tonnes over the last seven days. */
  readonly recentDemand = new Map<string, number[]>();
  /** Waiting rail orders per corridor, in the plant's corridor order. */
  readonly railBacklog = new Map<string, OpenOrder[]>();
  roadBacklog: OpenOrder[] = [];
  /** Mean rail demand [t/day]. */
  readonly railDailyT: number;
  private readonly railable: Map<string, boolean>;
  private orderSeq = 0;
  ordered = 0;

  constructor(
    plant: Plant,
    profile: PlantProfile,
    private readonly rng: Rng,
    private readonly rec: Recorder,
  ) {
    const wagonCodes = new Set(plant.wagonTypes.map((w) => w.code));
    this.railable = new Map(plant.products.map((p) => [p.code, p.wagonTypes.some((w) => wagonCodes.has(w))]));
    for (const c of plant.corridors) this.railBacklog.set(c.code, []);

    let weightSum = 0;
    const raw: { dest: Destination; product: string; w: number }[] = [];
    for (const dest of plant.destinations) {
      for (const product of profile.destinationProducts.get(dest.code) ?? []) {
        const w = (profile.destinationWeight.get(dest.code) ?? 1) * (profile.productShare.get(product) ?? 0);
        if (w > 0) {
          raw.push({ dest, product, w });
          weightSum += w;
        }
      }
    }
    let railT = 0;
    for (const r of raw) {
      const baseT = (DAILY_OUTPUT_T * r.w) / weightSum;
      const railShare = 1 - roadProbability(r.dest, MEAN_ORDER_T, 2);
      this.pairs.push({ dest: r.dest, product: r.product, baseT, railShare });
      this.meanDemand.set(r.product, (this.meanDemand.get(r.product) ?? 0) + baseT);
      railT += baseT * railShare;
    }
    this.railDailyT = railT;
    for (const p of plant.products) this.recentDemand.set(p.code, []);
  }

  /** Today's orders: a demand row per pair, and the sales orders it splits into. */
  arrive(d: number, dayStart: number, cal: DayCalendar): void {
    const date = istDate(dayStart);
    const trend = 1 + 0.03 * (d / 365);
    const dayTotals = new Map<string, number>();
    for (const pair of this.pairs) {
      const expected = pair.baseT * trend * demandFactor(pair.product, cal.month, cal.weekday, cal.dayOfMonth);
      // Some days a buyer places nothing; other days a lumpy order: a right-skewed day total.
      let tonnes = this.rng.chance(0.12) ? 0 : Math.round(((expected / 0.88) * this.rng.lognormal(1, 0.4)) / 1.083);
      if (tonnes > 0 && this.rec.defects.chance(OUTLIER / 2)) tonnes *= 4; // a project's bulk order
      this.rec.tables.demand.push({
        date,
        destination: pair.dest.code,
        product: pair.product,
        corridor: pair.dest.corridor,
        tonnes: this.rec.missing(tonnes),
      });
      if (tonnes <= 0) continue;
      dayTotals.set(pair.product, (dayTotals.get(pair.product) ?? 0) + tonnes);
      this.ordered += tonnes;
      const n = Math.min(6, Math.max(1, Math.round(tonnes / MEAN_ORDER_T)));
      let left = tonnes;
      for (let k = 0; k < n; k++) {
        const q =
          k === n - 1
            ? left
            : Math.max(1, Math.min(left - (n - k - 1), Math.round((tonnes / n) * this.rng.uniform(0.6, 1.4))));
        left -= q;
        const priority = this.rng.weighted([1, 2, 3] as const, [0.2, 0.5, 0.3]);
        const order: OpenOrder = {
          id: `SO-${date.replaceAll('-', '')}-${String(++this.orderSeq).padStart(6, '0')}`,
          dest: pair.dest,
          product: pair.product,
          remaining: q,
          priority,
          dueMs: dayStart + this.rng.int(4, 15) * DAY_MS + 18 * HOUR_MS,
          createdDay: d,
        };
        const railable = this.railable.get(pair.product) ?? false;
        if (!railable || this.rng.chance(roadProbability(pair.dest, q, priority))) this.roadBacklog.push(order);
        else this.railBacklog.get(pair.dest.corridor)?.push(order);
      }
    }
    for (const [p, list] of this.recentDemand) {
      list.push(dayTotals.get(p) ?? 0);
      if (list.length > 7) list.shift();
    }
  }

  /** Open order tonnes, road and rail. */
  backlogT(): number {
    let backlog = 0;
    for (const list of this.railBacklog.values()) for (const o of list) backlog += o.remaining;
    for (const o of this.roadBacklog) backlog += o.remaining;
    return backlog;
  }
}
