import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../checker/check';
import { optimize } from './optimize';
import { optimalLabel } from './solve-whole';
import { tiny } from './__fixtures__/tiny';
import { ruleBasedPlan } from './rule-based-plan';
import { buildPlan } from './build-plan';
import { greedyDraft } from './greedy';
import { deferredFreightRate, prepare } from './prep';
import loadHighs from 'highs';
import { generateScenario } from '../synth/scenario';
import { columnGeneration } from './colgen/colgen';
import type { Draft } from './draft';
import { startOptions } from './model';
import { ruleBasedDraft } from './rule-based';

const solve = (sc: ReturnType<typeof tiny>) => optimize(sc, { timeLimitS: 10, gap: 0.0001 }).then((r) => r.plan);

describe('optimize on the tiny plant', () => {
  it('returns a checked MILP plan no dearer than the rule-based plan', async () => {
    const sc = tiny();
    const plan = await solve(sc);
    expect(checkPlan(sc, plan).violations).toEqual([]);
    expect(plan.solver.method).toBe('milp');
    expect(plan.summary.totalCost).toBeLessThanOrEqual(ruleBasedPlan(sc).summary.totalCost + 1);
    expect(plan.summary.ruleBasedCost).toBeCloseTo(ruleBasedPlan(sc).summary.totalCost, 0);
    // The model objective prices the same plan (lateness is priced from a full-rake loading, so ≥).
    expect(plan.solver.objective!).toBeGreaterThanOrEqual(plan.summary.totalCost - 1);
    expect(plan.solver.objective!).toBeLessThanOrEqual(plan.summary.totalCost * 1.05 + 1);
  });

  it('ships an unsplittable order whole on one rake or not at all', async () => {
    const sc = tiny();
    const plan = await solve(sc);
    const lines = plan.rakes.flatMap((r) => r.lines).filter((l) => l.order === 'O-4');
    const unserved = plan.unserved.filter((u) => u.order === 'O-4');
    expect(lines.length + unserved.length).toBe(1);
    if (lines.length) expect(lines[0]!.tonnes).toBeCloseTo(900, 2);
  });

  it('forms a two-point rake on one corridor when neither destination fills a rake', async () => {
    const sc = tiny((s) => {
      s.orders = [
        { ...s.orders[0]!, id: 'A', destination: 'HWH', quantityT: 700, priority: 1 },
        { ...s.orders[1]!, id: 'B', destination: 'KGP', quantityT: 650, priority: 1 },
      ];
      s.rakes = [s.rakes[0]!];
      s.plant.wagonTypes[0]!.wagonsPerRake = 24;
      s.rakes[0]!.wagons = 24;
    });
    const plan = await solve(sc);
    expect(checkPlan(sc, plan).violations).toEqual([]);
    expect(plan.rakes).toHaveLength(1);
    expect(new Set(plan.rakes[0]!.destinations)).toEqual(new Set(['HWH', 'KGP']));
    expect(plan.rakes[0]!.twoPointRs).toBe(15000);
    for (const d of ['HWH', 'KGP'])
      expect(
        plan.rakes[0]!.lines.filter((l) => l.destination === d).reduce((a, l) => a + l.wagons, 0),
      ).toBeGreaterThanOrEqual(10);
  });

  it('says "optimal" only at a proven optimum; a plan within the requested gap says how far it may be', () => {
    expect(optimalLabel('column generation: 9 rounds; optimal', 0.0033, 0.005)).toBe(
      'column generation: 9 rounds; within 0.50 % of optimal (gap 0.33 %)',
    );
    expect(optimalLabel('optimal', 0, 0.005)).toBe('optimal');
    expect(optimalLabel('timeLimit', 0.02, 0.005)).toBe('timeLimit');
  });

  it('no orders: an empty plan that says there is nothing to plan, not a solver failure', async () => {
    const sc = tiny((s) => {
      s.orders = [];
    });
    const { plan } = await optimize(sc, { timeLimitS: 5 });
    expect(checkPlan(sc, plan).violations).toEqual([]);
    expect(plan.solver).toMatchObject({
      method: 'rule-based',
      status: 'nothing to plan: the scenario has no orders',
      gap: 0,
    });
    expect(plan.notes).toContain('The scenario has no orders: there is nothing to plan.');
    expect(plan.rakes).toEqual([]);
  });

  it('a plan shipping a fraction of a tonne passes the checker: its ₹/t is over the tonnes as shipped', async () => {
    const sc = tiny((s) => {
      s.orders = [{ ...s.orders[0]!, quantityT: 0.125, modes: 'either' }];
    });
    const { plan } = await optimize(sc, { timeLimitS: 5 });
    expect(plan.summary.railT + plan.summary.roadT).toBeGreaterThan(0);
    expect(checkPlan(sc, plan).violations).toEqual([]);
    expect(plan.solver.fallbackReason).toBeUndefined();
  });

  it('no rakes: everything rail-only is unserved with a reason naming the missing rake', async () => {
    const sc = tiny((s) => {
      s.rakes = [];
    });
    const plan = await solve(sc);
    expect(checkPlan(sc, plan).violations).toEqual([]);
    expect(plan.rakes).toEqual([]);
    const o1 = plan.unserved.find((u) => u.order === 'O-1')!;
    expect(o1.tonnes).toBeCloseTo(600, 3);
    expect(o1.reason).toMatch(/no BFNS rake/);
  });

  it('no inventory: nothing ships, each reason says so, and production is suggested', async () => {
    const sc = tiny((s) => {
      s.inventory = [];
    });
    const plan = await solve(sc);
    expect(checkPlan(sc, plan).violations).toEqual([]);
    expect(plan.rakes.length + plan.road.length).toBe(0);
    for (const u of plan.unserved) expect(u.reason).toMatch(/no inventory/);
    expect(plan.notes.join(' ')).toMatch(/Nothing can be served/);
    expect(plan.production.map((x) => x.product).sort()).toEqual(['CRC', 'HRC']);
  });

  it('all road: rail-only orders become road-able and go by truck within capacity', async () => {
    const sc = tiny((s) => {
      s.rakes = [];
      for (const o of s.orders) o.modes = 'road';
      s.orders = s.orders.filter((o) => o.destination !== 'MAS');
    });
    const plan = await solve(sc);
    expect(checkPlan(sc, plan).violations).toEqual([]);
    expect(plan.road.length).toBeGreaterThan(0);
    expect(plan.rakes).toEqual([]);
  });

  it('one giant unsplittable order larger than any rake stays unserved with that reason', async () => {
    const sc = tiny((s) => {
      s.orders = [{ ...s.orders[0]!, id: 'G', quantityT: 5000, splittable: false }];
      s.inventory[0]!.onHandT = 9000;
    });
    const plan = await solve(sc);
    expect(checkPlan(sc, plan).violations).toEqual([]);
    expect(plan.unserved[0]!.tonnes).toBe(5000);
    expect(plan.unserved[0]!.reason).toMatch(/split/);
  });
});

