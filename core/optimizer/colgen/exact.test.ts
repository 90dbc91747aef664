import loadHighs from 'highs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { generateScenario } from '../../synth/scenario';
import { greedyDraft } from '../greedy';
import type { Draft } from '../draft';
import { DEFAULT_MODEL_OPTIONS, type ModelOptions } from '../model';
import { prepare, type Prep } from '../prep';
import { columnGeneration } from './colgen';
import { exactRakePrice } from './exact';
import { Master } from './master';
import type { Duals, RakeInfo } from './loading';
import { priceRake } from './pricing';

// Counts the exact prices column generation asks for (the real ones are computed).
const exactCalls = vi.hoisted(() => ({ n: 0 }));
vi.mock('./exact', async (importOriginal) => {
  const real = await importOriginal<typeof import('./exact')>();
  return {
    exactRakePrice: (...a: Parameters<typeof real.exactRakePrice>) => {
      exactCalls.n++;
      return real.exactRakePrice(...a);
    },
  };
});

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let h: Highs;
let found: { p: Prep; ri: RakeInfo; d: Duals; relaxed: number; exact: number };
let opts: ModelOptions;
let g: Draft;

/**
 * Plain column generation on day seed 3 until a rake's exact price is above its knapsack price
 * (from round 9 a stockyard runs short for rakes 2, 4, 7 and 8): the case exact.ts exists for.
 */
beforeAll(async () => {
  h = await loadHighs();
  const p = prepare(generateScenario({ seed: 3, size: 'day' }));
  g = greedyDraft(p);
  opts = {
    ...DEFAULT_MODEL_OPTIONS,
    extraStarts: g.rakes.map((r) => ({ r: r.rakeIdx, lp: r.lp, startH: r.startH })),
  };
  const m = new Master(p, h, opts);
  m.addDraft(g);
  m.load();
  for (let round = 0; round < 40 && !found; round++) {
    expect(m.solveLp(30)).not.toBeNull();
    const pi = m.lpDuals;
    const d = m.view(pi, false);
    let added = 0;
    for (const ri of m.rakes) {
      const pr = priceRake(p, ri, d, 5);
      for (const pt of pr.patterns) if (m.addPattern(pt) && m.reducedCost(pt, pi) < -1e-3) added++;
      if (found || pr.reducedCost >= -1e-3) continue;
      const exact = exactRakePrice(h, p, ri, d).reducedCost;
      if (exact > pr.reducedCost + 1) found = { p, ri, d, relaxed: pr.reducedCost, exact };
    }
    if (!added) break;
  }
  m.model?.dispose();
}, 120_000);

describe('exact prices cut short keep a lower price (the Lagrangian bound stays valid)', () => {
  it('a rake whose cheapest stockyard runs short is priced above its knapsack price', () => {
    expect(found).toBeDefined();
    expect(found.exact).toBeLessThan(0);
  });

  it('stopped before the first MIP: the knapsack price, no loading', () => {
    const { p, ri, d, relaxed } = found;
    const stopped = exactRakePrice(h, p, ri, d, { deadlineMs: Infinity, shouldStop: () => true });
    expect(stopped.reducedCost).toBeCloseTo(relaxed, 6);
    expect(stopped.pattern).toBeNull();
    const late = exactRakePrice(h, p, ri, d, { deadlineMs: Date.now() - 1 });
    expect(late.reducedCost).toBeCloseTo(relaxed, 6);
  });

  it('stopped after some MIPs: between the knapsack price and the exact one', () => {
    const { p, ri, d, relaxed, exact } = found;
    for (let polls = 1; polls <= 4; polls++) {
      let n = 0;
      const r = exactRakePrice(h, p, ri, d, { deadlineMs: Infinity, shouldStop: () => ++n > polls });
      expect(r.reducedCost).toBeGreaterThanOrEqual(relaxed - 1e-6);
      expect(r.reducedCost).toBeLessThanOrEqual(exact + 1e-6);
    }
  });
});

describe('column generation stops between exact prices', () => {
  it('a stop during the exact prices ends the round after that rake: no convergence claimed, the bound under the converged one', () => {
    const { p } = found;
    const full = columnGeneration(h, p, opts, [g], { deadlineMs: Date.now() + 60_000, mipShare: 0 });
    expect(full.status).toBe('converged');
    exactCalls.n = 0;
    const cut = columnGeneration(h, p, opts, [g], {
      deadlineMs: Date.now() + 60_000,
      mipShare: 0,
      shouldStop: () => exactCalls.n >= 1,
    });
    // Several rakes are short at the first round that prices exactly (found.ri among them); one was priced.
    expect(exactCalls.n).toBe(1);
    expect(cut.status).toBe('stopped');
    expect(cut.bound).not.toBeNull();
    expect(cut.bound!).toBeLessThanOrEqual(full.bound! + 1e-6 * Math.abs(full.bound!));
  });
});
