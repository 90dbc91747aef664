import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../domain/plan';
import type { Scenario } from '../domain/scenario';
import { generateScenario } from '../synth/scenario';
import { order, tiny } from './__fixtures__/tiny';
import { buildPlan } from './build-plan';
import type { Draft } from './draft';
import { greedyDraft } from './greedy';
import { improveDraft } from './improve';
import { prepare } from './prep';
import { ruleBasedDraft } from './rule-based';

/**
 * Every unserved reason is re-derived here from the scenario and the plan alone (the way the
 * checker works: no optimizer code), so a reason that is not true of the plan fails.
 */
const info = { method: 'greedy heuristic' as const, status: '', objective: null, bound: null, gap: null, seconds: 0 };
const H = 3_600_000;

function facts(sc: Scenario, plan: Plan) {
  const t0 = Date.parse(sc.horizon.start);
  const off = (() => {
    const m = /([+-])(\d\d):?(\d\d)$/.exec(sc.horizon.start);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  })();
  const usable = (y: string, prod: string) =>
    sc.inventory
      .filter((i) => i.stockyard === y && i.product === prod)
      .reduce((a, i) => a + Math.max(0, i.onHandT - i.safetyStockT), 0);
  const drawn = new Map<string, number>();
  const roadUsed = new Map<string, number>();
  const shipments = new Map<string, number>();
  for (const r of plan.rakes)
    for (const l of r.lines) {
      shipments.set(l.order, (shipments.get(l.order) ?? 0) + 1);
      for (const s of l.sources)
        drawn.set(`${s.stockyard}|${l.product}`, (drawn.get(`${s.stockyard}|${l.product}`) ?? 0) + s.tonnes);
    }
  for (const r of plan.road) {
    shipments.set(r.order, (shipments.get(r.order) ?? 0) + 1);
    drawn.set(`${r.stockyard}|${r.product}`, (drawn.get(`${r.stockyard}|${r.product}`) ?? 0) + r.tonnes);
    roadUsed.set(`${r.stockyard}|${r.date}`, (roadUsed.get(`${r.stockyard}|${r.date}`) ?? 0) + r.tonnes);
  }
  const stockLeft = (y: string, prod: string) => usable(y, prod) - (drawn.get(`${y}|${prod}`) ?? 0);
  const date = (day: number) => new Date(t0 + day * 24 * H + off * 60_000).toISOString().slice(0, 10);
  const capLeft = (y: string, day: number) => {
    const o = sc.roadCapacity.find((c) => c.stockyard === y && c.date === date(day));
    return (
      (o ? o.capacityT : sc.plant.stockyards.find((s) => s.code === y)!.roadCapacityTPerDay) -
      (roadUsed.get(`${y}|${date(day)}`) ?? 0)
    );
  };
  const horizonEnd = t0 + sc.horizon.days * 24 * H;
  const inHorizon = sc.rakes.filter(
    (r) => r.status !== 'cancelled' && r.status !== 'dispatched' && Date.parse(r.expectedPlacement) < horizonEnd,
  );
  const used = new Set(plan.rakes.map((r) => r.rakeId));
  return { t0, usable, stockLeft, capLeft, date, inHorizon, used, shipments, horizonEnd };
}

