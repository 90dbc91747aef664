import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPlan } from '../../checker/check';
import { buildPlan } from '../build-plan';
import { pricedMaster } from '../__fixtures__/priced-master';
import { modelObjective } from './master';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let h: Highs;
beforeAll(async () => {
  h = await loadHighs();
});

const INFO = { method: 'greedy heuristic', status: '', objective: null, bound: null, gap: null, seconds: 0 } as const;

describe("rounding the master LP (the dive's MIP start)", () => {
  // Seeds whose LP, four rounds in, spreads rakes over loadings that no longer all fit once the
  // rakes before them are placed, and uses trucks.
  it.each([
    ['day', 2],
    ['week', 1],
  ] as const)(
    '%s %i: a checked plan no cheaper than the LP, with loadings cut to fit and trucks, each paying for itself',
    (size, seed) => {
      const { sc, p, opts, m, lp } = pricedMaster(h, size, seed, 4);
      const pool = m.patterns.length;
      const x = m.roundedStart();
      const draft = m.draftOf(x);
      expect(checkPlan(sc, buildPlan(p, draft, INFO, null)).violations).toEqual([]);
      const cost = modelObjective(p, h, opts, draft)!;
      expect(cost).toBeGreaterThanOrEqual(lp - 1e-6 * lp);
      // Loadings appended by the rounding are cut to fit; without any of them, or without the
      // trucks, the plan costs more (their tonnes go unserved).
      const cutRakes = new Set([...m.chosen(x)].flatMap(([r, k]) => (k >= pool ? [r] : [])));
      expect(cutRakes.size).toBeGreaterThan(0);
      expect(draft.road.length).toBeGreaterThan(0);
      const without = (keep: (d: typeof draft) => typeof draft) => modelObjective(p, h, opts, keep(draft))!;
      for (const r of cutRakes)
        expect(without((d) => ({ ...d, rakes: d.rakes.filter((dr) => dr.rakeIdx !== r) }))).toBeGreaterThan(cost);
      expect(without((d) => ({ ...d, road: [] }))).toBeGreaterThan(cost);
    },
  );
});