describe('decomposition by rake (column generation on two cores, diving for the plan)', () => {
  it('returns a checked plan no dearer than its warm start', async () => {
    const sc = tiny((s) => {
      s.rakes.push({ id: 'R-3', wagonType: 'BFNS', wagons: 20, expectedPlacement: '2026-11-23T10:00:00+05:30' });
    });
    const { plan } = await optimize(sc, { timeLimitS: 10, decompose: 'always' });
    expect(checkPlan(sc, plan).violations).toEqual([]);
    expect(['milp (decomposed)', 'greedy heuristic']).toContain(plan.solver.method);
    const p = prepare(sc);
    const greedy = buildPlan(p, greedyDraft(p), { ...plan.solver }, null);
    expect(plan.summary.totalCost).toBeLessThanOrEqual(
      Math.min(greedy.summary.totalCost, plan.summary.ruleBasedCost) + 1,
    );
  });
});

describe("the decomposed plan's bound and plan", () => {
  it('week seed 1 decomposed, stopped after 2 s: both workers stop and a checked plan comes back', async () => {
    const sc = generateScenario({ seed: 1, size: 'week' });
    const t0 = performance.now();
    const { plan } = await optimize(
      sc,
      { timeLimitS: 60, decompose: 'always' },
      { shouldStop: () => performance.now() - t0 > 2000 },
    );
    expect(checkPlan(sc, plan).violations).toEqual([]);
    expect(plan.solver.stoppedEarly).toBe(true);
    const workers = plan.solver.stages!.workers!;
    expect([workers.bound.status, workers.diving.status]).toEqual(['stopped', 'stopped']);
    // "milp (decomposed)" only for the dive's plan; a returned warm start is named as the heuristic.
    expect(plan.solver.method === 'milp (decomposed)').toBe(workers.planFrom === 'dive');
  });

  it("a solve stopped at once returns its warm start named as the greedy heuristic, not as the solver's plan", async () => {
    const sc = generateScenario({ seed: 1, size: 'day' });
    const { plan } = await optimize(sc, { timeLimitS: 30, decompose: 'always' }, { shouldStop: () => true });
    expect(checkPlan(sc, plan).violations).toEqual([]);
    // Stopped before the first round: the dive has no plan, so the warm start (day seed 1: greedy) is returned.
    expect(plan.solver.stages!.workers).toMatchObject({
      bound: { status: 'stopped' },
      diving: { rounds: 0, status: 'stopped' },
      diveFoundPlan: false,
      planFrom: 'warm start',
    });
    expect(plan.solver.method).toBe('greedy heuristic');
  });

  it("day seed 1 decomposed: the bound is column generation's converged one, under the dive's plan's model objective", async () => {
    const sc = generateScenario({ seed: 1, size: 'day' });
    // A limit far above the ~2 s the day needs quiet: the rounds converge however busy the machine
    // is, and the solve returns as soon as its plan is within the gap.
    const { plan } = await optimize(sc, { timeLimitS: 300, decompose: 'always' });
    expect(checkPlan(sc, plan).violations).toEqual([]);
    const workers = plan.solver.stages!.workers!;
    expect(workers.bound.status).toBe('converged');
    expect(workers.planFrom).toBe('dive');
    // The workers priced half the rakes each while both ran rounds; had their masters parted, the
    // sharing would have stopped there (peer.ts), so two converged workers shared every round.
    expect(workers.sharedRounds).toBeGreaterThan(0);
    if (workers.diving.status === 'converged')
      expect([workers.bound.rounds, workers.diving.rounds]).toEqual([workers.sharedRounds, workers.sharedRounds]);
    const { bound, objective, gap } = plan.solver;
    expect(bound).not.toBeNull();
    // The model prices lateness from a full-rake loading, so its objective is never below the plan's cost.
    expect(objective!).toBeGreaterThanOrEqual(plan.summary.totalCost - 1);
    expect(bound!).toBeLessThanOrEqual(objective! + 1);
    expect(gap!).toBeCloseTo((objective! - bound!) / objective!, 9);
    // Week-sized and smaller models: both workers dived from the shared rounds, and both found a plan.
    expect(workers).toMatchObject({ divingWorkers: 2, plansFound: 2 });
    // The workers and the in-process run converge to the same bound.
    const p = prepare(sc);
    const [g, rb] = [greedyDraft(p), ruleBasedDraft(p)];
    const cost = (d: Draft) => buildPlan(p, d, { ...plan.solver }, null).summary.totalCost;
    const start = cost(g) < cost(rb) ? g : rb; // optimize's warm start
    const cg = columnGeneration(await loadHighs(), p, startOptions(start), [start], {
      deadlineMs: Date.now() + 300_000,
      mipShare: 0,
    });
    expect(cg.status).toBe('converged');
    expect(Math.abs(bound! - cg.bound!)).toBeLessThanOrEqual(1e-5 * cg.bound!);
  });
});

