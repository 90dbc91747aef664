import type { Prep } from '../prep';
import type { Master, MipPlan } from './master';
import { polish } from './polish';
import type { Pattern, RakeInfo } from './loading';
import { priceRake } from './pricing';

/** A rake's option: its siding, start and destinations (one, or a same-corridor pair). */
interface RakeOption {
  lp: string;
  startH: number;
  dests: string[];
}

/** Options the LP takes at least this much of are fixed together; below it, as many as the pace needs. */
const TAKEN = 0.5;
/** At most this many rakes fixed a step unless the pace or a third of the free rakes is more: fixing changes the duals the rest are priced at. */
const PER_STEP = 15;
/** Kept for the last pricing, LP and the restricted master MIP after the dive [s]. */
const RESERVE_S = 8;
/**
 * Longest the restricted master MIP after the dive may run [s]; the rest goes to neighbourhood
 * search. On large the MIP over the options' loadings is usually proven within it.
 */
const FINAL_MIP_S = 8;

/**
 * Price-and-fix diving on rake options, on the column generation master: a plan from its LP where
 * the restricted master MIP finds none in time (large). Each step solves the master LP, fixes the
 * option — siding, start, destinations — of the free rakes whose loadings at one option the LP takes
 * most of (largest first, while the sidings hold them), shuts their loadings at other options, and
 * prices every rake at the LP's duals, a fixed one only within its option. Orders stay free: which
 * orders ride which rake is settled only by the MIP at the end. Fixing whole loadings instead
 * committed to order combinations too early: the LP rose over the dive and rakes fell idle.
 * The LP rounded (Master.roundedStart) starts the MIP over the loadings in the options; time left
 * goes to neighbourhood search from its plan (polish.ts).
 */
export function dive(
  p: Prep,
  master: Master,
  run: {
    deadlineMs: number;
    patternsPerRake: number;
    shouldStop?: () => boolean;
    /**
     * Ends the search after the dive's MIP (polish.ts) only: cutting the steps or the MIP short at
     * a low CPU share gave plans dearer than the warm start.
     */
    stopSearch?: () => boolean;
    /**
     * When the search hands over to the caller (Date.now() ms): the steps and the MIP end by then,
     * so the caller's final pass gets its time even when the dive alone would fill the window (a
     * quarter of a core on large).
     */
    handOverAtMs?: () => number;
    variant?: number;
    /**
     * Skip the MIP over the options while the CPU share the run receives (pace.ts) is below `min`:
     * the search from the held rounding gets its time.
     */
    skipMip?: { share: () => number; min: number };
  },
): MipPlan | null {
  const left = () => (Math.min(run.deadlineMs, run.handOverAtMs?.() ?? Infinity) - Date.now()) / 1000;
  // The pricing's view of each rake: narrowed to its option once that is fixed.
  const view = new Map<number, RakeInfo>(master.rakes.map((ri) => [ri.r, ri]));
  const fixed = new Map<number, RakeOption>();
  const limit = master.rowLimits();
  const used = limit.map(() => 0);
  let stepS = 0;
  while (left() > RESERVE_S && !run.shouldStop?.()) {
    const began = Date.now();
    if (master.solveLp(left() - RESERVE_S) === null) break;
    const cand = optionsInLp(master, fixed);
    if (!cand.length) break;
    // Pace: the free rakes the LP still loads, spread over the steps the time left allows at the
    // last step's pace, so every rake is settled before the MIP.
    const freeRakes = new Set(cand.map((c) => c.r)).size;
    const lastStep = isLastStep(left() - RESERVE_S, stepS, (Date.now() - began) / 1000);
    const pace = lastStep
      ? Infinity
      : Math.ceil(freeRakes / Math.max(1, Math.floor((left() - RESERVE_S) / Math.max(stepS, 0.5))));
    // At least a third of the free rakes a step: one a step costs seconds for little LP gain, and
    // paced by the last step's time alone (steps get cheaper) the dive runs short and fixes the
    // last rakes all at once, which gives dearer plans.
    // A second dive (variant 1) fixes a quarter a step: another path through the options.
    const least = Math.max(pace, Math.ceil(freeRakes / (3 + (run.variant ?? 0))));
    let n = 0;
    for (const c of cand) {
      if (n >= Math.max(PER_STEP, least) || (n >= least && c.mass < TAKEN)) break;
      if (fixed.has(c.r) || !c.sidRows.every((row) => used[row]! + 1 <= limit[row]! + 1e-6)) continue;
      c.sidRows.forEach((row) => {
        used[row]! += 1;
      });
      fixed.set(c.r, c.option);
      master.boundPatterns(
        master.patterns.flatMap((pt, k) => (pt.r === c.r && !within(pt, c.option) ? [k] : [])),
        0,
        0,
      );
      const ri = view.get(c.r)!;
      const slot = ri.slots.find((s) => s.lp === c.option.lp && Math.abs(s.startH - c.option.startH) < 1e-9)!;
      view.set(c.r, {
        ...ri,
        slots: [slot],
        cands: new Map([[slot.lp, ri.cands.get(slot.lp)!.filter((oi) => c.option.dests.includes(oi.dest))]]),
      });
      n++;
    }
    if (!n) break;
    // Every rake priced again: fixing moved the duals, and a fixed rake's loadings adapt within its option.
    const lpDuals = master.lpDuals;
    const duals = master.view(lpDuals, false);
    master.priceTrucks(lpDuals);
    for (const ri of view.values()) {
      if (left() <= RESERVE_S / 2) break;
      for (const pt of priceRake(p, ri, duals, run.patternsPerRake).patterns)
        if (master.reducedCost(pt, lpDuals) < -1e-3) master.addPattern(pt);
    }
    stepS = (Date.now() - began) / 1000;
    if (lastStep) break;
  }
  // The LP over the last loadings, rounded (rounding.ts), its loadings held while the trucks and
  // unserved tonnes are re-optimised around them; that plan starts the MIP over every loading in
  // the options: without a start HiGHS' first plans on large are far dearer.
  const start = master.solveLp(Math.max(0.5, left() / 4)) === null ? null : master.roundedStart();
  const mipEnd = Date.now() + Math.max(0.5, Math.min(FINAL_MIP_S, left())) * 1000;
  const held = start && heldMip(master, start, (mipEnd - Date.now()) / 1000, run.shouldStop);
  const all = master.patterns.map((_, k) => k);
  master.boundPatterns(all, 0, Infinity);
  master.boundPatterns(
    all.filter((k) => {
      const o = fixed.get(master.patterns[k]!.r);
      return o !== undefined && !within(master.patterns[k]!, o);
    }),
    0,
    0,
  );
  const skip = (held && run.skipMip && run.skipMip.share() < run.skipMip.min) || mipEnd - Date.now() < 500;
  const full = skip ? null : master.solveMip((mipEnd - Date.now()) / 1000, held?.x ?? start, run.shouldStop);
  const mip = full && (!held || full.objective < held.objective) ? full : held;
  master.boundPatterns(all, 0, Infinity);
  if (!mip) return null;
  const stopSearch = () => Boolean(run.shouldStop?.() || run.stopSearch?.());
  if (left() < 1 || stopSearch()) return mip;
  return polish(master, mip, {
    ...run,
    shouldStop: stopSearch,
    price: { p, patternsPerRake: run.patternsPerRake },
    seed: 12345 + 7919 * (run.variant ?? 0),
  }).plan;
}

