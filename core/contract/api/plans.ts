import { z } from 'zod';
import { defineCall } from '../define';
import type { Plan } from '../../domain/plan';
import type { Violation } from '../../domain/violations';

/** Dispatch plans: solve (with progress, soft stop and hard cancel), store, compare, export. */
export interface PlanListItem {
  id: string;
  name: string;
  scenarioId: string | null;
  scenarioName: string;
  scenarioHash: string;
  createdAt: string;
  method: Plan['solver']['method'];
  status: string;
  gap: number | null;
  seconds: number;
  totalCost: number;
  ruleBasedCost: number;
  saving: number;
  savingPct: number;
  /** The plan this one was made from (an edit or a re-plan), its version number (1 = optimizer's), and when it was issued. */
  parentId?: string | null;
  version?: number;
  issuedAt?: string | null;
}

export interface SolveProgressEvent {
  phase: 'rule-based' | 'building' | 'solving' | 'checking';
  /** Best plan so far [₹] (model objective while solving). */
  incumbent: number | null;
  bound: number | null;
  gap: number | null;
  elapsedS: number;
  subproblem?: string;
}

export interface PlanComparison {
  a: PlanListItem;
  b: PlanListItem;
  /**
   * Per KPI and cost category: a, b and b − a; `better` says which direction is better for the
   * plant (null: neither by itself) and `verdict` judges B against A by it.
   */
  rows: {
    key: string;
    label: string;
    unit: string;
    a: number;
    b: number;
    diff: number;
    better: 'lower' | 'higher' | null;
    verdict: 'better' | 'worse' | 'same' | 'neutral';
  }[];
}

export interface PlanCheckResult {
  ok: boolean;
  violations: Violation[];
  recomputedTotalCost: number;
}

const id = z.string().trim().min(1, 'must not be empty').max(64);

export const plansContract = {
  'plans.solve': defineCall(
    z
      .object({
        /** A saved scenario (scenarios.*), or an inline `rakeplan.scenario/1` object. */
        scenarioId: id.optional(),
        scenario: z.unknown().optional(),
        /** Client-chosen handle for `plans.stop`. */
        solveId: id.optional(),
        name: z.string().trim().min(1).max(200).optional(),
        timeLimitS: z.number().min(1, 'must be ≥ 1 s').max(3600, 'must be ≤ 3600 s').default(30),
        gap: z.number().min(0, 'must be ≥ 0').max(0.5, 'must be ≤ 0.5 (50 %)').default(0.005),
        ruleBasedOnly: z.boolean().default(false),
        /** Plan with every rail transit at its P90 forecast instead of P50 (core/forecasts/plan-risk.ts). */
        robust: z.boolean().default(false),
      })
      .strict()
      .refine((p) => (p.scenarioId === undefined) !== (p.scenario === undefined), {
        message: 'give exactly one of scenarioId or scenario',
        path: ['scenarioId'],
      }),
  )
    .returns<{ id: string; plan: Plan }>()
    .withProgress<SolveProgressEvent>(),
  'plans.stop': defineCall(z.object({ solveId: id }).strict()).returns<{ stopping: boolean }>(),
  /** The solves running now, from any window: a window opened mid-solve learns of them here. */
  'plans.running': defineCall(z.object({}).strict()).returns<{ solves: RunningSolve[] }>(),
  'plans.list': defineCall(
    z.object({ scenarioId: id.optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
  ).returns<PlanListItem[]>(),
  /**
   * With the checker's verdict on the saved version once the host has computed it (plans.check,
   * kept by the host: a saved version never changes).
   */
  'plans.get': defineCall(z.object({ id }).strict()).returns<{
    item: PlanListItem;
    plan: Plan;
    check?: PlanCheckResult;
  }>(),
  'plans.delete': defineCall(z.object({ id }).strict()).returns<{ deleted: true }>(),
  'plans.compare': defineCall(z.object({ a: id, b: id }).strict()).returns<PlanComparison>(),
  'plans.check': defineCall(z.object({ id }).strict()).returns<PlanCheckResult>(),
  'plans.export': defineCall(
    z
      .object({
        id,
        format: z.enum(['xlsx', 'csv', 'json', 'lp']),
        table: z.enum(['rakes', 'road', 'unserved', 'summary', 'production']).default('rakes'),
      })
      .strict(),
  ).returns<{ fileName: string; mimeType: string; base64: string }>(),
};

export interface RunningSolve {
  solveId: string;
  scenarioId: string | null;
}

export interface PlansEvents {
  /** A saved plan was added (solve, edit saved as a version, re-plan), issued or deleted: every window's list follows. */
  'plans.changed': { id: string; scenarioId: string | null; kind: 'saved' | 'issued' | 'deleted' };
  /** A solve started or ended, in any window: a window shows that its scenario is being optimized elsewhere. */
  'plans.solving': { solveId: string; scenarioId: string | null; running: boolean };
}
