import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPlan } from '../../checker/check';
import { generateScenario } from '../../synth/scenario';
import { buildPlan } from '../build-plan';
import { greedyDraft } from '../greedy';
import { DEFAULT_MODEL_OPTIONS } from '../model';
import { prepare } from '../prep';
import { Master, modelObjective } from './master';
import { draftPatterns } from './master-draft';
import { priceRake } from './pricing';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let h: Highs;
beforeAll(async () => {
  h = await loadHighs();
});

const INFO = { method: 'greedy heuristic', status: '', objective: null, bound: null, gap: null, seconds: 0 } as const;

/**
 * A day's master from its greedy plan, priced at the master's own duals until nothing enters;
 * with `age`, columns idle after one LP are dropped each round (Master.dropIdle), trucks with them.
 */
function converged(seed: number, age: boolean) {
  const sc = generateScenario({ seed, size: 'day' });
  const p = prepare(sc);
  const g = greedyDraft(p);
  const opts = {
    ...DEFAULT_MODEL_OPTIONS,
    extraStarts: g.rakes.map((r) => ({ r: r.rakeIdx, lp: r.lp, startH: r.startH })),
  };
  const m = new Master(p, h, opts);
  m.addDraft(g);
  m.load();
  const heldAtStart = m.size().columns;
  const trucksIn: number[] = [];
  let fewest = heldAtStart;
  let lp = NaN;
  for (let round = 0; round < 200; round++) {
    lp = m.solveLp(60)!;
    expect(lp).not.toBeNull();
    if (age) m.dropIdle(0);
    fewest = Math.min(fewest, m.size().columns);
    const pi = m.lpDuals;
    const duals = m.view(pi, false);
    let added = m.priceTrucks(pi);
    trucksIn.push(added);
    for (const ri of m.rakes)
      for (const pt of priceRake(p, ri, duals, 20).patterns)
        if (m.reducedCost(pt, pi) < -1e-3 && m.addPattern(pt)) added++;
    if (!added) break;
  }
  return { sc, p, g, opts, m, heldAtStart, fewest, trucksIn, lp };
}

describe('idle trucks leave the master and come back when they price out', () => {
  it.each([1, 2, 3])(
    'day %i: trucks dropped idle and brought back; at the end its LP is that of the same loadings with every truck',
    (seed) => {
      const { p, opts, m, heldAtStart, fewest, trucksIn, lp } = converged(seed, true);
      // Trucks left, some came back (dropped at one round's duals, priced out at a later one's),
      // and none out of the master prices out at the last duals.
      expect(fewest).toBeLessThan(heldAtStart);
      expect(trucksIn.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      expect(trucksIn.at(-1)).toBe(0);
      // A new master holds every truck; given the same loadings, its LP is no cheaper.
      const full = new Master(p, h, opts);
      for (const pt of m.patterns) full.addPattern(pt);
      full.load();
      expect(full.size().columns).toBeGreaterThan(m.size().columns);
      const all = full.solveLp(60)!;
      expect(Math.abs(lp - all)).toBeLessThanOrEqual(1e-7 * Math.abs(lp));
      full.model!.dispose();
      m.model!.dispose();
    },
  );

  it.each([1, 2])(
    'day %i: with trucks dropped, a plan brings its trucks back and starts the MIP, as does a column vector; the MIP reads back a checked plan at its objective',
    (seed) => {
      const { sc, p, g, opts, m } = converged(seed, true);
      const greedyCost = modelObjective(p, h, opts, g)!;
      // The greedy plan's loadings back in the master (dropped idle, most of them); its trucks not.
      for (const pt of draftPatterns(p, m.orders, m.rakes, g)) m.addPattern(pt);
      const held = m.size().columns;
      // With no search and no heuristics, the MIP's only plan is its start (or an integral root LP,
      // which is no dearer): the start found every column it uses in HiGHS.
      const startOnly = (on: boolean) =>
        m.model!.options.set({
          mip_max_nodes: on ? 0 : 2147483647,
          mip_heuristic_effort: on ? 0 : 0.05,
          mip_heuristic_run_feasibility_jump: !on,
          mip_heuristic_run_shifting: false,
          mip_heuristic_run_zi_round: false,
          mip_heuristic_run_root_reduced_cost: !on,
        });
      startOnly(true);
      expect(m.solveMip(30, g)!.objective).toBeLessThanOrEqual(greedyCost + 1e-6 * greedyCost);
      expect(m.size().columns).toBeGreaterThan(held);
      startOnly(false);
      const mip = m.solveMip(30, g)!;
      expect(mip.objective).toBeLessThan(greedyCost);
      expect(modelObjective(p, h, opts, mip.draft)).toBeCloseTo(mip.objective, 3);
      expect(mip.draft.road.length).toBeGreaterThan(0);
      expect(checkPlan(sc, buildPlan(p, mip.draft, INFO, null)).violations).toEqual([]);
      startOnly(true);
      expect(m.solveMip(30, mip.x)!.objective).toBeLessThanOrEqual(mip.objective + 1e-6 * mip.objective);
      m.model!.dispose();
    },
  );
});
