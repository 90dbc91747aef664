import type { Plant } from '../../domain/scenario';
import type { Rng } from '../prng';
import { istDate } from '../../domain/plant-time';
import { byUrgency, type OrderBook } from './orders';
import { OUTLIER, round1, type Recorder } from './recording';
import type { Stockyards } from './stock';

/** Road despatch: trucks take the most urgent road orders within each yard's daily capacity. */
export class RoadDespatch {
  /** A freight rate factor per destination: some lanes are dearer than the distance says. */
  private readonly laneFactor = new Map<string, number>();
  shippedT = 0;

  constructor(
    private readonly plant: Plant,
    private readonly rng: Rng,
    private readonly rec: Recorder,
  ) {
    for (const d of plant.destinations) this.laneFactor.set(d.code, rng.uniform(0.9, 1.12));
  }

  day(dayStart: number, weekday: number, orders: OrderBook, stock: Stockyards): void {
    const date = istDate(dayStart);
    const cap = new Map(
      this.plant.stockyards.map((y) => [y.code, Math.round(y.roadCapacityTPerDay * (weekday === 0 ? 0.5 : 1))]),
    );
    orders.roadBacklog.sort(byUrgency);
    for (const o of orders.roadBacklog) {
      for (const y of [...(stock.holders.get(o.product) ?? [])].sort(
        (a, b) => stock.stockOf(b, o.product) - stock.stockOf(a, o.product),
      )) {
        if (o.remaining <= 0) break;
        const take = Math.min(o.remaining, stock.stockOf(y, o.product), cap.get(y) ?? 0);
        if (take <= 0) continue;
        o.remaining -= take;
        cap.set(y, (cap.get(y) ?? 0) - take);
        stock.add(y, o.product, -take);
        this.shippedT += take;
        const km = o.dest.roadDistanceKm;
        let cost =
          (250 + 3.2 * km) *
          (this.laneFactor.get(o.dest.code) ?? 1) *
          (take < 50 ? 1.12 : 1) *
          this.rng.lognormal(1, 0.05);
        if (this.rec.defects.chance(OUTLIER)) cost *= 1.7; // spot truck hire at a festival or strike
        this.rec.tables.shipments.push({
          date,
          orderId: o.id,
          stockyard: y,
          destination: o.dest.code,
          corridor: o.dest.corridor,
          product: o.product,
          priority: o.priority,
          mode: 'road',
          tonnes: take,
          distanceKm: km,
          costRsPerT: this.rec.missing(round1(cost)),
        });
      }
    }
    orders.roadBacklog = orders.roadBacklog.filter((o) => o.remaining > 0);
  }
}
