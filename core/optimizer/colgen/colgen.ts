import type loadHighs from 'highs';
import type { Draft } from '../draft';
import type { ModelOptions } from '../model';
import type { Prep } from '../prep';
import { Master } from './master';
import { dive } from './dive';
import { exactRakePrice } from './exact';
import { dualsKey, type PricingPeer } from './peer';
import { roundsEnd } from '../pace';
import type { Pattern, RakeInfo } from './loading';
import { priceRake } from './pricing';

type Highs = Awaited<ReturnType<typeof loadHighs>>;

export interface ColgenResult {
  /** Lower bound on the whole-horizon model's optimum (Lagrangian, from the last full pricing); null when none. */
  bound: number | null;
  /** The master LP's last optimum (an upper bound on the bound's limit). */
  lpObjective: number | null;
  iterations: number;
  /** Rounds priced half here and half by the peer (`peer`). */
  sharedRounds: number;
  patterns: number;
  /** Best plan of the restricted master MIP, when one was asked for and found. */
  draft: Draft | null;
  mipObjective: number | null;
  status: string;
  /** The master's size at the end (Master.size). */
  size: { columns: number; integers: number; rows: number; nonzeros: number };
}

/**
 * Loadings added per rake and round, the cheapest of each destination option. More columns give
 * the restricted master MIP more to choose from; past 20 the week's plan stays and the MIP slows.
 */
const PATTERNS_PER_RAKE = 20;

/** Share of their planned time the rounds keep however little CPU the run gets (`cpuShare`), by default. */
const ROUNDS_MIN_SHARE = 0.6;

/** Smoothing stops once the master LP is this close to the bound (relative). */
const SMOOTH_UNTIL_GAP = 0.003;

export interface ColgenOptions {
  /** Wall-clock end (Date.now() ms) of the whole run, restricted master MIP included. */
  deadlineMs: number;
  /** Share of the time kept for the restricted master MIP, which also gets what the rounds leave (0: bound only). */
  mipShare: number;
  shouldStop?: () => boolean;
  /**
   * Weight of the best Lagrangian point in the duals priced (default 0: the master's own duals).
   * It raises the bound on large much faster; on day and week it took as many rounds or more, so
   * only the large size's workers use it.
   */
  smoothing?: number;
  /**
   * Once the peer has left (the dive has the shared rounds' loadings), adapt the smoothing weight
   * round by round: the bound worker's last rounds. Large, seed 1, rounds 7–14 priced alone after
   * 6 at 0.7: ₹87.5 cr against ₹84.7 cr at a fixed 0.7.
   */
  adaptSmoothingAlone?: boolean;
  /**
   * Loadings added per rake and round (default PATTERNS_PER_RAKE). On large 5, 10 and 20 reach the
   * same bound, and 5 keep the diving master light.
   */
  patternsPerRake?: number;
  /** Spend the MIP's share on price-and-fix diving (dive.ts) instead of the restricted master MIP. */
  dive?: boolean;
  /**
   * With `dive`: the dive's seconds at most, then the restricted master MIP over every loading
   * from the dive's plan for the rest of the share (week). Absent: the dive has the whole share (large).
   */
  diveS?: number;
  /**
   * The CPU share the run receives (pace.ts). Given, the rounds end early enough that the MIP's
   * share still gets its seconds' worth of CPU (on a busy machine the dive needs more wall time),
   * but never before `roundsMinShare` of their planned time.
   */
  cpuShare?: () => number;
  /** With `cpuShare` and `dive`: below this share the dive skips its MIP over the options (dive.ts `skipMip`). */
  diveMipMinShare?: number;
  /** With `cpuShare`: the share of their planned time the rounds keep however little CPU the run gets (default ROUNDS_MIN_SHARE). */
  roundsMinShare?: number;
  /**
   * Exchange columns between orders in the rounds (exchanges.ts), shut before the dive or the MIP.
   * Large seeds 1–3, bound-only rounds on one thread: ₹1.1–4.1 cr higher at ~27 s of CPU (bench/RESULTS.md).
   */
  exchanges?: boolean;
  /** Drop loadings idle this many master LPs in a row (Master.dropIdle); kept when absent (the restricted master MIP wants them). */
  dropIdleAfter?: number;
  /**
   * The other run on an identical master (the large size's other worker): each prices half the
   * rakes of a round while both run it; leaving ends the sharing for both.
   */
  peer?: PricingPeer;
  /** Ends the search after the dive (dive.ts `stopSearch`), leaving the rest of the time to the caller. */
  stopSearch?: () => boolean;
  /** When (Date.now() ms) the search hands over to the caller: the dive's steps and MIP end by then (dive.ts). */
  handOverAtMs?: () => number;
  /** Which dive (dive.ts `variant`): two runs sharing rounds dive differently. */
  diveVariant?: number;
  /** After each round: the bound so far. */
  onRound?: (bound: number | null, round: number) => void;
}

