import type { Plan, PlannedRake, RoadShipment, SolverInfo } from '../domain/plan';
import { fitNote } from '../domain/replan-notes';
import type { Scenario } from '../domain/scenario';
import type { Draft, DraftRake } from './draft';
import { lineTonnes } from './draft';
import { applyLockFlags, planToDraft, pricePlan, rakeToDraft, roadKey, roadToDraft, ruleBasedCost } from './plan-draft';
import { key, prepare, type Closures, type Prep } from './prep';
import { SidingSchedule } from './siding-schedule';

/**
 * Locks: decisions the planner fixed (a whole rake, a road lot, every shipment of an order) and
 * rakes whose loading started before "now". They are fixed at the model's input: the optimizer
 * plans the residual scenario (the kept rakes removed, their stock and tonnes taken off the
 * inventory and the orders, their trucks off the road capacity), and the kept decisions are put
 * back unchanged. Siding outages and "now" are the solve's closures (prep.ts), obeyed by every
 * pass; the siding time the kept rakes hold is enforced when the two are joined (`joinKept`).
 */
export interface KeptDecisions {
  rakes: PlannedRake[];
  road: RoadShipment[];
}

/** What a base plan fixes: locked rakes and lots, those of locked orders, and anything started before `nowIso`. */
export function keptDecisions(
  base: Pick<Plan, 'rakes' | 'road' | 'lockedOrders'>,
  nowIso?: string,
  alsoKeep?: Set<string>,
): KeptDecisions {
  const now = nowIso ? Date.parse(nowIso) : -Infinity;
  const orders = new Set(base.lockedOrders ?? []);
  return {
    rakes: base.rakes.filter(
      (r) =>
        r.locked ||
        Date.parse(r.loadingStart) < now ||
        r.lines.some((l) => orders.has(l.order)) ||
        alsoKeep?.has(r.rakeId),
    ),
    road: base.road.filter(
      (r) => r.locked || Date.parse(r.dispatch) < now || orders.has(r.order) || alsoKeep?.has(roadKey(r)),
    ),
  };
}

/** The scenario left to plan around the kept decisions. */
export function residualScenario(sc: Scenario, kept: KeptDecisions): Scenario {
  const out: Scenario = structuredClone(sc);
  const keptIds = new Set(kept.rakes.map((r) => r.rakeId));
  out.rakes = out.rakes.filter((r) => !keptIds.has(r.id));
  const shipped = new Map<string, number>();
  const drawn = new Map<string, number>();
  const product = new Map(sc.orders.map((o) => [o.id, o.product]));
  const add = (m: Map<string, number>, k: string, t: number) => m.set(k, (m.get(k) ?? 0) + t);
  for (const r of kept.rakes)
    for (const l of r.lines) {
      add(shipped, l.order, l.tonnes);
      for (const s of l.sources) add(drawn, key(s.stockyard, l.product), s.tonnes);
    }
  const roadUsed = new Map<string, number>();
  for (const r of kept.road) {
    add(shipped, r.order, r.tonnes);
    add(drawn, key(r.stockyard, product.get(r.order) ?? r.product), r.tonnes);
    add(roadUsed, `${r.stockyard}|${r.date}`, r.tonnes);
  }
  // An order partly kept keeps its remainder open; one that may not be split ships whole or not at all, so it leaves.
  out.orders = out.orders.flatMap((o) => {
    const t = shipped.get(o.id) ?? 0;
    if (t <= 1e-6) return [o];
    const left = Math.round((o.quantityT - t) * 1000) / 1000;
    return !o.splittable || left <= 1e-3 ? [] : [{ ...o, quantityT: left }];
  });
  // Usable stock falls by what the kept decisions draw (taken off on-hand, never below the safety stock's floor of 0).
  for (const [k, t] of drawn) {
    let left = t;
    for (const inv of out.inventory) {
      if (left <= 1e-9 || key(inv.stockyard, inv.product) !== k) continue;
      const usable = Math.max(0, inv.onHandT - inv.safetyStockT);
      const take = Math.min(usable, left);
      inv.onHandT = Math.round((inv.onHandT - take) * 1000) / 1000;
      left -= take;
    }
  }
  // Road capacity left per stockyard and day: listed first, since the first override listed wins.
  const overrides = [...roadUsed].map(([k, t]) => {
    const [y, date] = k.split('|') as [string, string];
    const cap =
      sc.roadCapacity.find((c) => c.stockyard === y && c.date === date)?.capacityT ??
      sc.plant.stockyards.find((s) => s.code === y)?.roadCapacityTPerDay ??
      0;
    return { stockyard: y, date, capacityT: Math.max(0, Math.round((cap - t) * 1000) / 1000) };
  });
  out.roadCapacity = [...overrides, ...out.roadCapacity];
  return out;
}

