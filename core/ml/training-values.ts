import { getColumn, type Table } from './table';

/** The largest magnitude a float32 holds: a model's inputs and outputs are float32 (ONNX). */
const FLOAT32_MAX = 3.4028234663852886e38;

const shown = (v: number) => (Math.abs(v) >= 1e6 ? v.toExponential(3) : String(v));

/**
 * Refuse values no model can learn from before training starts, naming the column, the row (the
 * data row, 1-based, as the CSV reader counts them) and the value: numbers beyond float32 become
 * infinite in the model's input and output and turn the loss into NaN.
 */
export function checkTrainingValues(t: Table, target: string, numericTarget: boolean, sources: string[]): void {
  const check = (name: string, what: string) => {
    const num = getColumn(t, name)?.num;
    if (!num || getColumn(t, name)!.type !== 'numeric') return;
    for (let i = 0; i < num.length; i++) {
      const v = num[i]!;
      if (Math.abs(v) > FLOAT32_MAX)
        throw new Error(
          `${what} '${name}', row ${i + 1}: ${shown(v)} is beyond the ±3.4e38 a model's numbers can hold; rescale the column.`,
        );
    }
  };
  if (numericTarget) check(target, 'Target');
  for (const s of sources) if (s !== target) check(s, 'Column');
}

/** Why a text target cannot be a regression target: its first cell that is not a finite number. */
export function nonNumericTarget(t: Table, target: string, task: string): string {
  const str = getColumn(t, target)?.str ?? [];
  const i = str.findIndex((c) => c !== null && c.trim() !== '' && !Number.isFinite(Number(c.trim())));
  const base = `Target '${target}' must be numeric for ${task}`;
  if (i < 0) return `${base}.`;
  const c = str[i]!.trim();
  const why = /^[+-]?(inf(inity)?|nan)$/i.test(c)
    ? 'which is not a finite number (leave the cell empty for a missing value)'
    : 'which is not a number';
  return `${base}: row ${i + 1} holds '${c}', ${why}.`;
}
