// Each planned rake's rules (3, 4, 5) and prices (rule 7), and the loading points' capacity over all rakes.
import { at } from '../domain/violations';
import {
  draw,
  deliver,
  daysLate,
  lateRs,
  near,
  railRs,
  tallyOnTime,
  withinHours,
  type Ctx,
  type PlanRake,
} from './context';
import { TOL_H, TOL_T } from './tolerances';

/** One planned rake: rules 3, 4 and 5, then its costs and its lines' lateness (rule 7). */
export function checkRake(x: Ctx, pr: PlanRake, seenRakes: Set<string>): void {
  const loaded = checkWagonsAndLoad(x, pr, seenRakes);
  if (!loaded) return;
  checkDestinations(x, pr, loaded.wagonsByDest);
  const times = checkLoading(x, pr, loaded.load);
  if (!times) return;
  priceRake(x, pr, loaded, times);
}

/** Rule 3: the rake exists once and may load; each line fits its wagons; wagons and load fit the rake. */
function checkWagonsAndLoad(
  x: Ctx,
  pr: PlanRake,
  seenRakes: Set<string>,
): { capT: number; load: number; wagonsByDest: Map<string, number> } | null {
  const { bad } = x;
  const where = at.rake(pr.rakeId);
  const rk = x.rakesById.get(pr.rakeId);
  if (!rk) {
    bad(3, where, 'rake-unknown');
    return null;
  }
  if (seenRakes.has(rk.id)) bad(3, where, 'rake-twice');
  seenRakes.add(rk.id);
  if (rk.status === 'cancelled' || rk.status === 'dispatched') bad(3, where, `rake-${rk.status}`);
  const wt = x.wts.get(rk.wagonType);
  if (!wt) {
    bad(3, where, 'wagon-type-unknown', { wagonType: rk.wagonType });
    return null;
  }
  if (pr.wagonType !== rk.wagonType)
    bad(3, where, 'wagon-type-differs', { planned: pr.wagonType, actual: rk.wagonType });
  const capT = rk.wagons * wt.pccT;
  let load = 0;
  let wagons = 0;
  const wagonsByDest = new Map<string, number>();
  for (const l of pr.lines) {
    const lw = at.rakeOrder(pr.rakeId, l.order);
    const o = x.orders.get(l.order);
    if (!o) {
      bad(2, lw, 'order-unknown');
      continue;
    }
    if (l.product !== o.product || l.destination !== o.destination)
      bad(3, lw, 'line-differs', {
        product: l.product,
        destination: l.destination,
        orderProduct: o.product,
        orderDestination: o.destination,
      });
    if (o.modes === 'road') bad(6, lw, 'road-only-on-rake');
    if (!x.prods.get(o.product)?.wagonTypes.includes(rk.wagonType))
      bad(3, lw, 'wagons-may-not-carry', { wagonType: rk.wagonType, product: o.product });
    if (!Number.isInteger(l.wagons) || l.wagons < 1) bad(3, lw, 'wagons-not-whole', { wagons: l.wagons });
    const t = l.sources.reduce((a, s) => a + s.tonnes, 0);
    if (Math.abs(t - l.tonnes) > TOL_T) bad(0, lw, 'sources-differ', { sources: t, line: l.tonnes });
    if (t > l.wagons * wt.pccT + TOL_T) bad(3, lw, 'line-over-wagons', { tonnes: t, wagons: l.wagons, pcc: wt.pccT });
    // Every wagon allotted carries load (as the model allots them, ⌈t ÷ PCC⌉): empty wagons would
    // let a two-point rake meet its minimum wagons per destination without carrying anything. No
    // tolerance is added to t: 567 t in 63 t wagons fills 9, and a tenth would travel empty, while
    // 567.005 t does load a tenth (5 kg), as an order's odd kilograms may.
    const loadedWagons = t > 0 ? Math.max(1, Math.ceil(t / wt.pccT - 1e-9)) : 0;
    if (Number.isInteger(l.wagons) && l.wagons > loadedWagons)
      bad(3, lw, 'empty-wagons', { wagons: l.wagons, tonnes: t, empty: l.wagons - loadedWagons, pcc: wt.pccT });
    for (const s of l.sources) {
      if (s.tonnes < -TOL_T) bad(0, lw, 'negative-source', { stockyard: s.stockyard });
      draw(x, s.stockyard, o.product, s.tonnes);
    }
    deliver(x, o.id, 'rail', t);
    load += t;
    wagons += l.wagons;
    // Rule 4's minimum per destination counts wagons that carry load.
    const counted = Number.isInteger(l.wagons) ? Math.min(l.wagons, loadedWagons) : l.wagons;
    wagonsByDest.set(o.destination, (wagonsByDest.get(o.destination) ?? 0) + counted);
  }
  if (wagons > rk.wagons) bad(3, where, 'wagons-over-rake', { allotted: wagons, wagons: rk.wagons });
  if (load > capT + TOL_T) bad(3, where, 'load-over-capacity', { load, capacity: capT });
  x.loads.set(pr.rakeId, { load, capT });
  return { capT, load, wagonsByDest };
}

