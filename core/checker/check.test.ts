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
  it('names the rakes a siding holds at once as a list, each id whole though it holds a comma (rule 5)', () => {
    const s2 = tiny((s) => void (s.rakes[1]!.id = 'R-2, east'));
    const p = ruleBasedPlan(s2);
    const r2 = p.rakes.find((r) => r.rakeId === 'R-2, east')!;
    Object.assign(
      p.rakes.find((r) => r.rakeId === 'R-1')!,
      {
        loadingPoint: r2.loadingPoint,
        loadingStart: r2.loadingStart,
        loadingEnd: r2.loadingEnd,
      },
    );
    const held = checkPlan(s2, p).violations.filter((v) => v.code === 'siding-over-capacity');
    expect(held.map((v) => [v.params.rakes, v.message])).toContainEqual([
      ['R-1', 'R-2, east'],
      'holds 2 rakes at once (R-1, R-2, east), limit 1',
    ]);
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

describe('checker holds the plan to the horizon, the plant clock and its own figures', () => {
  const sc = tiny();
  const base = ruleBasedPlan(sc);
  const messages = (s: Parameters<typeof checkPlan>[0], p: Plan) =>
    checkPlan(s, p).violations.map((v) => `${v.rule} ${v.where}: ${v.message}`);
  const shiftH = (iso: string, h: number) =>
    new Date(Date.parse(iso) + h * 3_600_000 + 5.5 * 3_600_000).toISOString().slice(0, 19) + '+05:30';

  it('a loading after the horizon ends or before it starts (rule 5)', () => {
    expect(checkPlan(sc, base).violations).toEqual([]);
    const late = clone(base);
    const r = late.rakes[0]!;
    r.loadingStart = shiftH(r.loadingStart, 72);
    r.loadingEnd = shiftH(r.loadingEnd, 72);
    expect(messages(sc, late)).toContainEqual(
      expect.stringMatching(/^5 rake R-1: loading ends [\d.]+ h after the horizon ends$/),
    );
    // Placed before the horizon and loaded then: the plan may not load in the past.
    const early = tiny((s) => {
      s.rakes[0]!.expectedPlacement = '2026-11-22T01:00:00+05:30';
    });
    const past = clone(ruleBasedPlan(early));
    const e = past.rakes.find((x) => x.rakeId === 'R-1')!;
    const back = (Date.parse(e.loadingStart) - Date.parse('2026-11-22T02:00:00+05:30')) / 3_600_000;
    e.loadingStart = shiftH(e.loadingStart, -back);
    e.loadingEnd = shiftH(e.loadingEnd, -back);
    expect(messages(early, past)).toContainEqual('5 rake R-1: loading starts 4 h before the horizon starts');
  });

  it('an order overdue at the plan start is planned and priced late from its due date', () => {
    const overdue = tiny((s) => {
      s.orders[0]!.dueDate = '2026-11-20T06:00:00+05:30';
    });
    const p = ruleBasedPlan(overdue);
    expect(checkPlan(overdue, p).violations).toEqual([]);
    const line = p.rakes.flatMap((r) => r.lines).find((l) => l.order === overdue.orders[0]!.id)!;
    expect(line.lateDays).toBeGreaterThanOrEqual(3);
    expect(line.latenessRs).toBeGreaterThan(0);
  });

  it('road lots and unserved lines below zero tonnes (rule 0)', () => {
    const p = clone(base);
    const lot = p.road[0]!;
    p.road.push({ ...lot, tonnes: -lot.tonnes, trucks: -lot.trucks, freightRs: -lot.freightRs });
    expect(messages(sc, p)).toContainEqual(
      `0 road ${lot.stockyard} ${lot.date}, order ${lot.order}: road tonnes must be above 0, got ${-lot.tonnes}`,
    );
    const q = clone(base);
    q.unserved.push({ ...q.unserved[0]!, tonnes: -50, penaltyRs: -50, deferredFreightRs: -50 });
    expect(messages(sc, q)).toContainEqual(
      `0 unserved ${q.unserved[0]!.order}: unserved tonnes must be above 0, got -50`,
    );
  });

  it('wagons that travel empty, which would meet a two-point minimum without load (rule 3)', () => {
    const p = clone(base);
    const l = p.rakes[0]!.lines[1]!; // O-3: 100 t in 2 wagons of 60 t
    l.wagons = 6;
    p.rakes[0]!.wagonsUsed += 4;
    expect(messages(sc, p)).toEqual(['3 rake R-1, order O-3: 6 wagons for 100 t: 4 would travel empty (60 t a wagon)']);
  });

  it('an empty wagon beside tonnes that fill whole wagons exactly (rule 3)', () => {
    const p = clone(base);
    const l = p.rakes[0]!.lines[0]!; // O-1: 600 t in 10 wagons of 60 t
    expect(l.tonnes).toBe(600);
    l.wagons = 11;
    p.rakes[0]!.wagonsUsed += 1;
    expect(messages(sc, p)).toEqual([
      '3 rake R-1, order O-1: 11 wagons for 600 t: 1 would travel empty (60 t a wagon)',
    ]);
  });

  it('a two-point rake short of its minimum loaded wagons for a destination (rules 3 and 4)', () => {
    const p = prepare(sc);
    const r = p.rakes.findIndex((x) => x.rake.id === 'R-1');
    // 540 t fills 9 wagons of 60 t: the tenth allotted to HWH would travel empty.
    const line = (orderId: string, t: number) => ({ orderId, wagons: 10, sources: new Map([['SY-1', t]]) });
    const draft: Draft = {
      rakes: [{ rakeIdx: r, lp: 'LP-1', startH: p.rakes[r]!.placeH, lines: [line('O-1', 540), line('O-2', 600)] }],
      road: [],
    };
    const plan = buildPlan(
      p,
      draft,
      { method: 'milp', status: '', objective: null, bound: null, gap: null, seconds: 0 },
      null,
    );
    expect(messages(sc, plan)).toEqual([
      '3 rake R-1, order O-1: 10 wagons for 540 t: 1 would travel empty (60 t a wagon)',
      '4 rake R-1: only 9 wagons for HWH on a two-point rake (min 10)',
    ]);
  });

  it('an order a few kilograms over whole wagons loads them in either count (within the tolerance)', () => {
    const odd = tiny((s) => {
      s.orders[0]!.quantityT = 600.005;
    });
    const p = ruleBasedPlan(odd);
    const l = p.rakes[0]!.lines[0]!;
    expect([l.order, l.tonnes, l.wagons]).toEqual(['O-1', 600.005, 11]); // the 11th wagon holds 5 kg
    expect(checkPlan(odd, p).violations).toEqual([]);
    // 600.005 t fits 10 wagons of 60 t within the checker's tolerance: no rule is broken either way.
    const q = clone(p);
    q.rakes[0]!.lines[0]!.wagons = 10;
    q.rakes[0]!.wagonsUsed -= 1;
    expect(checkPlan(odd, q).violations).toEqual([]);
  });

  it('reads working hours on the plant clock, whatever zone the horizon is written in', () => {
    // R-2 loads at LP-2 (works 6–22 h) from 06:00 IST; the same instant written in UTC is 00:30.
    const utc = tiny((s) => {
      s.horizon.start = '2026-11-22T00:30:00Z';
    });
    expect(checkPlan(utc, base).violations).toEqual([]);
    const p = clone(base);
    const r = p.rakes.find((x) => x.rakeId === 'R-2')!;
    r.loadingStart = shiftH(r.loadingStart, 14); // 20:00–23:00 IST: past the 22 h end
    r.loadingEnd = shiftH(r.loadingEnd, 14);
    expect(messages(utc, p)).toContainEqual(
      expect.stringMatching(/^5 rake R-2: loading .* is outside LP-2's working hours 6–22 h$/),
    );
  });

  it('figures the planner reads that disagree with the lines (rule 0)', () => {
    const cases: Array<[string, (p: Plan) => void, string]> = [
      [
        'utilisation',
        (p) => void (p.rakes[0]!.utilisation = 1),
        '0 rake R-1: says utilisation 100 %, 700 t of 1,200 t is 58.33 %',
      ],
      [
        'capacity',
        (p) => void (p.rakes[0]!.capacityT = 9999),
        '0 rake R-1: says capacity 9,999 t, its 20 wagons carry 1,200 t',
      ],
      [
        'destinations',
        (p) => void (p.rakes[0]!.destinations = ['MAS']),
        '0 rake R-1: says destinations MAS, its lines go to HWH',
      ],
      [
        'placement',
        (p) => void (p.rakes[0]!.placement = '2020-01-01T00:00:00+05:30'),
        '0 rake R-1: says placement 2020-01-01T00:00:00+05:30, the scenario says 2026-11-22T08:00:00+05:30',
      ],
      ['wagons used', (p) => void (p.rakes[0]!.wagonsUsed = 20), '0 rake R-1: says 20 wagons used, its lines allot 12'],
      [
        'on-time share',
        (p) => void (p.summary.onTimeShare = 1),
        '0 summary: says 100 % of shipped tonnes on time, the rules give',
      ],
      ['saving', (p) => void (p.summary.saving = 1e9), '0 summary: says a saving of ₹1,00,00,00,000'],
      [
        'unserved tonnes',
        (p) => void (p.summary.unservedT = 0),
        '0 summary: says 0 t unserved, the lines add to 600 t',
      ],
      [
        'road product',
        (p) => void (p.road[0]!.product = 'HRC'),
        `0 road ${base.road[0]!.stockyard} ${base.road[0]!.date}, order ${base.road[0]!.order}: says HRC to KGP, the order is CRC to KGP`,
      ],
      [
        'unserved priority',
        (p) => void (p.unserved[0]!.priority = 3),
        '0 unserved O-2: says HRC to KGP, priority 3; the order is HRC to KGP, priority',
      ],
    ];
    for (const [what, edit, want] of cases) {
      const p = clone(base);
      edit(p);
      const got = messages(sc, p);
      expect(
        got.some((m) => m.startsWith(want)),
        `${what}: ${got.join(' | ')}`,
      ).toBe(true);
    }
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
