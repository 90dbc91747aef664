import path from 'node:path';
import { saveModelDir } from '../ml/model-dir';
import { trainTable } from '../ml/pipeline';
import { syntheticTable } from '../ml/synthetic';
import type { Table } from '../ml/table';

/**
 * Small real models for the registry's tests and the load benchmark: the trainer (core/ml) on
 * its synthetic table (signal + lanes + dates). `rounds` sets the quality: 2 rounds is a weak
 * model, 80 a good one, so the improvement gate has something to decide.
 */
export function trainTestModel(root: string, opts: { name?: string; rounds: number; rows?: number; seed?: number; tag: string }): { dir: string; table: Table } {
  const table = syntheticTable(opts.rows ?? 3000, opts.seed ?? 7);
  const out = trainTable(table, {
    name: opts.name ?? 'transit-delay', target: 'y', task: 'regression', dateColumn: 'date',
    params: { rounds: opts.rounds, earlyStoppingRounds: 0, learningRate: 0.1, maxDepth: 4 },
  });
  const dir = saveModelDir(path.join(root, 'trained', `${opts.name ?? 'transit-delay'}-${opts.tag}`), out);
  return { dir, table };
}
