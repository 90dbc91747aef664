import { ReasonError } from '../contract/reason-error';
import { createRng } from '../synth/prng';

/**
 * How rows are held back for validation (early stopping) and test (the reported metrics).
 * `time`: rows in date order, the latest held back — the future never trains the past.
 * `random`: a seeded shuffle — for data with no time column, where file order is not time and a
 * file sorted by some other column would otherwise hold back one regime the model never sees.
 */
export type SplitMode = 'time' | 'random';

export interface SplitOptions {
  mode: SplitMode;
  seed: number;
  validFraction: number;
  testFraction: number;
}

export interface RowSplit {
  train: number[];
  valid: number[];
  test: number[];
}

/** Default shares held back: 15 % validation, 15 % test. */
export const DEFAULT_VALID_FRACTION = 0.15;
export const DEFAULT_TEST_FRACTION = 0.15;

/**
 * Split `order` (row indices, already in time order for `time`) into train | valid | test.
 * Random splits keep each part in row order so sums and features see rows as the file has them.
 */
export function splitRows(order: readonly number[], o: SplitOptions): RowSplit {
  for (const [k, v] of [
    ['validation', o.validFraction],
    ['test', o.testFraction],
  ] as const) {
    if (!(v > 0 && v < 1)) throw new Error(`The ${k} fraction must be between 0 and 1, got ${v}.`);
  }
  if (o.validFraction + o.testFraction >= 0.9)
    throw new Error(
      `Validation and test fractions together (${o.validFraction} + ${o.testFraction}) leave under 10 % of rows to train on.`,
    );
  const n = order.length;
  const nTest = Math.max(1, Math.floor(n * o.testFraction));
  const nValid = Math.max(1, Math.floor(n * o.validFraction));
  if (n - nTest - nValid < 10)
    throw new ReasonError({ code: 'training-too-few-rows', params: { n, min: nValid + nTest + 10 } });
  return splitByCounts(order, o.mode, o.seed, nValid, nTest);
}

/** The same split from the part sizes (what a model's manifest records), to reproduce it later. */
export function splitByCounts(
  order: readonly number[],
  mode: SplitMode,
  seed: number,
  nValid: number,
  nTest: number,
): RowSplit {
  const n = order.length;
  const nTrain = n - nTest - nValid;
  const rows = [...order];
  if (mode === 'random') {
    const rng = createRng(seed ^ 0x5eed);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.index(i + 1);
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    const byPos = (a: number, b: number) => a - b;
    return {
      train: rows.slice(0, nTrain).sort(byPos),
      valid: rows.slice(nTrain, nTrain + nValid).sort(byPos),
      test: rows.slice(nTrain + nValid).sort(byPos),
    };
  }
  return {
    train: rows.slice(0, nTrain),
    valid: rows.slice(nTrain, nTrain + nValid),
    test: rows.slice(nTrain + nValid),
  };
}
