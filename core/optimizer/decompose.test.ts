import { describe, expect, it } from 'vitest';
import { checkPlan } from '../checker/check';
import { generateScenario } from '../synth/scenario';
import { buildPlan } from './build-plan';
import { solveDecomposed } from './decompose';
import type { Draft } from './draft';
import { greedyDraft } from './greedy';
import { prepare } from './prep';

const INFO = { method: 'milp (decomposed)', status: '', objective: null, bound: null, gap: null, seconds: 0 } as const;

describe("the large size's solve: the caller works on the dive's plan while the bound worker prices on", () => {
  it('large seed 1: the work gets the plan returned, once; the bound worker ends when the work does', async () => {
    const sc = generateScenario({ seed: 1, size: 'large' });
    const p = prepare(sc);
    const start = greedyDraft(p);
    const given: Draft[] = [];
    // The solve's bound as last reported, and the wake-up of a work waiting for the bound worker's next round.
    let reported: number | null = null;
    let roundDone: (() => void) | undefined;
    const d = await solveDecomposed(
      sc,
      p,
      start,
      [],
      {
        timeLimitS: 6,
        profile: 'large',
        whileBound: {
          // Ten minutes more for the bound worker: the test would time out if the solve waited them out.
          boundUntilMs: Date.now() + 606_000,
          // The work lasts until the bound worker has priced a round after the dive, however little
          // CPU it got (on a busy machine neither worker may have finished one by the deadline).
          run: async (draft) => {
            given.push(draft);
            await new Promise<void>((ok) => (roundDone = ok));
            return Date.now(); // no more time for the bound worker after this work
          },
        },
      },
      {
        onProgress: (pr) => {
          reported = pr.bound;
          roundDone?.();
        },
      },
    );
    expect(given, d.status).toHaveLength(1);
    expect(given[0], d.status).toBe(d.draft);
    expect(checkPlan(sc, buildPlan(p, d.draft, INFO, null)).violations).toEqual([]);
    // Far from converged after one round past the dive (it takes ~40 rounds), the bound worker was
    // still pricing and was ended by the work's end, not by its own deadline ten minutes later.
    expect(d.workers.bound.status, d.status).toBe('time limit (priced on through the final pass and checks)');
    // Its bound, as of its last round, is the solve's.
    expect(reported, d.status).not.toBeNull();
    expect(d.bound, d.status).toBe(reported);
  });

  it('day seed 1: a bound worker that has converged is not waited for, whatever time the work leaves it', async () => {
    const sc = generateScenario({ seed: 1, size: 'day' });
    const p = prepare(sc);
    const { workers } = await solveDecomposed(
      sc,
      p,
      greedyDraft(p),
      [],
      {
        timeLimitS: 20,
        profile: 'large',
        // Ten minutes more for the bound worker: the test would time out if the solve waited them out.
        whileBound: { boundUntilMs: Date.now() + 620_000, run: () => Date.now() + 600_000 },
      },
      {},
    );
    expect(workers.bound.status).toBe('converged');
  });
});
