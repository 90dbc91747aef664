/**
 * The plan result (`rakeplan.plan/1`): what the planner sees and exports, and what the checker
 * verifies. Pure types — the checker imports only this file from core/optimizer. Times are ISO
 * timestamps in the horizon's zone; tonnes [t], money [₹], hours [h].
 */
import type { SolverStages } from './solver-stages';

import type { InputSource } from './input-sources';
import type { PlanLoopFields } from './plan-loop';

export const PLAN_FORMAT = 'rakeplan.plan/1';

/** Tonnes of one order drawn from one stockyard for one rake. */
export interface SourceDraw {
  stockyard: string;
  tonnes: number;
}

/** One order's share of a rake: its wagons, tonnes by stockyard, arrival and lateness. */
export interface RakeLine {
  order: string;
  product: string;
  destination: string;
  wagons: number;
  tonnes: number;
  sources: SourceDraw[];
  eta: string;
  /** Whole days late ("per day or part of a day"), 0 when on time. */
  lateDays: number;
  latenessRs: number;
  /** Probability [0–1] this order's tonnes arrive by its due date (plan-risk.ts); optional. */
  onTimeP?: number;
}

export interface PlannedRake {
  rakeId: string;
  wagonType: string;
  /** Wagons in the rake as placed; `wagonsUsed` of them carry load. */
  wagons: number;
  wagonsUsed: number;
  capacityT: number;
  loadT: number;
  /** loadT ÷ capacityT, 0–1. */
  utilisation: number;
  placement: string;
  loadingPoint: string;
  loadingStart: string;
  loadingEnd: string;
  destinations: string[];
  lines: RakeLine[];
  railFreightRs: number;
  idleFreightRs: number;
  twoPointRs: number;
  demurrageRs: number;
  loadingRs: number;
  /** The lowest onTimeP of its lines [0–1]; optional. */
  onTimeP?: number;
  /** Kept exactly on re-planning (docs/plan-format.md, "Locks"). */
  locked?: boolean;
}

/** Trucks from one stockyard on one day for one order. */
export interface RoadShipment {
  order: string;
  product: string;
  destination: string;
  stockyard: string;
  /** Local date (YYYY-MM-DD) of the dispatch day; trucks leave at `dispatch`. */
  date: string;
  dispatch: string;
  tonnes: number;
  trucks: number;
  freightRs: number;
  eta: string;
  lateDays: number;
  latenessRs: number;
  /** Kept exactly on re-planning. */
  locked?: boolean;
}

export interface UnservedLine {
  order: string;
  product: string;
  destination: string;
  priority: 1 | 2 | 3;
  tonnes: number;
  penaltyRs: number;
  /**
   * Freight these tonnes will still cost when shipped after the horizon [₹]: tonnes × the cheapest
   * rate of the modes the order allows and the plant can serve (0 when none). See plan-format.md.
   */
  deferredFreightRs: number;
  /** Why, in the planner's words: which rule blocks this tonnage. */
  reason: string;
  /** The reason as a code (see plan-format.md); absent on plans written before codes existed. */
  reasonCode?: UnservedReasonCode;
  /** The figures the reason was derived from. */
  figures?: UnservedFigures;
}

export type UnservedReasonCode =
  | 'unknown-product'
  | 'unknown-destination'
  | 'no-inventory'
  | 'not-reached'
  | 'stock-used-up'
  | 'unsplittable-short-stock'
  | 'dearer-than-leaving'
  | 'cheaper-option-left'
  | 'no-compatible-rake'
  | 'no-reachable-stock'
  | 'too-big-for-rake'
  | 'no-siding-slot'
  | 'late-costs-more'
  | 'no-whole-rake'
  | 'rakes-busy'
  | 'no-road'
  | 'road-capacity-used'
  | 'unsplittable-no-road-lot'
  | 'not-shipped';

