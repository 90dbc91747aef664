import { describe, expect, it } from 'vitest';
import { tiny } from '../optimizer/__fixtures__/tiny';
import type { Plan } from '../domain/plan';
import { buildPlan } from '../optimizer/build-plan';
import type { Draft } from '../optimizer/draft';
import { prepare } from '../optimizer/prep';
import { ruleBasedPlan } from '../optimizer/rule-based-plan';
import { generateScenario } from '../synth/scenario';
import { checkPlan } from './check';

const clone = (p: Plan): Plan => JSON.parse(JSON.stringify(p)) as Plan;
const rulesHit = (sc: Parameters<typeof checkPlan>[0], p: Plan) =>
  new Set(checkPlan(sc, p).violations.map((v) => v.rule));

describe('checker on rule-based plans', () => {
  it('passes the rule-based plan of the tiny plant and of generated day/week scenarios', () => {
    for (const sc of [
      tiny(),
      generateScenario({ seed: 3, size: 'day' }),
      generateScenario({ seed: 4, size: 'week' }),
    ]) {
      const res = checkPlan(sc, ruleBasedPlan(sc));
      expect(res.violations).toEqual([]);
    }
  });
});

describe('checker catches each corruption', () => {
  const sc = tiny();
  const base = ruleBasedPlan(sc);
  const withRake = () => {
    const p = clone(base);
    expect(p.rakes.length).toBeGreaterThan(0);
    return p;
  };

  it('over-draws inventory (rule 1)', () => {
    const p = withRake();
    p.rakes[0]!.lines[0]!.sources[0]!.stockyard = 'SY-2';
    p.rakes[0]!.lines[0]!.sources[0]!.tonnes += 5000;
    p.rakes[0]!.lines[0]!.tonnes += 5000;
    expect(rulesHit(sc, p).has(1)).toBe(true);
  });
  it('drops tonnes of an order (rule 2)', () => {
    const p = withRake();
    p.unserved = [];
    expect(rulesHit(sc, p).has(2)).toBe(true);
  });
  it('splits an unsplittable order (rule 2)', () => {
    const s2 = tiny((s) => {
      s.orders[0]!.splittable = false;
      s.orders[0]!.quantityT = 600;
    });
    const p = clone(ruleBasedPlan(s2));
    const r = p.rakes.find((x) => x.lines.some((l) => l.order === 'O-1'))!;
    const line = r.lines.find((l) => l.order === 'O-1')!;
    line.tonnes -= 60;
    line.sources[0]!.tonnes -= 60;
    p.unserved.push({
      order: 'O-1',
      product: 'HRC',
      destination: 'HWH',
      priority: 1,
      tonnes: 60,
      penaltyRs: 180000,
      deferredFreightRs: 60 * (150 + 1.45 * 350),
      reason: 'x',
    });
    expect(rulesHit(s2, p).has(2)).toBe(true);
  });
  it('puts a product on a wagon type that may not carry it, or overloads wagons (rule 3)', () => {
    const p = withRake();
    p.rakes[0]!.lines[0]!.wagons = 1;
    expect(rulesHit(sc, p).has(3)).toBe(true);
  });
  it('sends a rake to two corridors (rule 4)', () => {
    const p = withRake();
    const l = p.rakes[0]!.lines[0]!;
    p.rakes[0]!.lines.push({
      ...l,
      order: 'O-4',
      product: 'CRC',
      destination: 'MAS',
      sources: [{ stockyard: 'SY-1', tonnes: 1 }],
      tonnes: 1,
    });
    expect(rulesHit(sc, p).has(4)).toBe(true);
  });
  it('loads before placement or at a siding that cannot take the wagons (rule 5)', () => {
    const p = withRake();
    p.rakes[0]!.loadingStart = '2026-11-22T06:00:00+05:30';
    expect(rulesHit(sc, p).has(5)).toBe(true);
    const q = withRake();
    q.rakes[0]!.loadingPoint = q.rakes[0]!.loadingPoint === 'LP-1' ? 'LP-2' : 'LP-1';
    expect(rulesHit(sc, q).has(5)).toBe(true);
  });
  it('exceeds road capacity or sends a rail-only order by road (rule 6)', () => {
    const p = clone(base);
    p.road.push({
      order: 'O-2',
      product: 'HRC',
      destination: 'KGP',
      stockyard: 'SY-1',
      date: '2026-11-22',
      dispatch: '2026-11-22T18:00:00+05:30',
      tonnes: 500,
      trucks: 20,
      freightRs: 500 * (250 + 3.2 * 280),
      eta: '2026-11-23T06:00:00+05:30',
      lateDays: 0,
      latenessRs: 0,
    });
    expect(rulesHit(sc, p).has(6)).toBe(true);
  });
  it('reports a road dispatch that is no timestamp instead of throwing', () => {
    const p = clone(base);
    p.road.push({
      order: 'O-2',
      product: 'HRC',
      destination: 'KGP',
      stockyard: 'SY-1',
      date: '2026-11-22',
      dispatch: 'tomorrow evening',
      tonnes: 5,
      trucks: 1,
      freightRs: 0,
      eta: '2026-11-23T06:00:00+05:30',
      lateDays: 0,
      latenessRs: 0,
    });
    const r = checkPlan(sc, p);
    expect(r.ok).toBe(false);
    expect(r.violations).toContainEqual(
      expect.objectContaining({
        rule: 0,
        where: 'road SY-1 2026-11-22, order O-2',
        message: "'tomorrow evening' is not a timestamp",
      }),
    );
  });
  it('misstates a cost by more than 0.5 % (rule 7)', () => {
    const p = withRake();
    p.rakes[0]!.railFreightRs *= 0.99;
    expect(rulesHit(sc, p).has(7)).toBe(true);
    const q = clone(base);
    q.summary.totalCost *= 1.01;
    expect(rulesHit(sc, q).has(7)).toBe(true);
  });
  it('misstates deferred freight of unserved tonnes (rule 7)', () => {
    expect(base.unserved.some((u) => u.deferredFreightRs > 0)).toBe(true);
    expect(base.summary.costs.deferredFreightRs).toBeGreaterThan(0);
    expect(checkPlan(sc, base).recomputed.deferredFreightRs).toBeCloseTo(base.summary.costs.deferredFreightRs, 0);
    // The category total altered (lines and total cost left alone) …
    const p = clone(base);
    p.summary.costs.deferredFreightRs *= 0.9;
    expect(checkPlan(sc, p).violations.some((v) => v.rule === 7 && v.where === 'summary.costs.deferredFreightRs')).toBe(
      true,
    );
    // … an unserved line's deferred freight altered, consistently with the totals …
    const q = clone(base);
    const u = q.unserved.find((x) => x.deferredFreightRs > 0)!;
    const cut = u.deferredFreightRs * 0.5;
    u.deferredFreightRs -= cut;
    q.summary.costs.deferredFreightRs -= cut;
    q.summary.totalCost -= cut;
    expect(checkPlan(sc, q).violations.some((v) => v.rule === 7 && v.where === `order ${u.order}`)).toBe(true);
    // … or dropped from the total cost: each is caught.
    const r = clone(base);
    r.summary.totalCost -= r.summary.costs.deferredFreightRs;
    r.summary.costs.deferredFreightRs = 0;
    for (const x of r.unserved) x.deferredFreightRs = 0;
    expect(rulesHit(sc, r).has(7)).toBe(true);
  });
  it('an unserved line without a reason (rule 2)', () => {
    const p = clone(base);
    expect(p.unserved.length).toBeGreaterThan(0);
    p.unserved[0]!.reason = ' ';
    expect(rulesHit(sc, p).has(2)).toBe(true);
  });
});

describe('a plan is priced as it is written', () => {
  it('demurrage from a loading end that falls between seconds agrees with the checker (times are written to the second)', () => {
    const sc = tiny((s) => {
      s.costs.demurrageRsPerWagonH = 2000;
    });
    const p = prepare(sc);
    const r = p.rakes.findIndex((x) => x.rake.id === 'R-1');
    // 60.05 t at 400 t/h end 0.45 s past the free time: ₹5 of demurrage the written end does not show.
    const startH = p.rakes[r]!.placeH + sc.costs.freeTimeH - 0.15;
    const draft: Draft = {
      rakes: [
        { rakeIdx: r, lp: 'LP-1', startH, lines: [{ orderId: 'O-1', wagons: 2, sources: new Map([['SY-1', 60.05]]) }] },
      ],
      road: [],
    };
    const plan = buildPlan(
      p,
      draft,
      { method: 'milp', status: '', objective: null, bound: null, gap: null, seconds: 0 },
      null,
    );
    expect(plan.rakes[0]!.demurrageRs).toBe(0);
    expect(checkPlan(sc, plan).violations).toEqual([]);
  });
});
