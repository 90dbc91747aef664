import type { Prep } from '../prep';
import type { Draft } from '../draft';
import type { Master } from './master';
import { polish } from './polish';
import { priceRake } from './pricing';

export interface DiveResult { draft: Draft; objective: number }

/** Loadings the LP takes at least this much of are fixed together (when they fit); below it, only the largest, or as many as the pace needs. */
const TAKEN = 0.5;
/** At most this many rakes fixed a step unless the pace needs more: fixing changes the duals the rest are priced at. */
const PER_STEP = 15;

/**
 * Price-and-fix diving on the column generation master: a plan from its LP where the restricted
 * master MIP finds none in time (large). Each step solves the master LP, fixes the loadings of
 * free rakes the LP takes most of (largest first, only while they fit the orders, stock and
 * sidings left by the loadings fixed before), and prices the free rakes at the LP's duals, so
 * their loadings adapt to what was fixed. When no free rake has a loading left in the LP, or time
 * runs short, the master MIP settles the rest (unsplittable orders' whole trucks, and whatever
 * was left fractional). Time left after that goes to neighbourhood search from the plan (polish.ts;
 * large, seed 1: ₹98.14 → ₹97.39 cr in 20 s).
 */
export function dive(p: Prep, master: Master, run: { deadlineMs: number; patternsPerRake: number; shouldStop?: () => boolean }): DiveResult | null {
  const fixed = new Set<number>();
  const left = () => (run.deadlineMs - Date.now()) / 1000;
  const limit = master.rowLimits();
  const used = limit.map(() => 0);
  const fits = (rows: number[], vals: number[]) => rows.every((r, i) => used[r]! + vals[i]! <= limit[r]! + 1e-6);
  // The final MIP needs a little time of its own.
  const reserveS = 3;
  let stepS = 0;
  while (left() > reserveS && !run.shouldStop?.()) {
    const began = Date.now();
    const z = master.solveLp(left() - reserveS);
    if (z === null) break;
    const x = master.patternValues();
    const cand: Array<{ k: number; v: number }> = [];
    x.forEach((v, k) => { if (v > 1e-6 && !fixed.has(master.patterns[k]!.r)) cand.push({ k, v }); });
    if (!cand.length) break;
    cand.sort((a, b) => b.v - a.v);
    // Pace: the free rakes the LP still loads, spread over the steps the time left allows at the
    // last step's pace, so the dive ends with every rake settled and not in the final MIP (large,
    // seed 1: unpaced, later steps fixed 1 loading each and the MIP got 46 free rakes and 3 s).
    const freeRakes = new Set(cand.map((c) => master.patterns[c.k]!.r)).size;
    const lastStep = stepS > 0 && left() - reserveS < 2 * stepS;
    const pace = lastStep ? Infinity : Math.ceil(freeRakes / Math.max(1, Math.floor((left() - reserveS) / Math.max(stepS, 0.5))));
    let n = 0;
    for (const { k, v } of cand) {
      if (n >= Math.max(PER_STEP, pace) || (n >= pace && n > 0 && v < TAKEN)) break;
      const pt = master.patterns[k]!;
      if (fixed.has(pt.r)) continue;
      const { rows, vals } = master.rowsOf(pt);
      if (!fits(rows, vals)) continue;
      rows.forEach((r, i) => { used[r]! += vals[i]!; });
      master.boundPatterns([k], 1, 1);
      fixed.add(pt.r);
      n++;
    }
    if (!n || lastStep) break;
    const lpDuals = master.lpDuals;
    const duals = master.view(lpDuals, false);
    for (const ri of master.rakes) {
      if (fixed.has(ri.r) || left() <= reserveS) continue;
      for (const pt of priceRake(p, ri, duals, run.patternsPerRake).patterns) if (master.reducedCost(pt, lpDuals) < -1e-3) master.addPattern(pt);
    }
    stepS = (Date.now() - began) / 1000;
  }
  const mip = master.solveMip(Math.max(0.5, left()), null, run.shouldStop);
  if (!mip) return null;
  // Time left: neighbourhood search on the restricted master from the dive's plan (polish.ts).
  if (left() < 1 || run.shouldStop?.()) return { draft: mip.draft, objective: mip.objective };
  const pol = polish(master, mip, run);
  return { draft: pol.plan.draft, objective: pol.plan.objective };
}
