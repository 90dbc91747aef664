import type { Plant } from '../../domain/scenario';
import type { PlantProfile } from '../plant';
import type { Rng } from '../prng';
import type { OrderBook } from './orders';

/** Stock per stockyard × product, fed by the mills and drawn by road and rail. */
export class Stockyards {
  private readonly stock = new Map<string, number>();
  /** The stockyards that hold each product. */
  readonly holders = new Map<string, string[]>();
  readonly openingT: number;
  producedT = 0;

  constructor(
    private readonly plant: Plant,
    profile: PlantProfile,
    meanDemand: ReadonlyMap<string, number>,
  ) {
    // Stockyards start with about six days of each product.
    let opening = 0;
    for (const p of plant.products) {
      const ys = plant.stockyards
        .filter((y) => profile.stockyardProducts.get(y.code)?.includes(p.code))
        .map((y) => y.code);
      this.holders.set(p.code, ys);
      const each = Math.round((6 * (meanDemand.get(p.code) ?? 0)) / Math.max(1, ys.length));
      for (const y of ys) {
        this.stock.set(`${y}|${p.code}`, each);
        opening += each;
      }
    }
    this.openingT = opening;
  }

  /**
   * Mills produce to the order book (half the long-run mean, half the last week's orders), more
   * when stock runs below about a week's orders and less above it; output goes to the yards with
   * least stock, as a despatch controller would route it.
   */
  produce(orders: OrderBook, rng: Rng): void {
    for (const p of this.plant.products) {
      const ys = this.holders.get(p.code) ?? [];
      if (ys.length === 0) continue;
      const mean = orders.meanDemand.get(p.code) ?? 0;
      const recent = orders.recentDemand.get(p.code) ?? [];
      const recentMean = recent.length > 0 ? recent.reduce((a, b) => a + b, 0) / recent.length : mean;
      const stock = ys.reduce((s, y) => s + this.stockOf(y, p.code), 0);
      const target = 7 * mean;
      const steer = Math.min(1.3, Math.max(0.6, 1 + (0.5 * (target - stock)) / Math.max(1, target)));
      const out = Math.round((0.5 * mean + 0.5 * recentMean) * steer * rng.uniform(0.93, 1.07));
      let left = out;
      const level = (target + out) / ys.length;
      const gaps = ys.map((y) => ({ y, gap: Math.max(0, level - this.stockOf(y, p.code)) }));
      const gapSum = gaps.reduce((a, b) => a + b.gap, 0);
      gaps.forEach(({ y, gap }, i) => {
        const t = i === ys.length - 1 ? left : Math.round(gapSum > 0 ? (out * gap) / gapSum : out / ys.length);
        this.add(y, p.code, t);
        left -= t;
      });
      this.producedT += out;
    }
  }

  add(yard: string, product: string, t: number): void {
    const key = `${yard}|${product}`;
    this.stock.set(key, (this.stock.get(key) ?? 0) + t);
  }

  stockOf(yard: string, product: string): number {
    return this.stock.get(`${yard}|${product}`) ?? 0;
  }

  totalT(): number {
    let total = 0;
    for (const v of this.stock.values()) total += v;
    return total;
  }
}
