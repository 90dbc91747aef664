/**
 * Tick labels and axis widths for the line charts: numbers in Indian grouping with their unit,
 * and a y axis wide enough for its longest label (a latency axis never shows "¹422 ms").
 * Plain TS, tested without a DOM.
 */
const grouped = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });

export function formatTick(v: number, unit: string, step: number): string {
  const abs = Math.abs(v);
  const digits = step >= 1 || abs >= 100 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;
  const text =
    digits === 0
      ? grouped.format(v)
      : v.toLocaleString('en-IN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unit ? `${text} ${unit}` : text;
}

/** Pixels for a y axis whose labels are `labels`, at about 7 px a character plus tick and gap. */
export function axisWidth(labels: readonly string[], charPx = 7): number {
  const longest = labels.reduce((m, l) => Math.max(m, l.length), 0);
  return Math.max(40, Math.ceil(longest * charPx + 18));
}

/**
 * Least pixels between x ticks labelled like `sample` (uPlot's `space`): the label at about 7 px a
 * character plus a gap, so "15 Nov 2025" labels never run into each other.
 */
export function tickSpace(sample: string, charPx = 7): number {
  return Math.max(50, Math.ceil(sample.length * charPx + 20));
}

/** A date "YYYY-MM-DD" as uPlot's time value (seconds), at midday UTC so no zone shifts the day. */
export const dateToX = (date: string) => Date.parse(`${date}T12:00:00Z`) / 1000;
