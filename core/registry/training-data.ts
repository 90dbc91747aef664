import { getSpec } from '../../models';
import { getColumn, type Cell, cellAt, type Table } from '../ml/table';
import type { ModelManifest } from '../ml/manifest';
import { DEFAULT_PARAMS } from '../ml/booster';
import { splitByCounts } from '../ml/split';
import { loadHistory } from '../training/history-source';

/**
 * Rebuild the table a spec-trained model learned from (the model spec + history loader), so
 * the registry can store its reference statistics, fingerprint, baseline and holdout.
 */
export function specTable(spec: string, dbPath: string): { table: Table; source: string } {
  const s = getSpec(spec);
  const hist = loadHistory({ dbPath }, s.table);
  return { table: s.build(hist.data), source: hist.source };
}

/**
 * The trainer's split, reproduced: rows with a target, ordered by the date column (ties by
 * position), then train | valid | test with the sizes the manifest records — or the same seeded
 * shuffle when the manifest says the split was random.
 */
export function splitLikeTrainer(t: Table, m: ModelManifest): { train: number[]; test: number[] } {
  const target = getColumn(t, m.target);
  if (!target) throw new Error(`The training data has no target column '${m.target}'.`);
  const has = (i: number) => (target.num ? !Number.isNaN(target.num[i]!) : target.str![i] !== null);
  const order: number[] = [];
  for (let i = 0; i < t.nRows; i++) if (has(i)) order.push(i);
  const d = m.dateColumn ? getColumn(t, m.dateColumn)?.num : null;
  if (d) order.sort((a, b) => d[a]! - d[b]! || a - b);
  if (m.split === 'random') {
    const p = splitByCounts(order, 'random', Number(m.params.seed ?? DEFAULT_PARAMS.seed), m.rows.valid, m.rows.test);
    return { train: p.train, test: p.test };
  }
  const nTest = Math.min(order.length, m.rows.test || Math.floor(order.length * 0.15));
  const nTrain = Math.min(order.length - nTest, m.rows.train || order.length - nTest);
  return { train: order.slice(0, nTrain), test: order.slice(order.length - nTest) };
}

export function rowsOf(t: Table, idx: readonly number[], columns: readonly string[]): Record<string, Cell>[] {
  const cols = columns.map((c) => getColumn(t, c)).filter((c) => c !== undefined);
  return idx.map((i) => Object.fromEntries(cols.map((c) => [c.name, cellAt(c, i)])));
}
