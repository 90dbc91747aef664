import { checkPlan, type Violation } from '../checker/check';
import type { Scenario } from '../domain/scenario';
import type { Plan, SolverInfo } from '../domain/plan';
import { namedViolations } from '../domain/violations';
import { rupees } from '../domain/figures';
import { buildPlan } from './build-plan';
import type { Deadline } from './deadline';
import type { Draft } from './draft';
import { finalPass, finalPassReserveS } from './final-pass';
import type { PhaseClock } from './phase-clock';
import type { Prep } from './prep';

/** A heuristic plan of the solve: its draft, priced plan (without explanations) and cost. */
export interface HeuristicPlan {
  draft: Draft;
  plan: Plan;
  cost: number;
}

export interface FinishResult {
  plan: Plan;
  lpText: string | null;
}

/** A plan's note for a heuristic pass (`what`) that stopped at its deadline; none when it did not. */
export function cutNote(d: Draft, what: string, timeLimitS: number): string[] {
  return d.cut
    ? [
        `The ${what} stopped at its deadline within the time limit (${timeLimitS} s): ${d.cut.orders.size.toLocaleString('en-IN')} orders it had not reached are unserved, with that reason.`,
      ]
    : [];
}

/** The first violations of a verdict, counted. */
const violationsText = (vs: readonly Violation[]): string => `${vs.length} violations: ${namedViolations(vs).text}`;

/**
 * What `optimize` returns and how: every returned plan gets the final improvement pass
 * (final-pass.ts) — a pass whose plan the checker refused (it never should) is dropped, named in
 * the notes — and is priced, explained and checked. A solver plan is returned only when the
 * checker passes it and it is no dearer than the heuristic plans; otherwise the cheaper checked
 * heuristic plan, with why.
 */
export class PlanFinisher {
  /** Where the final pass must end [s from the start]: the limit, less what pricing and checking its plan take. */
  passEndS: number;
  private readonly verdicts = new WeakMap<Plan, ReturnType<typeof checkPlan>>();
  /**
   * The pass already run on a decomposed solve's plan while its bound worker priced on, and the
   * plan built and checked from it: only its solver figures are still to come (`prebuild`).
   */
  private passed: { draft: Draft; fp: ReturnType<typeof finalPass>; plan?: Plan } | null = null;

  constructor(
    private readonly sc: Scenario,
    private readonly p: Prep,
    private readonly clock: PhaseClock,
    private readonly gapLimit: number,
    private readonly rb: HeuristicPlan,
    /** The greedy warm start; cost Infinity when it was not run. */
    private readonly greedy: HeuristicPlan,
  ) {
    this.passEndS = clock.timeLimitS - 0.25;
  }

  /** The plan built by `prebuild`, if any. */
  get prebuilt(): Plan | undefined {
    return this.passed?.plan;
  }

  /** The plan's checker verdict; each plan is checked once (its solver figures are no input of the checker). */
  check(plan: Plan): ReturnType<typeof checkPlan> {
    const v = this.verdicts.get(plan) ?? checkPlan(this.sc, plan);
    this.verdicts.set(plan, v);
    return v;
  }

  /** The final improvement pass on a plan, to `passEndS`. */
  private runPass(d: Draft): ReturnType<typeof finalPass> {
    const endDeadline: Deadline = this.clock.after(this.passEndS);
    // A solver that overran its share still leaves the pass a little time: it never is skipped.
    const fp = finalPass(this.p, d, {
      ...endDeadline,
      atMs: Math.max(endDeadline.atMs, performance.now() + 300 * finalPassReserveS(this.clock.timeLimitS)),
    });
    this.clock.done('final improvement pass', endDeadline, !fp.info.complete);
    return fp;
  }

  /**
   * The pass, pricing and checking of the plan a decomposed solve returns, done while its bound
   * worker prices on; `finished` later fills in its solver figures only.
   */
  prebuild(draft: Draft, objective: number | null): void {
    this.passed = { draft, fp: this.runPass(draft) };
    const provisional: SolverInfo = {
      method: 'milp (decomposed)',
      status: '',
      objective,
      bound: null,
      gap: null,
      seconds: 0,
    };
    this.passed.plan = this.finished(draft, provisional, []);
    this.check(this.passed.plan);
    this.clock.done('pricing and checking');
  }

  /** The plan of a draft after the final pass, priced and explained; the pass dropped if the checker refuses it. */
  finished(d: Draft, solver: SolverInfo, notes: string[]): Plan {
    const passed = this.passed;
    if (passed?.plan && passed.draft === d && notes.length === 0) {
      const { finalPass: fpInfo } = passed.plan.solver;
      passed.plan.solver = { ...solver, ...(fpInfo ? { finalPass: fpInfo } : {}) };
      return passed.plan;
    }
    const fp = passed?.draft === d ? passed.fp : this.runPass(d);
    const plan = buildPlan(this.p, fp.draft, { ...solver, finalPass: fp.info }, this.rb.cost, [...notes, ...fp.notes]);
    const moved = Object.values(fp.info.moves).reduce((n, k) => n + (k ?? 0), 0);
    if (moved === 0 || this.check(plan).ok) return plan;
    return buildPlan(this.p, d, solver, this.rb.cost, [
      ...notes,
      'The final improvement pass was dropped: its plan failed the checker.',
    ]);
  }

