import { deadlinePassed, type Deadline } from './deadline';
import type { DraftRoad } from './draft';
import { key, roadAllowed, roadCapacity, roadRate, type Order, type Prep } from './prep';

/** What truck booking consumes as it goes: road capacity per yard and day, stock per yard and product. */
export interface RoadBook {
  road: DraftRoad[];
  roadLeft: Map<string, number>;
  stock: Map<string, number>;
}

/**
 * Book trucks for one order on planning day `d`, trying `yards` in the given order (cheapest lane
 * first) and skipping those `worthIt` refuses; an unsplittable order goes whole from one yard or
 * not at all. Both planners use it, so they book road by the same rules. Returns tonnes left.
 */
export function bookRoadOnDay(
  p: Prep,
  o: Order,
  d: number,
  yards: readonly string[],
  left: number,
  book: RoadBook,
  worthIt: (yard: string) => boolean = () => true,
): number {
  for (const y of yards) {
    if (left <= 1e-6) break;
    if (!worthIt(y)) continue;
    const cap = book.roadLeft.get(`${y}|${d}`) ?? roadCapacity(p, y, d);
    const have = book.stock.get(key(y, o.product)) ?? 0;
    const t = Math.min(left, cap, have);
    if (t <= 1e-6 || (!o.splittable && t < left - 1e-6)) continue;
    book.road.push({ orderId: o.id, stockyard: y, day: d, tonnes: t });
    book.roadLeft.set(`${y}|${d}`, cap - t);
    book.stock.set(key(y, o.product), have - t);
    left -= t;
  }
  return left;
}

/**
 * The road pass both planners end with: each order in the planner's own order sends what rail left
 * by truck, earliest day first and cheapest lane first, where `worthIt` agrees. With a `deadline`
 * it checks between orders; `stoppedAt` is the index of the first order it did not reach.
 */
export function roadPass(
  p: Prep,
  orders: readonly Order[],
  rem: Map<string, number>,
  stock: Map<string, number>,
  deadline: Deadline | undefined,
  worthIt?: (o: Order, yard: string, day: number) => boolean,
): { road: DraftRoad[]; stoppedAt: number | null } {
  const road: DraftRoad[] = [];
  const roadLeft = new Map<string, number>();
  for (let i = 0; i < orders.length; i++) {
    if ((i & 255) === 0 && deadlinePassed(deadline)) return { road, stoppedAt: i };
    const o = orders[i]!;
    let left = rem.get(o.id) ?? 0;
    if (left <= 1e-6 || !roadAllowed(p, o)) continue;
    const dest = p.dests.get(o.destination)!;
    const yards = [...p.stockyards.keys()].sort((a, b) => roadRate(p, a, dest) - roadRate(p, b, dest));
    for (let d = 0; d < p.sc.horizon.days && left > 1e-6; d++) {
      left = bookRoadOnDay(p, o, d, yards, left, { road, roadLeft, stock }, worthIt && ((y) => worthIt(o, y, d)));
    }
    rem.set(o.id, left);
  }
  return { road, stoppedAt: null };
}