describe('search only (models whose root relaxation is too slow for branch-and-bound)', () => {
  it('returns a checked plan from the neighbourhood search with the column-generation bound', async () => {
    const sc = tiny((s) => {
      for (const [i, at] of ['2026-11-23T10:00:00+05:30', '2026-11-23T16:00:00+05:30'].entries())
        s.rakes.push({ id: `R-${i + 3}`, wagonType: 'BFNS', wagons: 20, expectedPlacement: at });
    });
    const { plan } = await optimize(sc, { timeLimitS: 8, gap: 0.0001, searchOnlyAbovePairs: 0 });
    expect(checkPlan(sc, plan).violations).toEqual([]);
    expect(plan.solver.stages).toMatchObject({ branchAndBound: false, columnGeneration: { status: 'converged' } });
    expect(plan.solver.stages!.columnGeneration!.rounds).toBeGreaterThan(0);
    expect(plan.solver.stages!.columnGeneration!.loadings).toBeGreaterThan(0);
    // The bound is below the MILP's optimum; the same model solved exactly agrees.
    const exact = (await optimize(sc, { timeLimitS: 10, gap: 0 })).plan.solver;
    expect(plan.solver.bound!).toBeLessThanOrEqual(exact.objective! + 1e-6);
    expect(plan.solver.gap!).toBeCloseTo((plan.solver.objective! - plan.solver.bound!) / plan.solver.objective!, 9);
  });
});