/** What an unserved reason was computed from [₹/t, t]. */
export interface UnservedFigures {
  /** What leaving a tonne costs: penalty + deferred freight. */
  leaveRsPerT?: number;
  penaltyRsPerT?: number;
  deferredFreightRsPerT?: number;
  /** Usable stock of the product left at all stockyards after the plan. */
  stockLeftT?: number;
  /** The cheapest rail option on the plan as it stands: idle wagons of a used rake, or a whole idle rake (with its other tonnes). */
  cheapestRail?: { how: 'fill' | 'rake'; rakeId: string; tonnes: number; rsPerT: number; leaveRsPerT: number };
  /** The cheapest road lot on the plan as it stands (lane rate + lateness). */
  cheapestRoad?: { stockyard: string; date: string; tonnes: number; rsPerT: number };
  /** The rules that block a mode for these tonnes, in the order the text names them. */
  blocks?: UnservedReasonCode[];
  /**
   * With a rail block that names them (`rakes-busy`, and the blocks after it): the rakes whose
   * wagons may carry the product and reach its stock that load others, and how many of them load
   * for this destination.
   */
  rakesBusy?: { compatible: number; wagonTypes: string[]; loadingForDestination: number };
  /** With `no-siding-slot`: the idle rakes that may carry the product and reach its stock (none finds a slot). */
  idleRakes?: { count: number; wagonTypes: string[] };
}

/** A rake placed in the horizon that the plan leaves idle, and why. */
export interface IdleRake {
  rakeId: string;
  wagonType: string;
  placement: string;
  reasonCode: 'no-siding' | 'no-siding-slot' | 'no-demand' | 'dearer-than-leaving' | 'cheaper-option-left';
  reason: string;
  /**
   * Its best whole load: destination (and the second of a two-point load), siding, tonnes, what
   * the rake would cost and what leaving those tonnes costs [₹].
   */
  figures?: {
    destination: string;
    secondDestination?: string;
    loadingPoint: string;
    tonnes: number;
    rakeCostRs: number;
    leaveRs: number;
  };
}

/** What to produce next: tonnes per product and the date they are needed by. */
export interface ProductionSuggestion {
  product: string;
  tonnes: number;
  neededBy: string;
  because: string;
}

export interface CostBreakdown {
  railFreightRs: number;
  idleFreightRs: number;
  twoPointRs: number;
  roadFreightRs: number;
  demurrageRs: number;
  loadingRs: number;
  latenessRs: number;
  unservedRs: number;
  /** Deferred freight: Σ unserved[].deferredFreightRs — freight paid later for tonnes not shipped now. */
  deferredFreightRs: number;
}

export interface PlanSummary {
  costs: CostBreakdown;
  totalCost: number;
  ruleBasedCost: number;
  /** ruleBasedCost − totalCost [₹] and as a share of ruleBasedCost [%]. */
  saving: number;
  savingPct: number;
  orderedT: number;
  railT: number;
  roadT: number;
  unservedT: number;
  /** totalCost ÷ shipped tonnes [₹/t] (0 when nothing ships). */
  costPerT: number;
  rakesUsed: number;
  /** Mean of loadT ÷ capacityT over used rakes [0–1]. */
  avgUtilisation: number;
  /** Share of shipped tonnes delivered by their due date [0–1]. */
  onTimeShare: number;
  /** Lateness cost [₹] if every rail transit takes its P50 / P90 forecast (road as planned); optional. */
  expectedLatenessP50Rs?: number;
  expectedLatenessP90Rs?: number;
}

/**
 * `greedy heuristic`: the MILP's warm start (economic greedy rake formation) was cheaper than
 * anything the solver returned in time; it passed the checker like every returned plan.
 * `re-plan (…)`: a re-plan, named by the candidate returned (plan-loop.ts `StabilityInfo`); the
 * rest of its solver info is that candidate's solve of the decisions it did not keep.
 */
