import loadHighs from 'highs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { checkPlan } from '../../checker/check';
import { generateScenario } from '../../synth/scenario';
import { buildPlan } from '../build-plan';
import { greedyDraft } from '../greedy';
import { DEFAULT_MODEL_OPTIONS } from '../model';
import { prepare } from '../prep';
import { dive } from './dive';
import { Master } from './master';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let h: Highs;
beforeAll(async () => {
  h = await loadHighs();
});

const INFO = { method: 'milp (decomposed)', status: '', objective: null, bound: null, gap: null, seconds: 0 } as const;

/** A day's master over the greedy plan's loadings, and the LP solves a dive on it makes. */
function diveOnDay(handOverAtMs?: () => number) {
  const sc = generateScenario({ seed: 1, size: 'day' });
  const p = prepare(sc);
  const g = greedyDraft(p);
  const master = new Master(p, h, {
    ...DEFAULT_MODEL_OPTIONS,
    extraStarts: g.rakes.map((r) => ({ r: r.rakeIdx, lp: r.lp, startH: r.startH })),
  });
  master.addDraft(g);
  master.load();
  const lps = vi.spyOn(master, 'solveLp');
  try {
    // A deadline far off: only the hand-over can end the steps early. No search after the MIP (it
    // would run on towards that deadline).
    const plan = dive(p, master, {
      deadlineMs: Date.now() + 600_000,
      patternsPerRake: 5,
      handOverAtMs,
      stopSearch: () => true,
    });
    return {
      plan,
      lpSolves: lps.mock.calls.length,
      verdict: plan && checkPlan(sc, buildPlan(p, plan.draft, INFO, null)),
    };
  } finally {
    master.model?.dispose();
  }
}

describe('price-and-fix dive', () => {
  it('takes its steps before the MIP when the deadline leaves time', () => {
    const r = diveOnDay();
    expect(r.plan).not.toBeNull();
    expect(r.lpSolves).toBeGreaterThan(1);
    expect(r.verdict!.violations).toEqual([]);
  });

  it('ends its steps by the hand-over (the final pass gets that time), still with a plan the checker passes', () => {
    // The hand-over already due: no step, the LP as it stands rounded, its MIP, no search.
    const r = diveOnDay(() => Date.now() - 1);
    expect(r.plan).not.toBeNull();
    expect(r.lpSolves).toBe(1);
    expect(r.verdict!.violations).toEqual([]);
  });
});