/**
 * Column generation over rake loadings (Dantzig–Wolfe on the rakes of the whole-horizon model).
 * Each round solves the master LP, prices every rake at its duals, or smoothed ones (knapsack
 * pricing from below, exact.ts where a loading could not be built), and adds the loadings with
 * negative reduced cost. Each round's duals give a valid lower bound, the Lagrangian one
 * (Master.lagrangianBase + Σ_r min(0, lowest reduced cost of r)); the best one is kept. At the
 * master's own duals it equals master LP + Σ_r min(0, reduced cost).
 */
export function columnGeneration(
  h: Highs,
  p: Prep,
  opts: ModelOptions,
  starts: Draft[],
  run: ColgenOptions,
): ColgenResult {
  const { deadlineMs, mipShare } = run;
  const master = new Master(p, h, opts, run.exchanges);
  for (const d of starts) master.addDraft(d);
  master.load();
  let bound: number | null = null;
  let lpObj: number | null = null;
  let it = 0;
  const peer = run.peer;
  let peerGone = false;
  let shared = 0;
  const mipS = ((deadlineMs - Date.now()) / 1000) * mipShare;
  const plannedLpEnd = deadlineMs - mipS * 1000;
  let lpDeadline = plannedLpEnd;
  const roundsFrom = Date.now();
  let status = 'time limit';
  try {
    // Pricing rounds until no rake has a cheaper loading (the bound), then the MIP over the columns.
    let center: Float64Array | null = null;
    let lpDuals: Float64Array | null = null;
    let alpha = run.smoothing ?? 0;
    let a = alpha;
    for (; Date.now() < lpDeadline && !run.shouldStop?.();) {
      if (!lpDuals) {
        const z = master.solveLp((lpDeadline - Date.now()) / 1000, run.shouldStop);
        if (z === null) {
          status = master.lpTimedOut || run.shouldStop?.() ? 'time limit' : 'master LP not solved';
          break;
        }
        lpObj = z;
        lpDuals = master.lpDuals;
        if (run.dropIdleAfter !== undefined) master.dropIdle(run.dropIdleAfter);
      }
      it++;
      // Price at duals smoothed towards the best Lagrangian point so far (Wentges): the master's
      // duals swing from round to round, the smoothed ones less, so fewer rounds reach the bound.
      const piLp = lpDuals;
      const c = center;
      // Near the end the master's own duals close the gap faster (and let exact pricing run).
      const far = bound === null || lpObj! - bound > SMOOTH_UNTIL_GAP * Math.abs(lpObj!);
      const pi: Float64Array = c && a > 0 && far ? c.map((v, i) => a * v + (1 - a) * piLp[i]!) : piLp;
      const duals = master.view(pi, false);
      let lag = master.lagrangianBase(pi);
      let improving = 0;
      const add = (pt: Pattern) => master.addPattern(pt) && master.reducedCost(pt, piLp) < -1e-3;
      // Every rake priced (half of them by the peer while it shares the rounds), then the loadings
      // added in rake order: both sides of a shared round then keep identical masters.
      const priced: Array<{ rc: number; patterns: Pattern[] } | undefined> = [];
      const sharing = peer !== undefined && !peerGone;
      const priceUntil = (mine: (i: number) => boolean): boolean => {
        for (const [i, ri] of master.rakes.entries()) {
          if (priced[i] || !mine(i)) continue;
          // A round cut short by the deadline or a stop gives no bound (its columns still count).
          if (Date.now() >= lpDeadline || run.shouldStop?.()) return false;
          const pr = priceRake(p, ri, duals, run.patternsPerRake ?? PATTERNS_PER_RAKE);
          priced[i] = { rc: pr.reducedCost, patterns: pr.patterns };
        }
        return true;
      };
      let whole = priceUntil((i) => !sharing || i % 2 === peer.me);
      if (whole && sharing) {
        const key = dualsKey(pi);
        const half = { round: it, key, rakes: priced.flatMap((x, i) => (x ? [{ i, ...x }] : [])) };
        const other = peer.exchange(half);
        if (other && other.round === it && other.key === key) {
          for (const x of other.rakes) priced[x.i] = { rc: x.rc, patterns: x.patterns };
          shared++;
        } else {
          // The peer left, or priced other duals (its master no longer ours): price alone from here.
          peer.leave();
          peerGone = true;
        }
        whole = priceUntil(() => true);
      }
      const short: Array<{ ri: RakeInfo; rc: number }> = [];
      for (const [i, ri] of master.rakes.entries()) {
        const pr = priced[i];
        if (!pr) continue;
        lag += Math.min(0, pr.rc);
        let n = 0;
        for (const pt of pr.patterns) if (add(pt)) n++;
        if (pr.rc < -1e-3 && n === 0) short.push({ ri, rc: pr.rc });
        improving += n;
      }
      // Trucks enter when they price out at the master's own duals (Master.priceTrucks).
      improving += master.priceTrucks(piLp);
      if (!whole) break;
      // Rakes whose cheapest loading could not be built (a stockyard short): their exact prices,
      // once nothing else prices out at the master's own duals.
      // A stop or the deadline cuts them short: a rake not priced exactly keeps its lower price.
      let exactCut = false;
      if (!improving && pi === piLp) {
        for (const { ri, rc } of short) {
          if (Date.now() >= lpDeadline || run.shouldStop?.()) break;
          const ex = exactRakePrice(h, p, ri, duals, { deadlineMs: lpDeadline, shouldStop: run.shouldStop });
          lag += Math.min(0, ex.reducedCost) - rc;
          if (ex.pattern && ex.reducedCost < -1e-3 && add(ex.pattern)) improving++;
        }
        exactCut = Date.now() >= lpDeadline || Boolean(run.shouldStop?.());
      }
      // Pricing alone for the bound, the weight adapts (Pessoa et al. 2018, automatic smoothing): when
      // the Lagrangian rises from the priced point towards the master's own duals, smooth less;
      // otherwise more.
      if (run.adaptSmoothingAlone && peerGone && c) {
        const picks = priced.flatMap((x) => (x && x.rc < -1e-3 && x.patterns[0] ? [x.patterns[0]] : []));
        const g = master.subgradient(pi, picks);
        let dot = 0;
        for (let i = 0; i < g.length; i++) dot += g[i]! * (piLp[i]! - c[i]!);
        alpha = dot > 0 ? Math.max(0, alpha - 0.1) : Math.min(0.99, alpha + (1 - alpha) * 0.1);
      }
      if (bound === null || lag > bound) {
        bound = lag;
        center = pi;
      }
      run.onRound?.(bound, it);
      if (lpObj! - bound <= 1e-5 * Math.abs(lpObj!)) {
        status = 'converged';
        break;
      }
      if (run.cpuShare && mipS > 0) {
        lpDeadline = roundsEnd(
          plannedLpEnd,
          deadlineMs,
          mipS,
          run.cpuShare(),
          roundsFrom + (run.roundsMinShare ?? ROUNDS_MIN_SHARE) * (plannedLpEnd - roundsFrom),
        );
        if (Date.now() >= lpDeadline) {
          status = `ended early: ${Math.round(run.cpuShare() * 100)} % of a core received`;
          break;
        }
      }
      if (improving) {
        lpDuals = null;
        a = alpha;
      } // the master changed: re-solve it
      else if (pi === piLp) {
        if (!exactCut) status = 'converged';
        break;
      } // nothing prices out at the master's own duals (or the exact prices were cut short)
      else a = a < 0.05 ? 0 : a / 2; // mispricing: the next round prices closer to the master's duals
    }
    // No more rounds here: the peer, if still pricing, goes on alone instead of waiting for us.
    peer?.leave();
    if (status === 'time limit' && run.shouldStop?.()) status = 'stopped';
    let draft: Draft | null = null;
    let mipObjective: number | null = null;
    if (mipShare > 0) master.closeExchanges();
    if (run.dive && mipShare > 0 && Date.now() < deadlineMs && !run.shouldStop?.()) {
      const diveEnd = run.diveS === undefined ? deadlineMs : Math.min(deadlineMs, Date.now() + run.diveS * 1000);
      let plan = dive(p, master, {
        deadlineMs: diveEnd,
        patternsPerRake: run.patternsPerRake ?? PATTERNS_PER_RAKE,
        shouldStop: run.shouldStop,
        stopSearch: run.stopSearch,
        handOverAtMs: run.handOverAtMs,
        variant: run.diveVariant,
        ...(run.cpuShare && run.diveMipMinShare !== undefined
          ? { skipMip: { share: run.cpuShare, min: run.diveMipMinShare } }
          : {}),
      });
      // The dive's loadings join the pool and its plan starts the MIP over all of it.
      if (plan && run.diveS !== undefined && Date.now() < deadlineMs - 500 && !run.shouldStop?.()) {
        const mip = master.solveMip((deadlineMs - Date.now()) / 1000, plan.x, run.shouldStop);
        if (mip && mip.objective < plan.objective) plan = mip;
      }
      if (plan) {
        draft = plan.draft;
        mipObjective = plan.objective;
      }
    } else if (mipShare > 0 && Date.now() < deadlineMs && !run.shouldStop?.()) {
      const mip = master.solveMip(Math.max(0.5, (deadlineMs - Date.now()) / 1000), starts[0] ?? null, run.shouldStop);
      if (mip) {
        draft = mip.draft;
        mipObjective = mip.objective;
      }
    }
    return {
      bound,
      lpObjective: lpObj,
      iterations: it,
      sharedRounds: shared,
      patterns: master.patterns.length,
      draft,
      mipObjective,
      status,
      size: master.size(),
    };
  } finally {
    peer?.leave();
    master.model?.dispose();
  }
}