/** Re-derive one plan's reasons; `improved`: the final pass ran to the end on it. */
function verifyReasons(sc: Scenario, plan: Plan, improved: boolean) {
  const f = facts(sc, plan);
  const c = sc.costs;
  const yards = sc.plant.stockyards.map((y) => y.code);
  for (const r of plan.rakes)
    expect(Date.parse(r.loadingEnd), `rake ${r.rakeId} loads past the horizon`).toBeLessThanOrEqual(
      f.horizonEnd + 1000,
    );
  for (const u of plan.unserved) {
    const o = sc.orders.find((x) => x.id === u.order)!;
    const prod = sc.plant.products.find((x) => x.code === o.product)!;
    const dest = sc.plant.destinations.find((x) => x.code === o.destination)!;
    const left = yards.reduce((a, y) => a + Math.max(0, f.stockLeft(y, o.product)), 0);
    const at = `${u.order}: ${u.reasonCode} — ${u.reason}`;
    const fig = u.figures ?? {};
    const compatible = f.inHorizon.filter((r) => prod.wagonTypes.includes(r.wagonType));
    const reaches = (wt: string) =>
      sc.plant.loadingPoints.some(
        (lp) => lp.wagonTypes.includes(wt) && lp.stockyards.some((y) => f.stockLeft(y, o.product) > 1e-6),
      );
    // The figures the Hindi interface writes busy rakes from, counted again: compatible rakes that
    // reach the stock and load others, and those of them loading for this destination.
    const busyFigures = () => {
      const busy = compatible.filter((r) => reaches(r.wagonType) && f.used.has(r.id));
      if (!busy.length) return undefined;
      const forDest = busy.filter((r) =>
        plan.rakes.some((pr) => pr.rakeId === r.id && pr.destinations.includes(o.destination)),
      );
      return { compatible: busy.length, wagonTypes: prod.wagonTypes, loadingForDestination: forDest.length };
    };
    switch (u.reasonCode) {
      case 'no-inventory':
        expect(
          yards.reduce((a, y) => a + f.usable(y, o.product), 0),
          at,
        ).toBeLessThan(1e-6);
        break;
      case 'stock-used-up':
        expect(left, at).toBeLessThan(Math.min(1, u.tonnes) + 0.01);
        break;
      case 'unsplittable-short-stock':
        expect(o.splittable, at).toBe(false);
        expect(left, at).toBeLessThan(o.quantityT);
        break;
      case 'dearer-than-leaving': {
        const leave = (u.penaltyRs + u.deferredFreightRs) / u.tonnes;
        expect(fig.leaveRsPerT!, at).toBeCloseTo(leave, 0);
        expect(fig.penaltyRsPerT, at).toBe(c.unservedRsPerT[`p${o.priority}`]);
        // Road: the cheapest lot any stockyard could send on any day, from this file's own tally.
        const roadOk = o.modes !== 'rail' && dest.roadPossible;
        let cheapest = Infinity;
        if (roadOk)
          for (const y of yards)
            for (let d = 0; d < sc.horizon.days; d++) {
              const t = Math.min(u.tonnes, f.capLeft(y, d), f.stockLeft(y, o.product));
              if (t <= 1e-6) continue;
              if (!o.splittable && ((f.shipments.get(o.id) ?? 0) > 0 || t < o.quantityT - 1e-6)) continue;
              const lane = sc.roadLanes.find((l) => l.stockyard === y && l.destination === dest.code);
              const rate = lane ? lane.rsPerT : c.roadBaseRsPerT + c.roadRsPerTKm * dest.roadDistanceKm;
              const eta = d * 24 + 12 + dest.roadTransitH;
              const due = (Date.parse(o.dueDate) - f.t0) / H;
              const late = eta - due > 1e-6 ? Math.ceil((eta - due) / 24 - 1e-9) : 0;
              cheapest = Math.min(cheapest, rate + late * c.latenessRsPerTDay[`p${o.priority}`]);
            }
        if (cheapest < Infinity) {
          expect(fig.cheapestRoad?.rsPerT, at).toBeCloseTo(cheapest, 1);
          expect(cheapest, at).toBeGreaterThanOrEqual(leave - 0.01);
        } else expect(fig.cheapestRoad, at).toBeUndefined();
        if (fig.cheapestRail) {
          expect(o.modes, at).not.toBe('road');
          expect(fig.cheapestRail.rsPerT, at).toBeGreaterThanOrEqual(fig.cheapestRail.leaveRsPerT - 0.01);
          const rk = sc.rakes.find((r) => r.id === fig.cheapestRail!.rakeId)!;
          expect(prod.wagonTypes, at).toContain(rk.wagonType);
          if (fig.cheapestRail.how === 'fill') {
            const pr = plan.rakes.find((r) => r.rakeId === rk.id)!;
            expect(pr.destinations, at).toContain(o.destination);
            expect(pr.loadT, at).toBeLessThan(pr.capacityT);
          } else expect(f.used.has(rk.id), at).toBe(false);
        }
        expect(fig.cheapestRail ?? fig.cheapestRoad, at).toBeDefined();
        break;
      }
      case 'cheaper-option-left':
        expect(improved, `${at} on a plan the final pass finished`).toBe(false);
        break;
      case 'no-road':
        expect(dest.roadPossible, at).toBe(false);
        break;
      case 'road-capacity-used':
        for (const y of yards)
          if (f.stockLeft(y, o.product) > 1e-6)
            for (let d = 0; d < sc.horizon.days; d++) expect(f.capLeft(y, d), at).toBeLessThan(0.01);
        break;
      case 'unsplittable-no-road-lot':
        expect(o.splittable, at).toBe(false);
        for (const y of yards)
          for (let d = 0; d < sc.horizon.days; d++)
            expect(Math.min(f.capLeft(y, d), f.stockLeft(y, o.product)), at).toBeLessThan(o.quantityT);
        break;
      case 'no-compatible-rake':
        expect(compatible, at).toEqual([]);
        break;
      case 'no-reachable-stock':
        for (const r of compatible) expect(reaches(r.wagonType), at).toBe(false);
        break;
      case 'too-big-for-rake':
        expect(o.splittable, at).toBe(false);
        for (const r of compatible)
          expect(r.wagons * sc.plant.wagonTypes.find((w) => w.code === r.wagonType)!.pccT, at).toBeLessThan(
            o.quantityT,
          );
        break;
      case 'rakes-busy': {
        for (const r of compatible) if (reaches(r.wagonType)) expect(f.used.has(r.id), at).toBe(true);
        expect(fig.rakesBusy, at).toEqual(busyFigures());
        expect(fig.blocks?.[0], at).toBe('rakes-busy');
        break;
      }
      case 'no-siding-slot':
        expect(fig.rakesBusy, at).toEqual(busyFigures());
        expect(fig.idleRakes, at).toEqual({
          count: compatible.filter((r) => !f.used.has(r.id) && reaches(r.wagonType)).length,
          wagonTypes: prod.wagonTypes,
        });
        expect(
          compatible.some((r) => !f.used.has(r.id) && reaches(r.wagonType)),
          at,
        ).toBe(true);
        break;
      case 'late-costs-more':
      case 'no-whole-rake':
        // An idle compatible rake exists that could reach the stock: why it cannot take the order is the text.
        expect(
          compatible.some((r) => !f.used.has(r.id) && reaches(r.wagonType)),
          at,
        ).toBe(true);
        break;
      default:
        throw new Error(`unexpected reason code on a generated scenario: ${at}`);
    }
  }
  // Idle rakes: exactly the rakes placed in the horizon and not used, each with a true reason.
  expect(new Set(plan.idleRakes!.map((r) => r.rakeId))).toEqual(
    new Set(f.inHorizon.filter((r) => !f.used.has(r.id)).map((r) => r.id)),
  );
  for (const r of plan.idleRakes!) {
    if (r.reasonCode === 'dearer-than-leaving')
      expect(r.figures!.rakeCostRs, r.reason).toBeGreaterThan(r.figures!.leaveRs);
    if (r.reasonCode === 'cheaper-option-left') expect(improved, r.reason).toBe(false);
    if (r.reasonCode === 'no-siding')
      expect(sc.plant.loadingPoints.some((lp) => lp.wagonTypes.includes(r.wagonType))).toBe(false);
  }
}

