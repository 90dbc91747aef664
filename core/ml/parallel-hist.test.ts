import { expect, it } from 'vitest';
import { DEFAULT_PARAMS, trainBooster } from './booster';
import { ParallelHistBuilder } from './parallel-hist';
import { syntheticMatrix } from './synthetic';

it.each([
  ['depth-limited (level-wise batches)', { maxDepth: 6, maxLeaves: 0 }],
  ['leaf-limited (best-first, one node at a time)', { maxDepth: 0, maxLeaves: 24 }],
  [
    'quantile leaves (values from both shards, scores added by both threads)',
    { objective: { name: 'quantile' as const, alpha: 0.3 } },
  ],
  [
    'multiclass with rows sampled (gradients at an offset per class)',
    { objective: { name: 'multiclass' as const, numClass: 3 }, subsample: 0.7 },
  ],
])('two threads grow exactly the trees of one: %s', (_label, over) => {
  // 60k rows: the root and first levels exceed the parallel threshold, deeper nodes stay serial.
  // An odd count: shard 1 (even rows) has one row more than shard 0.
  const { m, y } = syntheticMatrix(60_001, 9, 8);
  const multi = 'objective' in over && over.objective.name === 'multiclass';
  const target = multi ? y.map((v) => (v < 2 ? 0 : v < 3 ? 1 : 2)) : y;
  const p = {
    ...DEFAULT_PARAMS,
    objective: { name: 'squared' as const },
    rounds: 4,
    earlyStoppingRounds: 0,
    colsample: 0.8,
    ...over,
  };
  let helper: ParallelHistBuilder | null = null;
  const serial = trainBooster(m, target, p).model;
  const parallel = trainBooster(m, target, p, { makeBuilder: (s) => (helper = new ParallelHistBuilder(s)) }).model;
  expect(helper!.handoffs).toBeGreaterThan(0);
  expect(JSON.stringify(parallel)).toBe(JSON.stringify(serial));
});
