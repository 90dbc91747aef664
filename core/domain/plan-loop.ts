/**
 * The planner-in-the-loop fields of a plan (`rakeplan.plan/1`, all optional): locks, the version
 * it came from, what changed against a base plan and what stability cost. Pure types.
 */

/** One rake (or road lot) that differs from the base plan. */
export interface PlanChange {
  kind: 'rake' | 'road';
  /** Rake id, or `SY-1 2026-11-23 O-7` for a road lot. */
  id: string;
  change: 'added' | 'removed' | 'moved' | 'retimed' | 'reloaded';
  /** Before → after in the planner's words (siding, start, orders and tonnes). */
  detail: string;
  /** True when the disruption left the base decision impossible (a cancelled or late rake, a siding down, stock gone). */
  forced: boolean;
}

export interface StabilityInfo {
  /** Penalty per changed rake assignment used to choose among the candidate plans [₹]. */
  penaltyRsPerRake: number;
  /** Rakes changed against the base, and how many of those the disruption forced. */
  changedRakes: number;
  forcedRakes: number;
  /** The candidate returned: base kept with only the forced changes, the rest re-optimized around the kept rakes, or re-optimized around the locks only. */
  candidate: 'keep' | 'keep + re-optimize' | 'locks only';
  /**
   * Cost of a fresh plan of the same disrupted scenario (no base) [₹], and this plan's cost above it
   * (never below 0): the cheaper of the fresh solve and every candidate that passed, since each
   * candidate is a plan of that scenario too.
   */
  freshCost: number;
  costOfStability: number;
  /** The fresh solve's own cost when, cut short by its time limit, it came out dearer than a candidate [₹]. */
  freshSolveCost?: number;
  /** Every candidate considered: its cost, changed rakes and score (cost + penalty × changed rakes). */
  candidates: Array<{ candidate: StabilityInfo['candidate']; totalCost: number; changedRakes: number; score: number }>;
}

/** A loading point that cannot load from `from` to `to` (ISO timestamps). */
export interface SidingOutage {
  loadingPoint: string;
  from: string;
  to: string;
}

export interface PlanLoopFields {
  /** Orders whose assignment the planner locked: the rakes and road lots carrying them are kept whole on re-planning. */
  lockedOrders?: string[];
  /** Saved plan this one was made from (an edit or a re-plan), and the edits applied to it. */
  parentId?: string | null;
  edits?: number;
  /**
   * An edited plan: the total cost of the plan the optimizer or the re-planner returned, before the
   * planner's edits [₹] (its quality figures, such as the gap, are that plan's, not this one's).
   */
  solverTotalCost?: number;
  /** Against the base plan of a re-plan: what changed, and what stability cost. */
  changes?: PlanChange[];
  stability?: StabilityInfo;
  /** Siding outages the plan respects (a disruption): no loading overlaps them. */
  outages?: SidingOutage[];
}
