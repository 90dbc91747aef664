import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPlan } from '../../checker/check';
import { buildPlan } from '../build-plan';
import { pricedMaster } from '../__fixtures__/priced-master';
import { modelObjective } from './master';
import { polish } from './polish';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let h: Highs;
beforeAll(async () => {
  h = await loadHighs();
});

const INFO = { method: 'greedy heuristic', status: '', objective: null, bound: null, gap: null, seconds: 0 } as const;

/**
 * A proof must not depend on the CPU the test gets: these searches open every rake at once, so
 * they end as soon as that one MIP is proven, whatever the machine's load.
 */
const UNHURRIED_S = 600;
const unhurried = () => ({ deadlineMs: Date.now() + UNHURRIED_S * 1000, maxMipS: UNHURRIED_S });

/**
 * A day's master with a pool worth searching: both start plans' loadings and five rounds of
 * pricing. Its first MIP is held to the greedy plan's loadings (the others closed), so polish
 * starts from a plan the pool can beat.
 */
function setup(seed: number) {
  const { sc, p, g, opts, m, greedyLoadings, lp } = pricedMaster(h, 'day', seed, 5, 30);
  const rest = m.patterns.map((_, k) => k).filter((k) => k >= greedyLoadings);
  m.boundPatterns(rest, 0, 0);
  const start = m.solveMip(30, g)!;
  m.boundPatterns(rest, 0, Infinity);
  return { sc, p, opts, m, start, lp };
}

describe('neighbourhood search on the restricted master (after the dive)', () => {
  it.each([1, 2, 3])(
    'day %i, neighbourhoods of 4 rakes and up: never worse than its start, checked, priced as the model prices it, bounds restored',
    (seed) => {
      const { sc, p, opts, m, start, lp } = setup(seed);
      const pol = polish(m, start, { deadlineMs: Date.now() + 15_000, firstSize: 4 });
      expect(pol.steps).toBeGreaterThan(0);
      expect(pol.plan.objective).toBeLessThanOrEqual(start.objective + 1e-6 * start.objective);
      expect(checkPlan(sc, buildPlan(p, pol.plan.draft, INFO, null)).violations).toEqual([]);
      expect(modelObjective(p, h, opts, pol.plan.draft)).toBeCloseTo(pol.plan.objective, 2);
      expect(m.solveLp(30)).toBeCloseTo(lp, 2);
    },
  );

  it("stopped after its first neighbourhood: every loading is open again (the master's LP is what it was)", () => {
    const { m, start, lp } = setup(1);
    const solveMip = m.solveMip.bind(m);
    let mips = 0;
    m.solveMip = (...a) => {
      const r = solveMip(...a);
      mips++;
      return r;
    };
    const pol = polish(m, start, { deadlineMs: Date.now() + 15_000, firstSize: 4, shouldStop: () => mips >= 1 });
    expect(pol.steps).toBe(1);
    expect(m.solveLp(30)).toBeCloseTo(lp, 2);
  });

  it.each([1, 2, 3])(
    "day %i: the rounded LP (the dive's MIP start) puts each rake on one loading, over-serves no order, and is a plan of the master",
    (seed) => {
      const { sc, p, m } = setup(seed);
      expect(m.solveLp(30)).not.toBeNull();
      const x = m.roundedStart();
      const chosen = m.chosen(x);
      expect(chosen.size).toBeGreaterThan(0);
      const loaded = m.patterns.filter((_, k) => x[x.length - m.patterns.length + k]! > 0.5);
      expect(loaded.length).toBe(chosen.size);
      const served = new Map<number, number>();
      for (const pt of loaded) for (const l of pt.lines) served.set(l.o, (served.get(l.o) ?? 0) + l.tonnes);
      for (const oi of m.orders) expect(served.get(oi.o) ?? 0).toBeLessThanOrEqual(oi.q + 1e-6);
      // Held to exactly those loadings the MIP is feasible from that start.
      m.boundPatterns(
        m.patterns.map((_, k) => k),
        0,
        0,
      );
      m.boundPatterns([...chosen.values()], 1, 1);
      const held = m.solveMip(30, x)!;
      expect(held).not.toBeNull();
      expect(m.chosen(held.x)).toEqual(chosen);
      expect(checkPlan(sc, buildPlan(p, held.draft, INFO, null)).violations).toEqual([]);
    },
  );

  it.each([1, 2, 3])(
    "day %i: with every rake in one neighbourhood it reaches the restricted master MIP's proven optimum, below the greedy start",
    (seed) => {
      const { m, start } = setup(seed);
      const pol = polish(m, start, { ...unhurried(), firstSize: m.rakes.length });
      const whole = m.solveMip(UNHURRIED_S, null)!;
      expect(whole.proven).toBe(true);
      expect(pol.plan.objective).toBeCloseTo(whole.objective, 0);
      expect(pol.plan.objective).toBeLessThan(start.objective - 1);
    },
  );

  it.each([1, 2, 3])(
    'day %i, loadings priced for each neighbourhood: the pool grows, and with every rake open the plan is no dearer than the MIP over the pool it started with; checked, priced as the model prices it',
    (seed) => {
      const { sc, p, opts, m, start, lp } = setup(seed);
      const whole = m.solveMip(UNHURRIED_S, null)!;
      expect(whole.proven).toBe(true);
      const before = m.patterns.length;
      const pol = polish(m, start, {
        ...unhurried(),
        firstSize: m.rakes.length,
        price: { p, patternsPerRake: 5 },
      });
      expect(m.patterns.length).toBeGreaterThan(before);
      expect(pol.plan.objective).toBeLessThanOrEqual(whole.objective + 1e-6 * whole.objective);
      expect(checkPlan(sc, buildPlan(p, pol.plan.draft, INFO, null)).violations).toEqual([]);
      expect(modelObjective(p, h, opts, pol.plan.draft)).toBeCloseTo(pol.plan.objective, 2);
      // Every loading open again: the LP is at most what it was (the new loadings can only lower it).
      expect(m.solveLp(30)!).toBeLessThanOrEqual(lp + 1e-6 * Math.abs(lp));
    },
  );
});
