import { describe, expect, it } from 'vitest';
import { checkPlan } from '../checker/check';
import type { Scenario } from '../domain/scenario';
import { generateScenario } from '../synth/scenario';
import { order, tiny } from './__fixtures__/tiny';
import { buildPlan } from './build-plan';
import { lineTonnes, type Draft } from './draft';
import { greedyDraft } from './greedy';
import { improveDraft } from './improve';
import { applyMove } from './moves';
import { rakeMove, reformMove } from './rake-moves';
import { wagonsOf } from './rake-lines';
import { PlanState } from './plan-state';
import { prepare, type Prep } from './prep';

/**
 * Re-forming a used rake (rake-moves.ts reformMove) is priced here by the independent checker: the
 * move's claimed saving must be what the checker's recomputed cost of the plan drops by.
 */
const info = { method: 'greedy heuristic' as const, status: '', objective: null, bound: null, gap: null, seconds: 0 };
/** ₹: plan tonnes are rounded to the kilogram, so two prices of one plan may differ by a rupee. */
const EPS_RS = 5;

function checked(sc: Scenario, p: Prep, d: Draft): number {
  const v = checkPlan(sc, buildPlan(p, d, info, null));
  expect(v.violations).toEqual([]);
  return v.recomputed.totalCost;
}

/**
 * One BFNS rake loaded with Kharagpur's 300 t (15 of its 20 wagons idle) while Howrah's 1,200 t,
 * a full rake's worth on another corridor, wait: filling the idle wagons cannot serve Howrah (no
 * second destination off the corridor) and no other rake is free.
 */
function stranded() {
  const sc = tiny((s) => {
    s.plant.destinations.find((d) => d.code === 'KGP')!.corridor = 'S';
    s.orders = [
      order('O-1', 'HWH', 'HRC', 1200, 1, '2026-11-24T06:00:00+05:30'),
      order('O-2', 'KGP', 'HRC', 300, 3, '2026-11-24T06:00:00+05:30'),
    ];
    s.rakes = s.rakes.filter((r) => r.id === 'R-1');
  });
  const p = prepare(sc);
  const st = new PlanState(p, { rakes: [], road: [] });
  const kgp = rakeMove(st, 0, 'LP-1', 'KGP', [p.orderById.get('O-2')!]);
  expect(kgp).not.toBeNull();
  applyMove(st, kgp!);
  return { sc, p, st, draft: st.draft() };
}

describe('re-forming a used rake', () => {
  it('loads a part-empty rake again for the destination its tonnes are worth more at, as the checker prices it', () => {
    const { sc, p, st, draft } = stranded();
    expect(draft.rakes[0]!.lines.map((l) => l.orderId)).toEqual(['O-2']);
    const before = checked(sc, p, draft);
    const m = reformMove(st, 0);
    expect(m?.kind).toBe('reform');
    // Pricing it left the plan as it was.
    expect(checked(sc, p, st.draft())).toBeCloseTo(before, 0);
    applyMove(st, m!);
    const after = st.draft();
    expect(after.rakes[0]!.lines.map((l) => p.orderById.get(l.orderId)!.destination)).toEqual(['HWH']);
    expect(Math.abs(before - checked(sc, p, after) - m!.savingRs)).toBeLessThan(EPS_RS);
    expect(m!.savingRs).toBeGreaterThan(0);
  });

  it('is what the final pass does with such a plan', () => {
    const { sc, p, draft } = stranded();
    const r = improveDraft(p, draft);
    expect(r.moves).toEqual({ road: 0, rake: 0, fill: 0, move: 0, reform: 1 });
    expect(r.complete).toBe(true);
    expect(Math.abs(checked(sc, p, draft) - checked(sc, p, r.draft) - r.savedRs)).toBeLessThan(EPS_RS);
  });

  it('leaves a full rake alone', () => {
    const { p, st } = stranded();
    const full = rakeMove(new PlanState(p, { rakes: [], road: [] }), 0, 'LP-1', 'HWH', [p.orderById.get('O-1')!]);
    st.setRake(0, full!.rakes[0]!.next);
    expect(wagonsOf(st.draft().rakes[0]!.lines)).toBe(20);
    expect(reformMove(st, 0)).toBeNull();
  });

  for (const seed of [1, 2]) {
    it(`claims on generated day scenario ${seed}, half-emptied, exactly what the checker saves`, () => {
      const sc = generateScenario({ seed, size: 'day' });
      const p = prepare(sc);
      const full = greedyDraft(p);
      // Each rake keeps its first destination's first lines up to half its load (no two-point rake
      // left short of its minimum wagons): idle wagons for re-forms to use.
      const draft: Draft = {
        road: full.road,
        rakes: full.rakes.map((r) => {
          const half = r.lines.reduce((a, l) => a + lineTonnes(l), 0) / 2;
          const dest = p.orderById.get(r.lines[0]!.orderId)!.destination;
          let kept = 0;
          const lines = r.lines.filter((l) => p.orderById.get(l.orderId)!.destination === dest);
          return { ...r, lines: lines.filter((l) => (kept += lineTonnes(l)) - lineTonnes(l) < half) };
        }),
      };
      const base = checked(sc, p, draft);
      const st = new PlanState(p, draft);
      let found = 0;
      for (const r of draft.rakes.map((x) => x.rakeIdx)) {
        const m = reformMove(st, r);
        if (!m) continue;
        found++;
        const moved = new PlanState(p, st.draft());
        applyMove(moved, m);
        expect(Math.abs(base - checked(sc, p, moved.draft()) - m.savingRs)).toBeLessThan(EPS_RS);
      }
      expect(found).toBeGreaterThan(0);
      // After the pass none is left that pays.
      const done = new PlanState(p, improveDraft(p, draft).draft);
      for (const r of [...done.rakes.keys()]) expect(reformMove(done, r)).toBeNull();
    }, 120_000);
  }
});
