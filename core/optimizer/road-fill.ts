import type { DraftRoad } from './draft';
import { key, roadCapacity, type Order, type Prep } from './prep';

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
export function bookRoadOnDay(p: Prep, o: Order, d: number, yards: readonly string[], left: number, book: RoadBook, worthIt: (yard: string) => boolean = () => true): number {
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
