import { describe, expect, it } from 'vitest';
import { checkPlan } from '../checker/check';
import { generateScenario } from '../synth/scenario';
import { relativeGap } from './hooks';
import { optimize } from './optimize';

describe('a large solve: the plan is finished while the bound worker prices on', () => {
  it('large seed 1 at 12 s: priced and checked before the bound worker stops, its last bound in the plan', async () => {
    const sc = generateScenario({ seed: 1, size: 'large' });
    let lastBound: number | null = null;
    const { plan } = await optimize(
      sc,
      { timeLimitS: 12 },
      {
        onProgress: (pr) => {
          if (pr.bound !== null && (lastBound === null || pr.bound > lastBound)) lastBound = pr.bound;
        },
      },
    );
    const { solver } = plan;
    expect(checkPlan(sc, plan).violations, solver.status).toEqual([]);
    const phases = (solver.phases ?? []).map((ph) => ph.phase);
    // The pass, the pricing and the checks ran on the dive's plan before the bound worker's last
    // rounds ended; pricing and checking ran once.
    expect(phases.slice(-3), solver.status).toEqual([
      'final improvement pass',
      'pricing and checking',
      "the bound worker's last rounds",
    ]);
    expect(solver.finalPass, solver.status).toBeDefined();
    // The figures filled in after the checks (the dive's plan or the warm start, whichever is
    // cheaper): the best bound any round reported, and its gap.
    expect(solver.bound, solver.status).toBe(lastBound);
    expect(solver.gap).toBe(relativeGap(solver.objective, solver.bound));
    expect(solver.status).toMatch(/bound worker \d+ rounds/);
  });
});
