// A gate check's measured value, limit and detail as data, beside their English text, as
// gate-text.ts does for summaries and names: the command line and stored reports read the English,
// the interface writes them in its own language from the code and parameters.
// `{unit}` is the target's unit after a space, or nothing; figures and counts are numbers, per
// cents strings with their one decimal ("3.2"), ids and host messages as they are. English groups
// counts (20,000 rows) and writes measured figures as they are (4495, 0.25).

import { fillEnglish, type GateParams } from './gate-text';

/** Each value, limit or detail cell's English words, by code. */
export const GATE_CELL_EN = {
  // values
  'all-present': 'all present',
  'inputs-missing': 'missing {inputs}',
  span: '{low} … {high}',
  versus: '{cand}{unit} vs {ref}{unit}',
  'versus-better': '{cand}{unit} vs {ref}{unit} ({pct} % better)',
  'versus-worse': '{cand}{unit} vs {ref}{unit} ({pct} % worse)',
  'versus-more': '{cand}{unit} vs {ref}{unit} (+{diff}{unit})',
  'versus-less': '{cand}{unit} vs {ref}{unit} (−{diff}{unit})',
  percent: '{pct} %',
  // limits
  inputs: '{inputs}',
  'at-least': '≥ {min}',
  'more-than': '> {min}',
  'at-most': '≤ {max}',
  comparable: 'comparable',
  lower: 'lower',
  'not-required': 'not required',
  'gain-at-least': '≥ {pct} % better',
  'worse-at-most': '≤ {pct} % worse',
  'percent-at-most': '≤ {pct} %',
  'allowance-production': "≤ +{allow}{unit} ({pct} % of production @{version}'s {metric} {floor}{unit} over all rows)",
  'allowance-baseline': "≤ +{allow}{unit} ({pct} % of the registry baseline's {metric} {floor}{unit} over all rows)",
  // details
  'no-dataset': 'no dataset recorded (imported model)',
  'rows-since': 'rows from {date}, where its lag lies within the history',
  'production-cannot-score': 'production @{version} cannot score this holdout: {error}',
  'not-comparable-refit':
    'not comparable: {model}@{version} was refit on all {n} rows, its holdout included; compare on new rows (evaluate with rows) or promote with an override',
  'not-comparable-imported':
    'not comparable: {model}@{version} was imported, so which of these rows it trained on is not known; compare on new rows (evaluate with rows) or promote with an override',
  'not-comparable-other-data':
    'not comparable: {model}@{version} was trained on other data or another split and records no training cut-off, so it may have trained on these rows; compare on new rows (evaluate with rows) or promote with an override',
  'not-comparable-seen':
    'not comparable: {model}@{version} trained or early-stopped on all {n} of these rows; compare on new rows (evaluate with rows) or promote with an override',
  'not-comparable-seen-through':
    'not comparable: {model}@{version} trained or early-stopped on all {n} of these rows (its rows run to {date}); compare on new rows (evaluate with rows) or promote with an override',
  'rows-production-unseen': 'on the {rows} of {all} holdout rows production never trained on',
  'trainer-baseline': '{name}, on the {rows} holdout rows of training',
  'no-baseline': 'no baseline stored for this version',
  'baseline-mean': 'mean {target}',
  'baseline-mean-by': 'mean {target} by {column}',
  'baseline-shares': 'overall class shares',
  'baseline-shares-by': 'class shares by {column}',
  'baseline-smoothed-shares': 'smoothed overall class shares',
  'baseline-smoothed-shares-by': 'smoothed class shares by {column}',
  'segment-rows': '{n} rows',
  'recent-inputs': '{n} recent inputs',
  'holdout-inputs': '{n} holdout inputs',
} as const;

export type GateCellCode = keyof typeof GATE_CELL_EN;

/** A cell's code and the figures and ids it is written from. */
export interface GateCellText {
  code: GateCellCode;
  params: GateParams;
}

export type GateCell = 'value' | 'limit' | 'detail';

/** The parameters that are measured figures, not counts: English writes them ungrouped. */
const FIGURES = new Set(['low', 'high', 'max', 'cand', 'ref', 'diff', 'allow', 'floor']);

/** A cell's English words from its code and parameters. */
export const cellEnglish = ({ code, params }: GateCellText): string =>
  fillEnglish(
    GATE_CELL_EN[code],
    Object.fromEntries(Object.entries(params).map(([k, v]) => [k, FIGURES.has(k) ? String(v) : v])),
  );

/**
 * One cell of a check: its English under `field` and its code and parameters under `field`Text,
 * to spread into the check (`...told('limit', 'lower')`).
 */
export const told = <F extends GateCell>(field: F, code: GateCellCode, params: GateParams = {}) =>
  ({
    [field]: cellEnglish({ code, params }),
    [`${field}Text`]: { code, params },
  }) as Record<F, string> & Record<`${F}Text`, GateCellText>;
