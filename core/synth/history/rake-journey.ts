import type { LoadingPoint, WagonType } from '../../domain/entities';
import type { Plant } from '../../domain/scenario';
import { RAIL_TERMINAL_H } from '../bokaro';
import type { PlantProfile } from '../plant';
import type { Rng } from '../prng';
import { loadingFactor, placementDelayFactor, transitFactor } from '../seasons';
import { DAY_MS, HOUR_MS, istCalendar, istDate, istMidnight, toIst } from '../../domain/plant-time';
import type { OpenOrder } from './orders';
import { OUTLIER, MISSING, round1, round2, type Recorder } from './recording';

/** Tonnes of one order drawn from one yard into a rake. */
export interface Portion {
  o: OpenOrder;
  yard: string;
  t: number;
}

/**
 * What happens to a rake once it is filled: placement (late), loading at a siding berth,
 * transit to each destination, and the freight paid; each step recorded as its table's rows.
 */
export class RakeJourney {
  /** Per siding, when each berth is next free [ms]. */
  private readonly lpFree = new Map<string, number[]>();
  /** Per corridor, recent dispatch times [ms]: a busy corridor runs slower. */
  private readonly corridorLoad = new Map<string, number[]>();

  constructor(
    private readonly plant: Plant,
    private readonly profile: PlantProfile,
    private readonly rng: Rng,
    private readonly rec: Recorder,
  ) {
    for (const lp of plant.loadingPoints) this.lpFree.set(lp.code, new Array<number>(lp.maxRakes).fill(0));
    for (const c of plant.corridors) this.corridorLoad.set(c.code, []);
  }

  /** When the siding's first berth is free [ms]. */
  freeAt(lpCode: string): number {
    return Math.min(...(this.lpFree.get(lpCode) ?? []));
  }

