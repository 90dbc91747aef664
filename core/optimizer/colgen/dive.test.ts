import loadHighs from 'highs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { checkPlan } from '../../checker/check';
import { generateScenario } from '../../synth/scenario';
import { buildPlan } from '../build-plan';
import { greedyDraft } from '../greedy';
import { DEFAULT_MODEL_OPTIONS } from '../model';
import { prepare } from '../prep';
import { dive, isLastStep } from './dive';
import { Master } from './master';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let h: Highs;
beforeAll(async () => {
  h = await loadHighs();
});

const INFO = { method: 'milp (decomposed)', status: '', objective: null, bound: null, gap: null, seconds: 0 } as const;

/**
 * A day's master over the greedy plan's loadings, and the LP solves a dive on it makes. With
 * `slow`, the dive's clock (Date.now) moves on `lpS` seconds at each master LP and only then, and
 * its deadline is `deadlineS` away.
 */
function diveOnDay(handOverAtMs?: () => number, slow?: { lpS: number; deadlineS: number }, cpuShare?: number) {
  const sc = generateScenario({ seed: 1, size: 'day' });
  const p = prepare(sc);
  const g = greedyDraft(p);
  const master = new Master(p, h, {
    ...DEFAULT_MODEL_OPTIONS,
    extraStarts: g.rakes.map((r) => ({ r: r.rakeIdx, lp: r.lp, startH: r.startH })),
  });
  master.addDraft(g);
  master.load();
  // The dive's clock stands still but for the LPs, so a loaded machine takes the same path.
  let offsetMs = 0;
  const t0 = Date.now();
  const clock = slow ? vi.spyOn(Date, 'now').mockImplementation(() => t0 + offsetMs) : null;
  const solveLp = master.solveLp.bind(master);
  const lps = vi.spyOn(master, 'solveLp').mockImplementation((limitS, stop) => {
    offsetMs += (slow?.lpS ?? 0) * 1000;
    return solveLp(limitS, stop);
  });
  const mips = vi.spyOn(master, 'solveMip');
  try {
    // A deadline far off: only the hand-over can end the steps early. No search after the MIP (it
    // would run on towards that deadline).
    const plan = dive(p, master, {
      deadlineMs: Date.now() + (slow?.deadlineS ?? 600) * 1000,
      patternsPerRake: 5,
      handOverAtMs,
      stopSearch: () => true,
      ...(cpuShare === undefined ? {} : { skipMip: { share: () => cpuShare, min: 0.4 } }),
    });
    return {
      plan,
      lpSolves: lps.mock.calls.length,
      mipSolves: mips.mock.calls.length,
      verdict: plan && checkPlan(sc, buildPlan(p, plan.draft, INFO, null)),
    };
  } finally {
    clock?.mockRestore();
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

  it('settles every rake in its first step when fewer than two more steps fit before the reserve', () => {
    // Each LP takes 5 s and the dive has 20 s: after the first, 15 s are left, 7 s beyond the
    // 8-s reserve, less than two 5-s steps. That step fixes every rake the LP loads; the next LP
    // is the one the MIP starts from. Fixing a third of the rakes there left the next step's LP
    // out of time and the MIP rounding a half-settled LP.
    const r = diveOnDay(undefined, { lpS: 5, deadlineS: 20 });
    expect(r.plan).not.toBeNull();
    expect(r.lpSolves).toBe(2);
    expect(r.verdict!.violations).toEqual([]);
  });

  it('steps while the time left holds two more steps', () => {
    const r = diveOnDay(undefined, { lpS: 1, deadlineS: 20 });
    expect(r.lpSolves).toBeGreaterThan(2);
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

describe("the dive's MIP and the CPU it gets", () => {
  it('below the share set: only the MIP with the rounded loadings held, whose plan the MIP over the options can only better at a full core', () => {
    const low = diveOnDay(undefined, undefined, 0.25);
    const full = diveOnDay(undefined, undefined, 1);
    expect(low.mipSolves).toBe(1);
    expect(full.mipSolves).toBe(2);
    expect(low.verdict!.violations).toEqual([]);
    expect(full.verdict!.violations).toEqual([]);
    expect(full.plan!.objective).toBeLessThanOrEqual(low.plan!.objective + 1e-6 * low.plan!.objective);
  });
});

describe("the dive's last step", () => {
  it('is the first when the LP just solved leaves time for fewer than two like it', () => {
    expect(isLastStep(7, 0, 5)).toBe(true);
    expect(isLastStep(11, 0, 5)).toBe(false);
  });

  it('goes by the last step once there is one', () => {
    expect(isLastStep(7, 3, 5)).toBe(false);
    expect(isLastStep(7, 4, 0.1)).toBe(true);
  });
});
