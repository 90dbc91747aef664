// The naive forecasts a trained model must beat, named by code beside their English: training
// stores each name's English (the command line and stored reports read it) with these codes, and
// the interface writes the name in its own language from them. Key columns are ids and stay as
// they are.

/** Each spec baseline's words, by code (models/*.ts). */
export const BASELINE_LABEL_EN = {
  'seasonal-naive': 'seasonal naive (same weekday 52 weeks earlier)',
  'mean-28-days': 'mean of the last 28 days known 14 days ahead',
  'lane-median-cost': 'lane median cost',
  'lane-mean-cost': 'lane mean cost',
  'point-median-rate': 'loading point median rate',
  'point-product-median-rate': 'loading point × product median rate',
  'point-wagon-median-delay': 'loading point × wagon type median delay',
  'point-median-delay': 'loading point median delay',
  'lane-median-transit': 'lane median transit time',
  'lane-wagon-median-transit': 'lane × wagon type median transit time',
  'destination-mode-share': 'destination mode share',
} as const;

/** How a baseline of each kind is named: its label, and what stands in for a key its training rows lack. */
export const BASELINE_KIND_EN = {
  column: '{label}',
  mean: '{label} (training-period mean; overall mean for unseen {keys})',
  median: '{label} (training-period median; overall median for unseen {keys})',
  shares: '{label} (training-period class shares, smoothed)',
} as const;

export type BaselineLabel = keyof typeof BASELINE_LABEL_EN;
export type BaselineKind = keyof typeof BASELINE_KIND_EN;

/** A baseline's name as data: its label, its kind and the key columns it groups by. */
export interface BaselineNameText {
  code: BaselineLabel;
  kind: BaselineKind;
  keys: readonly string[];
}

/** A baseline's name from its parts in the given words: key columns joined by ` × `. */
export function baselineName(
  n: BaselineNameText,
  labels: Readonly<Record<BaselineLabel, string>> = BASELINE_LABEL_EN,
  kinds: Readonly<Record<BaselineKind, string>> = BASELINE_KIND_EN,
): string {
  return kinds[n.kind].replace('{label}', () => labels[n.code]).replace('{keys}', () => n.keys.join(' × '));
}

/** A stored name's parts when they are ones this build knows (a version's JSON is read back as it was written). */
export function knownBaselineName(x: unknown): BaselineNameText | undefined {
  const n = x as Partial<BaselineNameText> | null | undefined;
  return typeof n?.code === 'string' &&
    Object.hasOwn(BASELINE_LABEL_EN, n.code) &&
    typeof n.kind === 'string' &&
    Object.hasOwn(BASELINE_KIND_EN, n.kind) &&
    Array.isArray(n.keys) &&
    n.keys.every((k) => typeof k === 'string')
    ? { code: n.code, kind: n.kind, keys: n.keys }
    : undefined;
}

/** A name's parts as a gate cell's parameters (figures and words only): the key columns as they read. */
export const baselineNameParams = (n: BaselineNameText) => ({
  baseline: n.code,
  baselineKind: n.kind,
  keys: n.keys.join(' × '),
});
