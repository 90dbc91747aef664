import { describe, expect, it } from 'vitest';
import { checkPlan } from '../checker/check';
import type { SolverInfo } from '../domain/plan';
import { tiny } from './__fixtures__/tiny';
import { buildPlan } from './build-plan';
import type { Draft } from './draft';
import { PlanFinisher, type HeuristicPlan } from './finish';
import { greedyDraft } from './greedy';
import { PhaseClock } from './phase-clock';
import { prepare } from './prep';
import { ruleBasedDraft } from './rule-based';

const solverInfo: SolverInfo = { method: 'milp', status: 'optimal', objective: 1, bound: 1, gap: 0, seconds: 0 };

/** The tiny plant's heuristic plans, priced as `optimize` prices them, and a finisher over them. */
function setUp(costs: { rb?: number; greedy?: number } = {}) {
  const sc = tiny();
  const p = prepare(sc);
  const priced = (draft: Draft, cost?: number): HeuristicPlan => {
    const plan = buildPlan(p, draft, { ...solverInfo, method: 'rule-based' }, null, [], { explain: false });
    return { draft, plan, cost: cost ?? plan.summary.totalCost };
  };
  const rb = priced(ruleBasedDraft(p), costs.rb);
  const greedy = priced(greedyDraft(p), costs.greedy);
  const clock = new PhaseClock(5);
  return { sc, p, rb, greedy, clock, fin: new PlanFinisher(sc, p, clock, 0.005, rb, greedy) };
}

describe('PlanFinisher: which plan is returned', () => {
  it("returns the solver's plan after the final pass, checked, with its phases timed", () => {
    const { sc, rb, fin, clock } = setUp({ greedy: Infinity });
    const { plan } = fin.accept(rb.draft, solverInfo, null);
    expect(plan.solver.method).toBe('milp');
    expect(plan.solver.finalPass).toBeDefined();
    expect(checkPlan(sc, plan).ok).toBe(true);
    expect(plan.summary.totalCost).toBeLessThanOrEqual(rb.plan.summary.totalCost + 0.5);
    expect(clock.phases.map((ph) => ph.phase)).toEqual(['solver', 'final improvement pass', 'pricing and checking']);
  });

  it('returns the checked rule-based plan, saying why, when the solver plan breaks a rule', () => {
    const { sc, rb, fin } = setUp({ greedy: Infinity });
    // A road lot beyond its stockyard's road capacity (200 t a day) and its order's quantity.
    const lot = { orderId: sc.orders[0]!.id, stockyard: 'SY-2', day: 0, tonnes: 5000 };
    const broken: Draft = { rakes: rb.draft.rakes, road: [...rb.draft.road, lot] };
    const { plan } = fin.accept(broken, solverInfo, null);
    expect(plan.solver.method).toBe('rule-based fallback');
    expect(plan.solver.fallbackReason).toMatch(/^the solver's plan failed the checker \(\d+ violations: /);
    expect(plan.solver.objective).toBe(1); // what the solver reached is kept
    expect(checkPlan(sc, plan).ok).toBe(true);
  });

  it("returns the greedy warm start when the solver's plan does not beat it", () => {
    // The solver's plan is the rule-based one; the greedy plan's price is below any plan's.
    const { sc, rb, fin } = setUp({ greedy: -1e9 });
    const { plan } = fin.accept(rb.draft, solverInfo, null);
    expect(plan.solver.method).toBe('greedy heuristic');
    expect(plan.notes.join(' ')).toMatch(/did not beat its greedy warm start; the greedy plan is returned/);
    expect(plan.solver.finalPass).toBeDefined();
    expect(checkPlan(sc, plan).ok).toBe(true);
  });

  it('falls back to the rule-based plan when the solver plan is dearer', () => {
    // A rule-based plan priced at ₹0 makes any solver plan dearer; no greedy plan was made.
    const { fin } = setUp({ rb: 0, greedy: Infinity });
    const { plan } = fin.accept({ rakes: [], road: [] }, solverInfo, 'lp text');
    expect(plan.solver.method).toBe('rule-based fallback');
    expect(plan.solver.fallbackReason).toMatch(/dearer than the rule-based plan in the time allowed$/);
    expect(plan.notes[0]).toMatch(/^Rule-based plan returned: the solver's best plan \(₹/);
  });

  it('names a skipped solver and returns the cheaper heuristic plan, priced and explained', () => {
    const { rb, greedy, fin, clock } = setUp();
    const { plan, lpText } = fin.heuristicOnly('solver skipped: test');
    const greedyWins = greedy.cost < rb.cost - 0.5;
    expect(plan.solver.method).toBe(greedyWins ? 'greedy heuristic' : 'rule-based fallback');
    expect(plan.solver.status).toBe('solver skipped: test');
    expect(lpText).toBeNull();
    expect(clock.phases.at(-1)!.phase).toBe('pricing and checking');
  });
});
