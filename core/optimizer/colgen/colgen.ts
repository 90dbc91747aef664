import type loadHighs from 'highs';
import type { Draft } from '../draft';
import type { ModelOptions } from '../model';
import type { Prep } from '../prep';
import { Master } from './master';
import { exactRakePrice } from './exact';
import { priceRake, type RakeInfo } from './pricing';

type Highs = Awaited<ReturnType<typeof loadHighs>>;

export interface ColgenResult {
  /** Lower bound on the whole-horizon model's optimum (Lagrangian, from the last full pricing); null when none. */
  bound: number | null;
  /** The master LP's last optimum (an upper bound on the bound's limit). */
  lpObjective: number | null;
  iterations: number;
  patterns: number;
  /** Best plan of the restricted master MIP, when one was asked for and found. */
  draft: Draft | null;
  mipObjective: number | null;
  status: string;
}

/**
 * Loadings added per rake and round, the cheapest of each destination option. More columns give
 * the restricted master MIP more to choose from (week, seed 1: 1 a round ₹21.21 cr, 8 ₹21.20 cr,
 * 20 ₹21.14 cr with the MIP proved in 14 s, 50 the same plan in 22 s).
 */
const PATTERNS_PER_RAKE = 20;

export interface ColgenOptions {
  /** Wall-clock end (Date.now() ms) of the whole run, restricted master MIP included. */
  deadlineMs: number;
  /** Share of the time kept for the restricted master MIP, which also gets what the rounds leave (0: bound only). */
  mipShare: number;
  shouldStop?: () => boolean;
  /** After each round: the bound so far. */
  onRound?: (bound: number | null, round: number) => void;
}

/**
 * Column generation over rake loadings (Dantzig–Wolfe on the rakes of the whole-horizon model).
 * Each round solves the master LP, prices every rake at its duals (knapsack pricing from below, exact.ts where a loading could not be built) and adds the loadings
 * with negative reduced cost. After any round, master LP + Σ_r min(0, lowest reduced cost of r)
 * is a valid lower bound (each rake takes at most one loading); the best one is kept.
 */
export function columnGeneration(h: Highs, p: Prep, opts: ModelOptions, starts: Draft[], run: ColgenOptions): ColgenResult {
  const { deadlineMs, mipShare } = run;
  const master = new Master(p, h, opts);
  for (const d of starts) master.addDraft(d);
  master.load();
  let bound: number | null = null;
  let lpObj: number | null = null;
  let it = 0;
  const mipS = ((deadlineMs - Date.now()) / 1000) * mipShare;
  const lpDeadline = deadlineMs - mipS * 1000;
  let status = 'time limit';
  try {
    // Pricing rounds until no rake has a cheaper loading (the bound), then the MIP over the columns.
    for (; Date.now() < lpDeadline && !run.shouldStop?.(); ) {
      const z = master.solveLp((lpDeadline - Date.now()) / 1000);
      if (z === null) { status = 'master LP not solved'; break; }
      lpObj = z;
      it++;
      const duals = master.dualView;
      let sumRc = 0;
      let added = 0;
      const short: Array<{ ri: RakeInfo; rc: number }> = [];
      for (const ri of master.rakes) {
        const pr = priceRake(p, ri, duals, PATTERNS_PER_RAKE);
        sumRc += Math.min(0, pr.reducedCost);
        let n = 0;
        for (const pt of pr.patterns) if (master.addPattern(pt)) n++;
        if (pr.reducedCost < -1e-3 && n === 0) short.push({ ri, rc: pr.reducedCost });
        added += n;
      }
      // Rakes whose cheapest loading could not be built (a stockyard short): their exact prices.
      if (!added && short.length) {
        for (const { ri, rc } of short) {
          const ex = exactRakePrice(h, p, ri, duals);
          sumRc += Math.min(0, ex.reducedCost) - rc;
          if (ex.reducedCost < -1e-3 && ex.pattern && master.addPattern(ex.pattern)) added++;
        }
      }
      if (bound === null || z + sumRc > bound) bound = z + sumRc;
      run.onRound?.(bound, it);
      if (added === 0 || z - bound <= 1e-5 * Math.abs(z)) { status = 'converged'; break; }
    }
    if (status === 'time limit' && run.shouldStop?.()) status = 'stopped';
    let draft: Draft | null = null;
    let mipObjective: number | null = null;
    if (mipShare > 0 && Date.now() < deadlineMs && !run.shouldStop?.()) {
      const mip = master.solveMip(Math.max(0.5, (deadlineMs - Date.now()) / 1000), starts[0] ?? null, run.shouldStop);
      if (mip) { draft = mip.draft; mipObjective = mip.objective; }
    }
    return { bound, lpObjective: lpObj, iterations: it, patterns: master.patterns.length, draft, mipObjective, status };
  } finally {
    master.model?.dispose();
  }
}
