import { describe, expect, it } from 'vitest';
import type { Plan } from '../domain/plan';
import type { Scenario } from '../domain/scenario';
import { at, violation } from '../domain/violations';
import { tiny } from '../optimizer/__fixtures__/tiny';
import { ruleBasedPlan } from '../optimizer/rule-based-plan';
import { DisruptionError } from './disruptions';
import { noCandidatePassed } from './replan-verdict';
import { replan, type SolveFn } from './replan';

// The rule-based plan of the tiny plant, with R-1 (O-1 600 t and O-3 100 t to HWH) locked. The
// rule-based planner stands in for the optimizer: these properties hold for any solve.
const sc = tiny();
const lockR1 = (p: Plan): Plan => ({
  ...p,
  rakes: p.rakes.map((r) => (r.rakeId === 'R-1' ? { ...r, locked: true } : r)),
});
const base = lockR1(ruleBasedPlan(sc));

describe('re-plan verdicts', () => {
  it('measures stability against the cheapest plan known, and says when the fresh solve was dearer', async () => {
    // The fresh solve is the only one that sees every rake (the others plan around the locked R-1);
    // cut short, it ships nothing by rail.
    const cutShort: Plan = ruleBasedPlan({ ...sc, rakes: [] });
    const solve: SolveFn = async (s: Scenario) => (s.rakes.length === sc.rakes.length ? cutShort : ruleBasedPlan(s));
    const out = await replan(sc, base, { stabilityRs: 0 }, solve);
    const st = out.stability!;
    const passed = st.candidates.filter((c) => Number.isFinite(c.score)).map((c) => c.totalCost);
    expect(passed.length).toBeGreaterThan(0);
    expect(st.freshSolveCost).toBeGreaterThan(Math.min(...passed));
    expect(st.freshCost).toBe(Math.min(...passed));
    expect(st.costOfStability).toBeGreaterThanOrEqual(0);
    expect(st.costOfStability).toBeCloseTo(out.summary.totalCost - st.freshCost, 2);

    // A fresh solve at least as good as every candidate is the yardstick itself, and nothing is said.
    const good = await replan(sc, base, { stabilityRs: 0 }, async (s) => ruleBasedPlan(s));
    expect(good.stability!.freshSolveCost).toBeUndefined();
    expect(good.stability!.freshCost).toBeLessThanOrEqual(
      Math.min(...good.stability!.candidates.map((c) => c.totalCost)),
    );
  });

  it('names the rules broken and the locked rake behind them when no candidate passes', async () => {
    // O-3 is cut to 60 t after R-1, which carries 100 t of it, was locked: every candidate keeps R-1.
    const reduced = tiny((s) => {
      s.orders.find((o) => o.id === 'O-3')!.quantityT = 60;
    });
    const run = replan(reduced, base, {}, async (s) => ruleBasedPlan(s));
    await expect(run).rejects.toBeInstanceOf(DisruptionError);
    await expect(run).rejects.toThrow(
      /^no re-planned candidate passes the checker; the closest \(keep\) breaks rule 2 — order O-3: 100 t shipped exceeds the 60 t ordered; /,
    );
    await expect(run).rejects.toThrow(
      /Likely cause, kept as it is by the re-plan: rake R-1 is locked \(it carries O-1, O-3\) — unlock it first$/,
    );
  });

  it('names an order lock as the cause through the rake it keeps', async () => {
    const reduced = tiny((s) => {
      s.orders.find((o) => o.id === 'O-3')!.quantityT = 60;
    });
    const byOrder: Plan = { ...ruleBasedPlan(sc), lockedOrders: ['O-3'] };
    await expect(replan(reduced, byOrder, {}, async (s) => ruleBasedPlan(s))).rejects.toThrow(
      /Likely cause, kept as it is by the re-plan: rake R-1 carries order O-3, which is locked — unlock it first$/,
    );
  });

  it('gives no unlock advice for violations of no kept decision, nor for a rake kept because it started', () => {
    const r1 = base.rakes.find((r) => r.rakeId === 'R-1')!;
    const judged = [
      { candidate: 'keep' as const, plan: base, violations: [violation(2, at.order('O-2'), 'unsplittable-part')] },
      {
        candidate: 'locks only' as const,
        plan: base,
        violations: [1, 2, 3, 4, 5].map((i) =>
          violation(6, at.road('SY-1', `2026-11-2${i}`), 'dispatch-outside-horizon'),
        ),
      },
    ];
    const unrelated = noCandidatePassed(judged, { rakes: [r1], road: [] }, []).message;
    expect(unrelated).toBe(
      'no re-planned candidate passes the checker; the closest (keep) breaks rule 2 — order O-2: may not be split but only part of it ships',
    );
    const started = noCandidatePassed(
      [{ ...judged[1]!, violations: [...judged[1]!.violations, violation(3, at.rake('R-1'), 'rake-twice')] }],
      { rakes: [{ ...r1, locked: false }], road: [] },
      [],
    ).message;
    expect(started).toMatch(/breaks rule 6 — road SY-1 2026-11-21: dispatch is outside the horizon; .* and 3 more\. /);
    expect(started).toMatch(/Likely cause, kept as it is by the re-plan: rake R-1 started loading before now$/);
  });

  it('carries the refusal as data: its reason, the violations named and the kept decisions behind them', () => {
    const r1 = { ...base.rakes.find((r) => r.rakeId === 'R-1')!, locked: true };
    // R-1 is named only among a siding's rakes, not as the place: still its cause.
    const held = violation(5, [{ kind: 'loadingPoint', id: 'LP-1' }], 'siding-over-capacity', {
      n: 2,
      rakes: ['R-1', 'R-3'],
      max: 1,
    });
    const vs = [held, ...[1, 2, 3].map((i) => violation(2, at.order(`O-${i}`), 'unsplittable-part'))];
    const err = noCandidatePassed(
      [{ candidate: 'locks only', plan: base, violations: vs }],
      { rakes: [r1], road: [] },
      [],
    );
    expect(err.detail).toEqual({
      reason: { code: 'replan-no-candidate', params: { candidate: 'locks only', more: 1 } },
      violations: vs.slice(0, 3),
      causes: [{ code: 'kept-rake-locked', params: { rake: 'R-1', orders: r1.lines.map((l) => l.order) } }],
    });
    expect(err.message).toContain('holds 2 rakes at once (R-1, R-3), limit 1');
    expect(err.message).toMatch(
      /and 1 more\. Likely cause, kept as it is by the re-plan: rake R-1 is locked \(it carries .*\) — unlock it first$/,
    );
  });

  it('reads the ids a violation names from its list whole, though an id holds a comma', () => {
    const locked = (rakeId: string) => ({ ...base.rakes.find((r) => r.rakeId === 'R-1')!, rakeId, locked: true });
    // Rakes "R-1, west" and "west" are both kept; only the first is among the siding's rakes.
    const held = violation(5, [{ kind: 'loadingPoint', id: 'LP-1' }], 'siding-over-capacity', {
      n: 2,
      rakes: ['R-1, west', 'R-3'],
      max: 1,
    });
    const err = noCandidatePassed(
      [{ candidate: 'keep', plan: base, violations: [held] }],
      { rakes: [locked('R-1, west'), locked('west')], road: [] },
      [],
    );
    expect(err.detail?.causes?.map((c) => c.params.rake)).toEqual(['R-1, west']);
    expect(err.message).toContain('holds 2 rakes at once (R-1, west, R-3), limit 1');
    expect(err.message).toMatch(/Likely cause, kept as it is by the re-plan: rake R-1, west is locked \(it carries /);
  });
});