describe('unserved reasons are true of the plan', () => {
  it('re-derives every reason on generated scenarios (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.boolean(), fc.boolean(), (seed, greedy, improve) => {
        const sc = generateScenario({ seed, size: 'day' });
        const p = prepare(sc);
        let d: Draft = greedy ? greedyDraft(p) : ruleBasedDraft(p);
        let complete = false;
        if (improve) {
          const r = improveDraft(p, d);
          d = r.draft;
          complete = r.complete;
        }
        verifyReasons(sc, buildPlan(p, d, info, null), complete);
      }),
      { numRuns: 12 },
    );
  }, 300_000);

  for (const size of ['week', 'large'] as const) {
    it(`re-derives every reason on the bench's ${size} scenario (seed 1), greedy plan after the final pass`, () => {
      const sc = generateScenario({ seed: 1, size });
      const p = prepare(sc);
      const r = improveDraft(p, greedyDraft(p));
      verifyReasons(sc, buildPlan(p, r.draft, info, null), r.complete);
    }, 300_000);
  }

  it('names a two-point rake that would pay until the final pass has formed it, then none', () => {
    let named = 0;
    for (const seed of [1, 2]) {
      const sc = generateScenario({ seed, size: 'day' });
      const p = prepare(sc);
      const g = greedyDraft(p);
      // Half the greedy plan's rakes left idle: two-point rakes for the tonnes they carried pay.
      const d: Draft = { rakes: g.rakes.filter((_, i) => i % 2 === 0), road: g.road };
      const before = buildPlan(p, d, info, null);
      verifyReasons(sc, before, false);
      named += before.unserved.filter((u) => /two-point rake from/.test(u.reason)).length;
      const r = improveDraft(p, d);
      const after = buildPlan(p, r.draft, info, null);
      verifyReasons(sc, after, r.complete);
      expect(after.unserved.filter((u) => u.reasonCode === 'cheaper-option-left')).toEqual([]);
      for (const u of after.unserved)
        if (u.reasonCode === 'dearer-than-leaving' && u.figures?.cheapestRail)
          expect(u.reason).toMatch(/no two-point rake carrying them/);
    }
    expect(named).toBeGreaterThan(0);
  });

  it("production hints count road-capacity reasons as capacity, not stock ('stockyard' is no lack of stock)", () => {
    const sc = tiny((s) => {
      s.orders = [order('R-1', 'HWH', 'HRC', 400, 1, '2026-11-23T06:00:00+05:30', { modes: 'road' })];
      for (const y of s.plant.stockyards) y.roadCapacityTPerDay = 0;
    });
    const p = prepare(sc);
    const plan = buildPlan(p, { rakes: [], road: [] }, info, null);
    expect(plan.unserved[0]!.reasonCode).toBe('road-capacity-used');
    expect(plan.unserved[0]!.reason).toMatch(/stockyard|SY-/);
    expect(plan.production).toEqual([]);
    verifyReasons(sc, plan, false);
  });

  it('an unsplittable order with yard capacity and stock on some day gets a priced road option, not a capacity claim', () => {
    const sc = tiny((s) => {
      s.orders = [
        order('U-1', 'HWH', 'HRC', 145, 3, '2026-11-21T06:00:00+05:30', { modes: 'road', splittable: false }),
      ];
      s.costs = { ...s.costs, unservedRsPerT: { p1: 3000, p2: 1500, p3: 100 } };
    });
    const p = prepare(sc);
    const plan = buildPlan(p, { rakes: [], road: [] }, info, null);
    const u = plan.unserved[0]!;
    expect(u.reasonCode).toBe('dearer-than-leaving');
    expect(u.figures!.cheapestRoad!.tonnes).toBe(145);
    verifyReasons(sc, plan, false);
  });

  it('a compatible rake with idle wagons is named as the option, not "all rakes carry other loads"', () => {
    const sc = tiny((s) => {
      s.orders = [
        order('A', 'HWH', 'HRC', 300, 1, '2026-11-24T06:00:00+05:30'),
        order('B', 'HWH', 'HRC', 200, 3, '2026-11-24T06:00:00+05:30'),
      ];
      s.rakes = [s.rakes[0]!];
    });
    const p = prepare(sc);
    // A plan that ships A only on R-1, leaving B though the rake has idle wagons.
    const d: Draft = {
      rakes: [
        { rakeIdx: 0, lp: 'LP-1', startH: 2, lines: [{ orderId: 'A', wagons: 5, sources: new Map([['SY-1', 300]]) }] },
      ],
      road: [],
    };
    const plan = buildPlan(p, d, info, null);
    const b = plan.unserved.find((x) => x.order === 'B')!;
    expect(b.reasonCode).toBe('cheaper-option-left');
    expect(b.figures!.cheapestRail).toMatchObject({ how: 'fill', rakeId: 'R-1' });
    verifyReasons(sc, plan, false);
    const fixed = improveDraft(p, d);
    expect(fixed.moves.fill).toBe(1);
    expect(buildPlan(p, fixed.draft, info, null).unserved.find((x) => x.order === 'B')).toBeUndefined();
  });

  it('an order whose stock a dearer-to-leave order takes is priced on a rake of its own, not called a full rake', () => {
    const sc = tiny((s) => {
      s.orders = [
        order('A', 'HWH', 'HRC', 240, 1, '2026-11-24T06:00:00+05:30'),
        order('B', 'HWH', 'HRC', 140, 3, '2026-11-24T06:00:00+05:30', { splittable: false }),
      ];
      s.inventory = [{ stockyard: 'SY-1', product: 'HRC', onHandT: 293.8 }];
      s.rakes = [s.rakes[0]!];
    });
    const p = prepare(sc);
    const plan = buildPlan(p, { rakes: [], road: [] }, info, null);
    const b = plan.unserved.find((x) => x.order === 'B')!;
    // A rake for the destination takes A's 240 t first, leaving 53.8 t: B's 140 t fit only alone.
    expect(b.reasonCode).not.toBe('no-whole-rake');
    expect(b.figures!.cheapestRail).toMatchObject({ how: 'rake', rakeId: 'R-1', tonnes: 140 });
    verifyReasons(sc, plan, false);
  });
});