/** Rule 4: at most two destinations, on one corridor, each with the minimum wagons. */
function checkDestinations(x: Ctx, pr: PlanRake, wagonsByDest: Map<string, number>): void {
  const where = at.rake(pr.rakeId);
  const c = x.sc.costs;
  const dcodes = [...wagonsByDest.keys()];
  if (dcodes.length > 2) x.bad(4, where, 'too-many-destinations', { n: dcodes.length });
  if (dcodes.length === 2) {
    const [a, b] = dcodes.map((d) => x.dests.get(d));
    if (a && b && a.corridor !== b.corridor) x.bad(4, where, 'corridors-differ', { a: a.corridor, b: b.corridor });
    for (const [d, n] of wagonsByDest)
      if (n < c.minWagonsPerDestination)
        x.bad(4, where, 'two-point-min-wagons', { wagons: n, destination: d, min: c.minWagonsPerDestination });
  }
}

/** Rule 5 for one rake: its loading point handles the wagons and serves the yards, after placement, for as long as the load takes, in working hours. */
function checkLoading(x: Ctx, pr: PlanRake, load: number): { s: number; e: number; place: number } | null {
  const { bad } = x;
  const where = at.rake(pr.rakeId);
  const rk = x.rakesById.get(pr.rakeId)!;
  const lp = x.lps.get(pr.loadingPoint);
  const s = x.hOf(pr.loadingStart, where);
  const e = x.hOf(pr.loadingEnd, where);
  const place = x.hOf(rk.expectedPlacement, where);
  if (!lp) {
    bad(5, where, 'loading-point-unknown', { loadingPoint: pr.loadingPoint });
    return null;
  }
  if (!lp.wagonTypes.includes(rk.wagonType))
    bad(5, where, 'siding-wagon-type', { loadingPoint: lp.code, wagonType: rk.wagonType });
  for (const l of pr.lines)
    for (const src of l.sources) {
      if (!x.yards.has(src.stockyard)) bad(1, where, 'stockyard-unknown', { stockyard: src.stockyard });
      else if (!lp.stockyards.includes(src.stockyard))
        bad(5, where, 'siding-not-serving', { loadingPoint: lp.code, stockyard: src.stockyard });
    }
  if (s < place - TOL_H) bad(5, where, 'loading-before-placement', { hours: place - s });
  const horizonH = x.sc.horizon.days * 24;
  if (s < -TOL_H) bad(5, where, 'loading-before-horizon', { hours: -s });
  if (e > horizonH + TOL_H) bad(5, where, 'loading-after-horizon', { hours: e - horizonH });
  const dur = load / lp.loadingRateTph;
  if (Math.abs(e - s - dur) > TOL_H)
    bad(5, where, 'loading-duration', { hours: e - s, load, rate: lp.loadingRateTph, needed: dur });
  if (!withinHours(s, e, x.t0, x.off, lp.workStartH, lp.workEndH))
    bad(5, where, 'outside-working-hours', {
      start: pr.loadingStart,
      end: pr.loadingEnd,
      loadingPoint: lp.code,
      from: lp.workStartH,
      to: lp.workEndH,
    });
  x.intervals.set(lp.code, [...(x.intervals.get(lp.code) ?? []), [s, e, rk.id]]);
  return { s, e, place };
}