/** The rounded start's loadings held, every other shut: the MIP over the trucks and unserved tonnes alone. */
function heldMip(master: Master, x: Float64Array, limitS: number, stop?: () => boolean): MipPlan | null {
  master.boundPatterns(
    master.patterns.map((_, k) => k),
    0,
    0,
  );
  master.boundPatterns([...master.chosen(x).values()], 1, 1);
  return master.solveMip(limitS, x, stop);
}

/**
 * Whether a step must settle every rake: fewer than two more steps fit in `leftS`, the time left
 * before the reserve. Before the first step its length is unknown and the LP just solved (`lpS`)
 * stands in for it (the first LP, after the exchanges shut, is the dearest of the dive). On a
 * short dive (large at a 30 s limit: a step takes 3–4 s of its 10 s) the first step fixed a third
 * of the rakes, the next LP ran out of time, and the MIP rounded an LP that left two thirds of
 * them free: plans dearer than the warm start (bench/RESULTS.md).
 */
export function isLastStep(leftS: number, stepS: number, lpS: number): boolean {
  return leftS < 2 * (stepS > 0 ? stepS : lpS);
}

/** A loading inside an option: its siding and start, and destinations among the option's. */
function within(pt: Pattern, o: RakeOption): boolean {
  return pt.lp === o.lp && Math.abs(pt.startH - o.startH) < 1e-9 && pt.dests.every((d) => o.dests.includes(d));
}

/** The LP's mass on each option of the rakes not fixed yet, largest first. */
function optionsInLp(
  master: Master,
  fixed: Map<number, RakeOption>,
): Array<{ r: number; option: RakeOption; sidRows: number[]; mass: number }> {
  const x = master.patternValues();
  const byKey = new Map<string, { r: number; option: RakeOption; sidRows: number[]; mass: number }>();
  x.forEach((v, k) => {
    const pt = master.patterns[k]!;
    if (v <= 1e-6 || fixed.has(pt.r)) return;
    const dests = [...pt.dests].sort();
    const key = `${pt.r}|${pt.lp}|${pt.startH}|${dests.join('+')}`;
    const c = byKey.get(key);
    if (c) c.mass += v;
    else byKey.set(key, { r: pt.r, option: { lp: pt.lp, startH: pt.startH, dests }, sidRows: pt.sidRows, mass: v });
  });
  return [...byKey.values()].sort((a, b) => b.mass - a.mass);
}