/**
 * Join the kept decisions and a plan of the residual scenario into one plan of `sc`, priced by the
 * optimizer's pricing and explained under the same closures. Siding time is booked for the kept
 * rakes first; a residual rake that collides is moved to its siding's next free time (placement,
 * working hours and closures respected) or, when none is left in the horizon, dropped (its tonnes
 * become unserved), each named in the notes. Kept rakes keep `locked` when they had it.
 */
export function joinKept(
  sc: Scenario,
  kept: KeptDecisions,
  residual: Pick<Plan, 'rakes' | 'road'> | null,
  solver: SolverInfo,
  notes: string[],
  closures: Closures = {},
  lockFrom?: Pick<Plan, 'rakes' | 'road' | 'lockedOrders'>,
): Plan {
  const p = prepare(sc, closures);
  const fixed: Draft = planToDraft(p, kept);
  const { rakes, notes: moved } = fitAround(
    p,
    fixed.rakes,
    residual ? residual.rakes.map((r) => rakeToDraft(p, r)) : [],
  );
  const draft: Draft = {
    rakes: [...fixed.rakes, ...rakes],
    road: [...fixed.road, ...(residual ? residual.road.map((r) => roadToDraft(p, r)) : [])],
  };
  const plan = pricePlan(p, draft, solver, ruleBasedCost(p), [...notes, ...moved], null);
  if (lockFrom) applyLockFlags(plan, lockFrom);
  if (closures.outages?.length) plan.outages = [...closures.outages];
  return plan;
}

/**
 * Book `fixed` rakes on the sidings, then fit each movable rake in start order: at its start if
 * free, else the siding's next free time (clear of `p`'s closures); never before its placement.
 */
export function fitAround(p: Prep, fixed: DraftRake[], movable: DraftRake[]): { rakes: DraftRake[]; notes: string[] } {
  const sched = new SidingSchedule(p);
  for (const r of fixed) sched.book(r.lp, r.startH, r.startH + durOf(p, r));
  const out: DraftRake[] = [];
  const notes: string[] = [];
  for (const r of [...movable].sort((a, b) => a.startH - b.startH)) {
    const lp = p.lps.get(r.lp)!;
    const dur = durOf(p, r);
    const from = Math.max(r.startH, p.rakes[r.rakeIdx]!.placeH);
    const id = p.rakes[r.rakeIdx]!.rake.id;
    const s = sched.earliest(lp, from, dur);
    if (s === null) {
      notes.push(fitNote({ kind: 'unserved', rake: id, loadingPoint: lp.code }));
      continue;
    }
    if (Math.abs(s - r.startH) > 1e-6)
      notes.push(fitNote({ kind: 'moved', rake: id, loadingPoint: lp.code, hours: s - r.startH }));
    sched.book(lp.code, s, s + dur);
    out.push({ ...r, startH: s });
  }
  return { rakes: out, notes };
}

function durOf(p: Prep, r: DraftRake): number {
  return r.lines.reduce((a, l) => a + lineTonnes(l), 0) / p.lps.get(r.lp)!.loadingRateTph;
}
