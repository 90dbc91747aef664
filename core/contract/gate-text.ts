// The promotion gates' summaries and check names as data, beside their English text: a code with
// the ids and figures it names. The command line and stored reports read the English; the
// interface writes them in its own language from these (renderer/src/pages/Models/gateText.ts).
// `{name}` stands for a parameter; `{unit}` is the target's unit after a space, or nothing.

import { fillReason } from './refusals';

/** Each gate summary's English words, by code. */
export const GATE_SUMMARY_EN = {
  'checks-passed': '{n} checks passed',
  'checks-failed': '{n} check(s) failed: {checks}',
  'checks-failed-values': '{checks}',
  'no-holdout-target': 'no holdout rows to evaluate on: give evaluation rows with the target',
  'no-held-out-figure':
    'no held-out figure: {model}@{version} was refit on all {n} rows, its holdout included and training recorded no holdout {metric}',
  'figure-on-holdout': '{metric} {value}{unit} on {rows} holdout rows',
  'figure-on-latest-holdout': '{metric} {value}{unit} on the latest {rows} of {all} holdout rows',
  'figure-on-last-holdout': '{metric} {value}{unit} on the last {rows} of {all} holdout rows',
  'figure-on-part-holdout': '{metric} {value}{unit} on {rows} of {all} holdout rows',
  'figure-on-fit':
    '{metric} {value}{unit} on the fit without the held-back rows ({model}@{version} was refit on all {n} rows, its holdout included)',
  'not-evaluated-refit':
    'not evaluated: {model}@{version} was refit on all {n} rows, its holdout included, so its per-segment errors there are training errors; evaluate it on rows it never trained on, or promote with an override',
  'not-evaluated-no-reference':
    'not evaluated: nothing to compare its segments with (no production and no baseline); promote with an override',
  'no-holdout-rows': 'no holdout rows to evaluate on',
  'no-segment-column': 'no segment column ({columns}) with ≥ {min} rows',
  'segments-worse-production': '{failed} of {n} segments worse than production @{version}: {segments}',
  'segments-worse-baseline': '{failed} of {n} segments worse than the registry baseline: {segments}',
  'segments-ok-production': '{n} segments no worse than production @{version}',
  'segments-ok-baseline': '{n} segments no worse than the registry baseline',
  'no-production': 'no production version: nothing to be consistent with',
  'few-inputs': 'only {n} inputs to compare on (need {min})',
  'cannot-compare-recent': 'cannot compare predictions on recent inputs: {error}',
  'cannot-compare-holdout': 'cannot compare predictions on holdout inputs: {error}',
  'class-psi-recent': 'predicted-class PSI {psi} on {n} recent inputs',
  'class-psi-holdout': 'predicted-class PSI {psi} on {n} holdout inputs',
  'change-recent': "{share} % of predictions within {change} % of production's on {n} recent inputs",
  'change-holdout': "{share} % of predictions within {change} % of production's on {n} holdout inputs",
} as const;

/** Each gate check's name in English, by code. */
export const GATE_CHECK_EN = {
  'inputs-match': 'inputs match production',
  'training-rows': 'training rows',
  'holdout-rows': 'holdout rows with a target',
  'missing-rate': '{feature} missing rate',
  range: '{feature} range',
  'vs-production': '{metric} vs production',
  'vs-production-at': '{metric} vs production @{version}',
  'vs-naive-baseline': '{metric} vs naive baseline',
  'vs-registry-baseline': '{metric} vs registry baseline',
  segment: '{column}={value}',
  'class-psi': 'predicted-class PSI vs production @{version}',
  'prediction-change': 'P{share} change of predictions vs production @{version}',
} as const;

export type GateSummaryCode = keyof typeof GATE_SUMMARY_EN;
export type GateCheckCode = keyof typeof GATE_CHECK_EN;
export type GateParams = Record<string, string | number>;

/** A template in English, whole counts grouped as the app writes them (20,000 rows). */
export const fillEnglish = (template: string, params: GateParams): string =>
  fillReason(
    template,
    Object.fromEntries(
      Object.entries(params).map(([k, v]) => [
        k,
        typeof v === 'number' && Number.isInteger(v) ? v.toLocaleString('en-IN') : v,
      ]),
    ),
  );

/** A gate's summary: its English words and the code and figures they are written from. */
export const said = (code: GateSummaryCode, params: GateParams = {}) => ({
  summary: fillEnglish(GATE_SUMMARY_EN[code], params),
  code,
  params,
});

/** A check's name: its English words and the code and ids they are written from. */
export const named = (code: GateCheckCode, params: GateParams = {}) => ({
  name: fillEnglish(GATE_CHECK_EN[code], params),
  code,
  params,
});

/** A measured figure's unit as the `{unit}` parameter: after a space, or nothing. */
export const unitParam = (unit: string | null) => (unit ? ` ${unit}` : '');
