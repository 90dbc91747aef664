/**
 * One line on whether a version beats its naive baseline, from the `baseline` block training stored
 * (`{name, rows, model, baseline, beats}`; `beats` is true when the model beats the strongest baseline
 * on the holdout). A model that does not is not used for planning: the baseline is.
 */
export function baselineVerdict(b: Record<string, unknown> | null | undefined, primary = 'mae'): string | null {
  if (!b || typeof b.beats !== 'boolean') return null;
  const metric = (x: unknown) => {
    const v = (x as Record<string, unknown> | undefined)?.[primary];
    return typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(4)) : '–';
  };
  const figures = `${primary} ${metric(b.model)} vs ${metric(b.baseline)} for ${String(b.name)} on ${String(b.rows)} holdout rows`;
  return b.beats
    ? `better than baseline: ${figures}`
    : `NOT BETTER THAN BASELINE — planning uses the baseline: ${figures}`;
}
