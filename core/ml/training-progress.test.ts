import { describe, expect, it } from 'vitest';
import { trainTable } from './pipeline';
import { syntheticTable } from './synthetic';

describe('training progress', () => {
  it('rises over the whole training, across the model, its quantiles and the refit', () => {
    const done: number[] = [];
    const parts = new Set<string>();
    trainTable(
      syntheticTable(400, 3),
      {
        name: 'm',
        target: 'y',
        task: 'regression',
        dateColumn: 'date',
        quantiles: [0.1, 0.9],
        refit: true,
        params: { rounds: 10, earlyStoppingRounds: 0 },
      },
      {
        onRound: (p) => {
          done.push(p.done);
          parts.add(p.part);
        },
      },
    );
    expect(parts.size).toBe(6);
    expect(done.every((d, i) => i === 0 || d >= done[i - 1]!)).toBe(true);
    expect(done[0]).toBeGreaterThan(0);
    expect(done.at(-1)).toBe(1);
  });
});