export type SolverMethod =
  | 'milp'
  | 'milp (decomposed)'
  | 'greedy heuristic'
  | 'rule-based'
  | 'rule-based fallback'
  | 're-plan (keep)'
  | 're-plan (keep + re-optimize)'
  | 're-plan (locks only)';

export interface SolverInfo {
  method: SolverMethod;
  /** HiGHS model status text, or `rule-based`. */
  status: string;
  /** Objective of the exported LP model at the returned solution [₹]; null for rule-based. */
  objective: number | null;
  /** Proven lower bound of that model [₹]; null when unknown. */
  bound: number | null;
  /** Relative gap (objective − bound) / objective; null when unknown. */
  gap: number | null;
  /** Seconds the optimizer took, from its start to the priced and checked plan. */
  seconds: number;
  /**
   * Wall-clock seconds from the request to the saved plan: the optimizer's `seconds` plus waiting
   * for a free solver, risk and production forecasts, and saving (absent on older plans and on
   * plans not made by plans.solve).
   */
  wallSeconds?: number;
  /** Set when the rule-based plan was returned instead of the solver's: why. */
  fallbackReason?: string;
  /** Whether the planner asked to stop early and the best plan so far was kept. */
  stoppedEarly?: boolean;
  model?: { columns: number; integers: number; rows: number; nonzeros: number; subproblems: number };
  /** Reductions applied before solving, each with its effect, for the benchmark and the docs. */
  reductions?: string[];
  timeLimitS?: number;
  gapLimit?: number;
  /**
   * Where the time went, phase by phase, and which phase stopped at its deadline (the plan it
   * had then was kept): `prepare`, `rule-based`, `pricing the rule-based plan`, `greedy`, `pricing the greedy plan`, `solver`, `final improvement pass`,
   * `pricing and checking`, and at the large size `the bound worker's last rounds` (after the checks).
   */
  phases?: PhaseTime[];
  stages?: SolverStages;
  /** The final improvement pass on the returned plan (absent when it did not run). */
  finalPass?: FinalPassInfo;
}

/** What the final improvement pass did: improving single moves applied by kind, and what they saved. */
export interface FinalPassInfo {
  /** `reform`: part-empty rakes given new loads (absent on plans made before the pass re-formed rakes). */
  moves: { road: number; rake: number; fill: number; move: number; reform?: number };
  savedRs: number;
  /** True when its last sweep found no improving single move (and no re-form after it); false when it stopped at the time limit. */
  complete: boolean;
  seconds: number;
}

export interface PhaseTime {
  phase: string;
  /** Wall-clock seconds the phase took. */
  seconds: number;
  /** The phase's deadline [s from the start of the solve]; absent when it had none of its own. */
  deadlineS?: number;
  /** It stopped at its deadline with what it had planned (orders not reached are unserved, with that reason). */
  stoppedAtDeadline: boolean;
}

export interface Plan extends PlanLoopFields {
  format: typeof PLAN_FORMAT;
  scenario: { name: string; hash: string; horizonStart: string; horizonDays: number };
  createdAt: string;
  rakes: PlannedRake[];
  road: RoadShipment[];
  unserved: UnservedLine[];
  production: ProductionSuggestion[];
  /** Rakes placed in the horizon and left idle, each with its reason (absent on older plans). */
  idleRakes?: IdleRake[];
  summary: PlanSummary;
  solver: SolverInfo;
  /** Plain-language notes: fallbacks, assumptions, what blocks everything. */
  notes: string[];
  /** Optional: how the inputs were taken (normal = P50 transit, robust = P90) and the risk basis. */
  planning?: PlanningInfo;
  /** Optional: the scenario's `sources` table: which model version, baseline or default gave each input. */
  inputSources?: InputSource[];
}

export interface PlanningInfo {
  mode: 'normal' | 'robust';
  /** Per destination: the transit quantiles [h] the risk figures use, and where they came from. */
  transit: { destination: string; p10H: number; p50H: number; p90H: number; basis: string }[];
}