/** Rule 7 for one rake: freight, idle freight, two-point surcharge, demurrage, loading cost and each line's ETA and lateness. */
function priceRake(
  x: Ctx,
  pr: PlanRake,
  loaded: { capT: number; load: number; wagonsByDest: Map<string, number> },
  t: { e: number; place: number },
): void {
  const { bad, cost, claimed } = x;
  const c = x.sc.costs;
  const where = at.rake(pr.rakeId);
  const rk = x.rakesById.get(pr.rakeId)!;
  const lp = x.lps.get(pr.loadingPoint)!;
  const { capT, load } = loaded;
  const dcodes = [...loaded.wagonsByDest.keys()];
  const rates = dcodes.map((d) => railRs(x, x.dests.get(d)?.railDistanceKm ?? 0));
  const freight = pr.lines.reduce(
    (a, l) =>
      a + l.sources.reduce((y, z) => y + z.tonnes, 0) * railRs(x, x.dests.get(l.destination)?.railDistanceKm ?? 0),
    0,
  );
  const idle = Math.max(0, capT - load) * Math.max(0, ...rates);
  const two = c.twoPointSurchargeRs * Math.max(0, dcodes.length - 1);
  const dem = rk.wagons * Math.max(0, t.e - t.place - c.freeTimeH) * c.demurrageRsPerWagonH;
  const handling = load * (lp.handlingRsPerT ?? c.loadingRsPerT);
  for (const [name, got, want] of [
    ['rail-freight-differs', pr.railFreightRs, freight],
    ['idle-freight-differs', pr.idleFreightRs, idle],
    ['two-point-differs', pr.twoPointRs, two],
    ['demurrage-differs', pr.demurrageRs, dem],
    ['loading-cost-differs', pr.loadingRs, handling],
  ] as const) {
    if (!near(got, want)) bad(7, where, name, { got, want });
  }
  cost.railFreightRs += freight;
  cost.idleFreightRs += idle;
  cost.twoPointRs += two;
  cost.demurrageRs += dem;
  cost.loadingRs += handling;
  claimed.railFreightRs += pr.railFreightRs;
  claimed.idleFreightRs += pr.idleFreightRs;
  claimed.twoPointRs += pr.twoPointRs;
  claimed.demurrageRs += pr.demurrageRs;
  claimed.loadingRs += pr.loadingRs;
  for (const l of pr.lines) {
    const o = x.orders.get(l.order);
    const d = x.dests.get(l.destination);
    if (!o || !d) continue;
    const eta = t.e + d.railTransitH;
    const lw = at.rakeOrder(pr.rakeId, l.order);
    if (Math.abs(x.hOf(l.eta, where) - eta) > TOL_H) bad(7, lw, 'eta-rail', { eta: l.eta, transit: d.railTransitH });
    const days = daysLate(eta, x.hOf(o.dueDate, at.order(o.id)));
    const lr = l.tonnes * days * lateRs(x, o.priority);
    if (l.lateDays !== days || !near(l.latenessRs, lr))
      bad(7, lw, 'lateness-rail', { gotDays: l.lateDays, got: l.latenessRs, days, want: lr });
    cost.latenessRs += lr;
    claimed.latenessRs += l.latenessRs;
    tallyOnTime(x, l.tonnes, days);
  }
}

/** Rule 5: no loading point holds more rakes at once than it can. */
export function checkSidingCapacity(x: Ctx): void {
  for (const [code, list] of x.intervals) {
    const lp = x.lps.get(code)!;
    for (const [s] of list) {
      const inUse = list.filter(([a, b]) => a <= s + 1e-9 && b > s + 1e-9);
      if (inUse.length > lp.maxRakes)
        x.bad(5, [{ kind: 'loadingPoint', id: code }], 'siding-over-capacity', {
          n: inUse.length,
          rakes: inUse.map((r) => r[2]),
          max: lp.maxRakes,
        });
    }
  }
}
