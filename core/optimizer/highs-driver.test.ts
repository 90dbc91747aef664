import { describe, expect, it } from 'vitest';
import { tiny } from './__fixtures__/tiny';
import { greedyDraft } from './greedy';
import { solveLp } from './highs-driver';
import { DEFAULT_MODEL_OPTIONS, buildModel, draftToStart } from './model';
import { prepare } from './prep';

describe('solveLp start plans', () => {
  // Searching only (one empty neighbourhood, no branch-and-bound), so a plan can only come from a start.
  const setup = () => {
    const p = prepare(tiny());
    const g = greedyDraft(p);
    const b = buildModel(p, {
      ...DEFAULT_MODEL_OPTIONS,
      extraStarts: g.rakes.map((r) => ({ r: r.rakeIdx, lp: r.lp, startH: r.startH })),
    });
    // Every slot of every rake at once breaks "one loading per rake": no LP completes it.
    const bad = new Map(b.y.map((yv) => [yv.col, 1]));
    return { b, good: draftToStart(p, b, g), bad };
  };

  it('falls back to the alternative start, and says so, when the start does not fit the model', async () => {
    const { b, good, bad } = setup();
    const res = await solveLp(b.lp, b.lp.toLp(), {
      timeLimitS: 3,
      gap: 0.01,
      start: bad,
      altStart: good,
      neighbourhoods: [[]],
      lnsShare: 1,
    });
    expect(res.x).not.toBeNull();
    expect(res.status).toMatch(/the start plan did not fit the model; the alternative start was used/);
  });

  it('has no plan without an alternative', async () => {
    const { b, bad } = setup();
    const res = await solveLp(b.lp, b.lp.toLp(), {
      timeLimitS: 3,
      gap: 0.01,
      start: bad,
      neighbourhoods: [[]],
      lnsShare: 1,
    });
    expect(res.x).toBeNull();
  });
});