describe('relaxation strength (destination options and wagon hull rows)', () => {
  it('the day scenario relaxation is within 2 % of the proven optimum; without the hull rows it is no tighter', async () => {
    const { default: loadHighs } = await import('highs');
    const { generateScenario } = await import('../synth/scenario');
    const { buildModel, DEFAULT_MODEL_OPTIONS } = await import('./model');
    const h = await loadHighs();
    const p = prepare(generateScenario({ seed: 1, size: 'day' }));
    const relax = (hullRows: boolean) =>
      h.solve(buildModel(p, { ...DEFAULT_MODEL_OPTIONS, hullRows }).lp.toLp({ relax: true }), { output_flag: false })
        .ObjectiveValue;
    // Solved to its gap, however long a busy machine takes: a plan cut off by a time limit would be
    // no proven optimum, and the gap to it could exceed 2 % by the load alone.
    const mip = h.solve(buildModel(p, DEFAULT_MODEL_OPTIONS).lp.toLp(), { output_flag: false, mip_rel_gap: 0.001 });
    expect(mip.Status).toBe('Optimal');
    const lp = relax(true);
    expect(lp).toBeLessThanOrEqual(mip.ObjectiveValue + 1e-6);
    expect((mip.ObjectiveValue - lp) / mip.ObjectiveValue).toBeLessThan(0.02);
    expect(relax(false)).toBeLessThanOrEqual(lp + 1e-6);
  }, 180_000);
});

describe('property: every plan passes the checker', () => {
  it('on randomly edited tiny plants (rule-based and MILP)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          qty: fc.array(fc.integer({ min: 20, max: 1400 }), { minLength: 5, maxLength: 5 }),
          stock: fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 3, maxLength: 3 }),
          split: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
          modes: fc.array(fc.constantFrom('rail', 'road', 'either'), { minLength: 5, maxLength: 5 }),
          placeH: fc.array(fc.integer({ min: -6, max: 40 }), { minLength: 2, maxLength: 2 }),
          road: fc.integer({ min: 0, max: 600 }),
        }),
        async (g) => {
          const sc = tiny((s) => {
            s.orders.forEach((o, i) => {
              o.quantityT = g.qty[i]!;
              o.splittable = g.split[i]!;
              o.modes = g.modes[i] as 'rail';
            });
            s.inventory.forEach((inv, i) => {
              inv.onHandT = g.stock[i]!;
              inv.safetyStockT = 0;
            });
            s.rakes.forEach((r, i) => {
              r.expectedPlacement = new Date(Date.parse('2026-11-22T00:30:00Z') + g.placeH[i]! * 3.6e6).toISOString();
            });
            s.plant.stockyards[0]!.roadCapacityTPerDay = g.road;
          });
          const rb = ruleBasedPlan(sc);
          expect(checkPlan(sc, rb).violations).toEqual([]);
          const p = prepare(sc);
          const greedy = buildPlan(p, greedyDraft(p), { ...rb.solver, method: 'greedy heuristic' }, null);
          expect(checkPlan(sc, greedy).violations).toEqual([]);
          const plan = (await optimize(sc, { timeLimitS: 5, gap: 0.001 })).plan;
          expect(checkPlan(sc, plan).violations).toEqual([]);
          expect(plan.summary.totalCost).toBeLessThanOrEqual(rb.summary.totalCost + 1);
        },
      ),
      { numRuns: 25, seed: 42 },
    );
  });
});

describe('deferred freight of unserved tonnes', () => {
  it('is the cheapest freight among the modes the order allows and the plant can serve', () => {
    const sc = tiny((s) => {
      s.orders.push({ ...s.orders[0]!, id: 'O-6', destination: 'MAS', modes: 'road' });
      s.roadLanes = [{ stockyard: 'SY-2', destination: 'KGP', rsPerT: 900 }];
    });
    const p = prepare(sc);
    const rate = (id: string) => deferredFreightRate(p, p.orderById.get(id)!);
    expect(rate('O-1')).toBeCloseTo(150 + 1.45 * 350, 6); // rail only
    expect(rate('O-3')).toBeCloseTo(150 + 1.45 * 350, 6); // either: rail is cheaper than road
    expect(rate('O-4')).toBeCloseTo(150 + 1.45 * 1700, 6); // rail to Chennai
    expect(rate('O-5')).toBeCloseTo(900, 6); // road only: the cheapest lane
    expect(rate('O-6')).toBe(0); // road only to a destination road cannot reach
  });
  it('is priced in every plan, part of the total, and the model charges it on unserved tonnes', async () => {
    const sc = tiny((s) => {
      s.rakes = [];
    });
    const plan = await solve(sc);
    const p = prepare(sc);
    expect(plan.unserved.length).toBeGreaterThan(0);
    for (const u of plan.unserved)
      expect(u.deferredFreightRs).toBeCloseTo(u.tonnes * deferredFreightRate(p, p.orderById.get(u.order)!), 1);
    const c = plan.summary.costs;
    expect(c.deferredFreightRs).toBeGreaterThan(0);
    expect(plan.summary.totalCost).toBeCloseTo(
      Object.values(c).reduce((a, b) => a + b, 0),
      1,
    );
    expect(checkPlan(sc, plan).violations).toEqual([]);
    if (plan.solver.objective !== null)
      expect(plan.solver.objective).toBeGreaterThanOrEqual(plan.summary.totalCost - 1);
  });
});