  record(
    lp: LoadingPoint,
    wt: WagonType,
    capacityT: number,
    portions: Portion[],
    destCodes: string[],
    dayStart: number,
    cal: { month: number; weekday: number },
    seq: number,
  ): void {
    const date = istDate(dayStart);
    const rakeId = `RK-${date.replaceAll('-', '')}-${String(seq).padStart(2, '0')}`;
    // Placement: promised within the day; actual later (BCN rakes are scarcest, BOXN plentiful).
    const promised = dayStart + this.rng.uniform(1, 23) * HOUR_MS;
    const typeFactor = wt.code === 'BCN' ? 1.6 : wt.code === 'BOXN' ? 0.8 : 1;
    let delayH = this.rng.lognormal(3.5 * typeFactor * placementDelayFactor(cal.month, cal.weekday), 0.75) - 1.5;
    if (this.rec.defects.chance(OUTLIER)) delayH += this.rng.uniform(36, 96); // rake held at a yard upstream
    const actual = promised + delayH * HOUR_MS;
    this.rec.tables.rake_placements.push({
      rakeId,
      wagonType: wt.code,
      loadingPoint: lp.code,
      promisedAt: toIst(promised),
      actualAt: toIst(actual),
      delayH: this.rec.missing(round1(delayH)),
    });

    // Loading: at the siding's first free berth, within its working hours.
    const slots = this.lpFree.get(lp.code);
    if (!slots) throw new Error(`loading point ${lp.code} is not in the plant`);
    const { slot, free } = firstFree(slots);
    let t = withinHours(Math.max(actual, free), lp);
    const monthOfLoading = istCalendar(t).month;
    const byProduct = new Map<string, number>();
    for (const p of portions) byProduct.set(p.o.product, (byProduct.get(p.o.product) ?? 0) + p.t);
    for (const [product, tonnes] of byProduct) {
      const family = this.plant.products.find((x) => x.code === product)?.family ?? '';
      const productFactor = family === 'HR_PLATE' ? 0.85 : family === 'HR_COIL' ? 1.05 : 0.95;
      let rate = lp.loadingRateTph * productFactor * loadingFactor(monthOfLoading) * this.rng.lognormal(1, 0.1);
      if (this.rec.defects.chance(OUTLIER)) rate /= this.rng.uniform(2, 3.5); // crane breakdown
      const hours = tonnes / rate;
      const missing = this.rec.defects.chance(MISSING);
      this.rec.tables.loading_events.push({
        date: istDate(t),
        rakeId,
        loadingPoint: lp.code,
        product,
        wagonType: wt.code,
        tonnes,
        hours: missing ? null : round2(hours),
        rateTph: missing ? null : round1(rate),
      });
      t += hours * HOUR_MS;
    }
    slots[slot] = t;

    // Transit to each destination; busy corridors run slower.
    const dispatch = t;
    const dispatchCal = istCalendar(dispatch);
    const corridor = this.destination(destCodes[0]).corridor;
    const load = this.corridorLoad.get(corridor);
    if (!load) throw new Error(`corridor ${corridor} is not in the plant`);
    const recent = load.filter((x) => x > dispatch - 7 * DAY_MS).length;
    load.push(dispatch);
    if (load.length > 64) load.splice(0, load.length - 64);
    const spec = this.profile.corridors.get(corridor) ?? { speedKmph: 27, congestion: 1.1 };
    const busy = 1 + (spec.congestion - 1) * Math.min(2, recent / 5);
    destCodes.forEach((code, k) => {
      const dest = this.destination(code);
      const destT = portions.filter((p) => p.o.dest.code === code).reduce((s, p) => s + p.t, 0);
      let transit =
        (RAIL_TERMINAL_H + dest.railDistanceKm / spec.speedKmph) *
          transitFactor(dispatchCal.month) *
          busy *
          this.rng.lognormal(1, 0.08 * spec.congestion) +
        (k === 1 ? 6 : 0);
      if (this.rec.defects.chance(OUTLIER)) transit *= this.rng.uniform(1.8, 3); // breakdown, diversion
      this.rec.tables.trips.push({
        date: istDate(dispatch),
        rakeId,
        corridor: dest.corridor,
        destination: code,
        distanceKm: dest.railDistanceKm,
        wagonType: wt.code,
        month: dispatchCal.month,
        loadT: destT,
        transitH: this.rec.missing(round1(transit)),
      });
    });

    // Freight per tonne: chargeable weight is the full rake, so a short load pays idle freight.
    const loadT = portions.reduce((s, p) => s + p.t, 0);
    const twoPointRs = destCodes.length > 1 ? 15_000 : 0;
    for (const p of portions) {
      let cost = ((150 + 1.45 * p.o.dest.railDistanceKm) * Math.max(capacityT, loadT)) / loadT + twoPointRs / loadT;
      cost *= this.rng.lognormal(1, 0.02);
      if (this.rec.defects.chance(OUTLIER / 2)) cost *= 1.5;
      this.rec.tables.shipments.push({
        date: istDate(dispatch),
        orderId: p.o.id,
        stockyard: p.yard,
        destination: p.o.dest.code,
        corridor: p.o.dest.corridor,
        product: p.o.product,
        priority: p.o.priority,
        mode: 'rail',
        tonnes: p.t,
        distanceKm: p.o.dest.railDistanceKm,
        costRsPerT: this.rec.missing(round1(cost)),
      });
    }
  }

  private destination(code: string | undefined) {
    const dest = this.plant.destinations.find((x) => x.code === code);
    if (!dest) throw new Error(`rake destination ${code ?? '(none)'} is not in the plant`);
    return dest;
  }
}

/** The berth free soonest (the first of equals) and when. */
function firstFree(slots: readonly number[]): { slot: number; free: number } {
  if (slots.length === 0) throw new Error('a loading point has no berth');
  let slot = 0;
  let free = slots[0]!; // the list is not empty
  slots.forEach((t, i) => {
    if (t < free) {
      free = t;
      slot = i;
    }
  });
  return { slot, free };
}

/** Move a start time into the siding's working hours. */
function withinHours(t: number, lp: LoadingPoint): number {
  if (lp.workStartH <= 0 && lp.workEndH >= 24) return t;
  const midnight = istMidnight(istDate(t));
  const h = (t - midnight) / HOUR_MS;
  if (h < lp.workStartH) return midnight + lp.workStartH * HOUR_MS;
  if (h >= lp.workEndH) return midnight + DAY_MS + lp.workStartH * HOUR_MS;
  return t;
}
