import { describe, expect, it } from 'vitest';
import { trainTable } from './pipeline';
import type { TrainRequest } from './pipeline-types';
import { syntheticTable } from './synthetic';

/** A regression model with P10 and P90 side models, 10 rounds each, refit on all rows or not. */
const withQuantiles = (refit: boolean): TrainRequest => ({
  name: 'm',
  target: 'y',
  task: 'regression',
  dateColumn: 'date',
  quantiles: [0.1, 0.9],
  refit,
  params: { rounds: 10, earlyStoppingRounds: 0 },
});

describe('training progress', () => {
  it('rises over the whole training, across the model, its quantiles and the refit', () => {
    const done: number[] = [];
    const parts = new Set<string>();
    trainTable(syntheticTable(400, 3), withQuantiles(true), {
      onRound: (p) => {
        done.push(p.done);
        parts.add(p.part);
      },
    });
    expect(parts.size).toBe(6);
    expect(done.every((d, i) => i === 0 || d >= done[i - 1]!)).toBe(true);
    expect(done[0]).toBeGreaterThan(0);
    expect(done.at(-1)).toBe(1);
  });

  it("estimates the whole training's time left: this part's rounds and every part still to come", () => {
    const seen: { part: string; round: number; etaMs: number; etaAllMs: number; roundMs: number }[] = [];
    trainTable(syntheticTable(400, 3), withQuantiles(false), { onRound: (p) => seen.push(p) });
    // Three parts (the model, P10, P90) of 10 rounds: two to come after the model, none after P90.
    const first = seen[0]!;
    expect(first.part).toBe('model');
    expect(first.etaAllMs).toBeCloseTo(first.etaMs + 2 * first.roundMs * 10, 6);
    const p10 = seen.find((p) => p.part === 'p10')!;
    expect(p10.etaAllMs).toBeCloseTo(p10.etaMs + p10.roundMs * 10, 6);
    expect(seen.at(-1)).toMatchObject({ part: 'p90', etaMs: 0, etaAllMs: 0 });
  });
});