  /** The greedy plan beats the rule-based one by more than rounding. */
  private get greedyCheaper(): boolean {
    return this.greedy.cost < this.rb.cost - 0.5;
  }

  /**
   * The solver gave no usable plan: the cheaper checked heuristic plan comes back, not the
   * rule-based one when the greedy warm start beats it (a starved solve often ends here).
   */
  fallback(reason: string, extra: Partial<SolverInfo> = {}, lpText: string | null = null): FinishResult {
    const greedy = this.greedyCheaper && this.check(this.greedy.plan).ok;
    const info: SolverInfo = {
      method: greedy ? 'greedy heuristic' : 'rule-based fallback',
      status: extra.status ?? 'no solver plan',
      objective: null,
      bound: null,
      gap: null,
      ...extra,
      seconds: this.clock.elapsed(),
      fallbackReason: reason,
      timeLimitS: this.clock.timeLimitS,
      gapLimit: this.gapLimit,
      phases: this.clock.phases,
    };
    const plan = greedy
      ? this.finished(this.greedy.draft, info, [`Greedy plan (the solver's warm start) returned: ${reason}.`])
      : this.finished(this.rb.draft, info, [
          `Rule-based plan returned: ${reason}.`,
          ...cutNote(this.rb.draft, 'rule-based pass', this.clock.timeLimitS),
        ]);
    // The last resort is checked too: a planner is told, never handed a plan that breaks a rule unawares.
    const verdict = greedy ? null : this.check(plan);
    if (verdict && !verdict.ok)
      plan.notes.push(`The rule-based plan also fails the checker: ${violationsText(verdict.violations)}.`);
    return { plan, lpText };
  }

  /** The solver was not run: the heuristic plans are already priced, only their solver info and notes change. */
  heuristicOnly(why: string): FinishResult {
    const info = {
      objective: null,
      bound: null,
      gap: null,
      timeLimitS: this.clock.timeLimitS,
      gapLimit: this.gapLimit,
      phases: this.clock.phases,
    };
    if (this.greedyCheaper && !this.check(this.greedy.plan).ok) return this.fallback(why, { status: why });
    const plan = this.greedyCheaper
      ? this.finished(this.greedy.draft, { ...info, method: 'greedy heuristic', status: why, seconds: 0 }, [
          `Greedy plan returned (${why}).`,
          ...cutNote(this.greedy.draft, 'greedy pass', this.clock.timeLimitS),
        ])
      : this.finished(
          this.rb.draft,
          { ...info, method: 'rule-based fallback', status: why, seconds: 0, fallbackReason: why },
          [`Rule-based plan returned: ${why}.`, ...cutNote(this.rb.draft, 'rule-based pass', this.clock.timeLimitS)],
        );
    this.clock.done('pricing and checking');
    plan.solver.seconds = this.clock.elapsed();
    return { plan, lpText: null };
  }

  /**
   * The solver's plan, returned when the checker passes it and no heuristic plan is cheaper;
   * otherwise the cheaper heuristic plan, keeping what the solver reached in its status.
   */
  accept(draft: Draft, info: SolverInfo, lpText: string | null): FinishResult {
    const { clock } = this;
    if (!this.prebuilt) clock.done('solver', clock.share(1), Boolean(info.stoppedEarly));
    const full = { timeLimitS: clock.timeLimitS, gapLimit: this.gapLimit, phases: clock.phases };
    const plan = this.finished(draft, { ...info, seconds: clock.elapsed(), ...full }, []);
    const verdict = this.check(plan);
    const solverFigures: Partial<SolverInfo> = {
      status: info.status,
      objective: info.objective,
      bound: info.bound,
      gap: info.gap,
      model: info.model,
      stoppedEarly: info.stoppedEarly,
    };
    if (!verdict.ok) {
      return this.fallback(
        `the solver's plan failed the checker (${violationsText(verdict.violations)})`,
        solverFigures,
        lpText,
      );
    }
    if (this.greedy.cost < Math.min(plan.summary.totalCost, this.rb.cost) - 0.5) {
      const gPlan = this.finished(
        this.greedy.draft,
        { ...info, method: 'greedy heuristic', seconds: clock.elapsed(), ...full },
        [
          `The solver's best plan (${rupees(plan.summary.totalCost)}) did not beat its greedy warm start; the greedy plan is returned.`,
        ],
      );
      if (this.check(gPlan).ok) {
        clock.done('pricing and checking');
        gPlan.solver.seconds = clock.elapsed();
        return { plan: gPlan, lpText };
      }
    }
    if (plan.summary.totalCost > this.rb.cost + 0.5) {
      return this.fallback(
        `the solver's best plan (${rupees(plan.summary.totalCost)}) was dearer than the rule-based plan in the time allowed`,
        solverFigures,
        lpText,
      );
    }
    if (plan !== this.prebuilt) clock.done('pricing and checking');
    plan.solver.seconds = clock.elapsed();
    return { plan, lpText };
  }
}
