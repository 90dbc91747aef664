// Why the model side refuses or cannot answer, by code: the registry and its serving, training,
// the forecasts that read models and the drift check. Each is the English of one piece of the
// message the command line and logs read; a message that joins several (a load failure and what
// keeps serving) sends them in order as the error's reason and causes (refusals.ts), and the
// interface writes each in its own language. `{name}` stands for a parameter.

import type { HistoryTable } from '../domain/history';

export const MODEL_REASON_EN = {
  // The registry
  'model-unknown': 'There is no model named {model} in the registry.',
  'model-no-version': 'Model {model} has no version {version} (versions: {versions}).',
  'model-no-alias': '{model} has no {alias} version.',
  'model-file-missing': 'Model file {file} is missing.',
  'model-file-damaged': 'Model file {file} is damaged: its content hash is {actual}…, expected {expected}….',
  'model-load-failed': 'cannot load {model}@{version}',
  'model-no-io': '{model}@{version}: the ONNX graph has no input or output.',
  'model-output-mismatch':
    '{model}@{version} returned {values} values for {rows} rows × {outputs} outputs: the file does not match its manifest.',
  'smoke-failed': 'smoke prediction failed for {model}@{version}',
  'smoke-not-finite': "{model}@{version}: smoke prediction gave {value} for output '{output}'.",
  'keeps-serving': '{model}@{version} keeps serving.',
  'stays-without-production': '{model} stays without a production version.',
  'reload-none': '{model} has no production version to reload.',
  'reload-session-serves': 'the loaded session of {model}@{version} keeps serving',
  'reload-falls-back': 'requests fall back to the previous version or the baseline',
  'evaluate-failed': 'Cannot evaluate',
  'already-production': '{model}@{version} is already in production.',
  'gates-failed': '{model}@{version} failed {n} gate(s)',
  'gate-failed': '{gate} ({summary})',
  'promote-override': 'Promote with an override and a reason to proceed.',
  'rollback-none': '{model} has no production version to roll back.',
  'rollback-first': '{model}@{version} is the first production version: there is nothing to roll back to.',
  'error-text': '{error}',
  // Why a fallback answered a request (the answer's fallbackReasons)
  'serving-no-production': '{model} has no production version',
  'serving-skipped': '{model}@{version} skipped',
  'serving-failed': '{model}@{version}',
  // {name}: the registry baseline's English description, with its gate cell beside it (registryBaselineParams).
  'serving-baseline-answered': 'answered by the naive baseline ({name})',
  // Its causes: what failed, as in fallbackReasons.
  'serving-none-answers': 'No model can answer for {model}, and no naive baseline is stored for it',
  // A request's rows against the model's inputs
  'predict-input': '{model}@{version}',
  'predict-too-many-rows': 'Too many rows in one request: {rows} (limit {limit}).',
  'input-missing': 'Missing input column(s): {columns}.',
  'input-not-numeric': "Column '{column}' must be numeric.",
  'input-not-date': "Column '{column}' must hold ISO dates.",
  'cell-not-number': "{table} row {row}, column '{column}': '{value}' is not a number (the column is numeric).",
  'cell-not-date': "{table} row {row}, column '{column}': '{value}' is not an ISO date (YYYY-MM-DD).",
  // Training
  'jobs-full-one': '1 {job} is running already, the most at once; start this one when it has finished.',
  'jobs-full': '{n} {job} are running already, the most at once; start this one when one of them has finished.',
  'host-closing': 'RakePlan is closing.',
  'spec-unknown': "No model spec '{spec}'. Specs: {specs}.",
  'training-job-unknown': "No training job '{id}'.",
  'training-failed': 'Training {model} failed',
  'training-csv-hidden':
    'the CSV could not be trained on (a column, row or value breaks a training rule); run `rakeplan train` on it in a terminal to see which.',
  'training-no-rows': 'No training rows.',
  'training-too-few-rows': 'Only {n} rows with a target: need at least {min} to train and evaluate.',
  // Models the forecasts read
  'model-none-serving': 'no {model} model in the registry (none pinned or in production)',
  'model-beaten': '{model}@{version} does not beat its baseline on the holdout',
  'model-synthetic':
    "{model}@{version} was trained on synthetic demo history, not the plant's; it feeds only the demo (ask for it with --demo)",
  'no-baseline-at-hand': 'no baseline is at hand (the plant has no history for it)',
  'baseline-synthetic-too': "its baseline was fitted on the same synthetic history, so the scenario's own figures stay",
  // {name}: the baseline's English name; its codes ride beside it (baselineNameParams) for other languages.
  'baseline-used': 'its baseline ({name}) is used',
  'baseline-used-spread': "its baseline ({name}; P10/P90: the destination's empirical quantiles) is used",
  // {name}: the registry baseline's English description; its gate cell's code and params ride
  // beside it (registryBaselineParams) for other languages.
  'registry-baseline-used': "the registry's naive baseline ({name}) is used",
  // {history}: the history read, in English; the indent sends it as data beside (HistoryFrom).
  'demand-no-plant-history': 'the plant has no demand history ({history})',
  'demand-none-for-scenario': "no demand history for the scenario's destinations and products",
  'model-answer-failed': '{model}',
  'demand-no-history': 'No demand history for destination {destination} × product {product}.',
  'forecast-undo-none': 'This scenario has no forecast update to undo.',
  // The drift check
  'drift-no-reference': 'No production version of {model} with training statistics to compare against.',
  'drift-few-samples': '{n} sampled inputs; at least {min} are needed.',
  'drift-few-history':
    '{n} {noun} recorded after {after}; at least {min} are needed to compare with what {model} learned from.',
  'drift-no-trained-through':
    "{model} records neither the last day it trained on nor its training rows' dates, so which history is new cannot be told; retrain it to check drift.",
  'drift-demo-history':
    "The stored history is the demo's generated history; {model} learned from the plant's, so only the plant's history is compared with it.",
  'drift-history-unreadable': 'The history recorded since {model} was trained could not be read',
} as const;

/**
 * What a full job slot runs, as one and as many, by the job's code: a `job` parameter is one of
 * these codes, so the interface words each by its code, not by English that may change.
 */
export const JOB_WORDS = {
  solve: ['solve (optimize or re-plan)', 'solves (optimize or re-plan)'],
  training: ['training', 'trainings'],
  import: ['large file import', 'large file imports'],
  history: ['history job (an export or generated demo history)', 'history jobs (exports or generated demo history)'],
  batch: ['batch scoring', 'batch scorings'],
  demandSeries: ['demand series reading', 'demand series readings'],
  indent: ['rake indent (shown or exported)', 'rake indents (shown or exported)'],
} as const;

/** What a history table records, in the drift check's words: a `noun` parameter is a table's code. */
export const HISTORY_NOUNS = {
  demand: 'daily demand records',
  rake_placements: 'rake placements',
  trips: 'trips',
  loading_events: 'loading events',
  shipments: 'shipments',
} as const satisfies Record<HistoryTable, string>;

/** A code's words: one form, or the forms as one and as many. */
export type CodeWords = string | readonly [one: string, many: string];

/** The parameters whose value is the code of one of the core's words, with each code's English. */
export const WORD_PARAMS_EN: Readonly<Record<string, Readonly<Record<string, CodeWords>>>> = {
  job: JOB_WORDS,
  noun: HISTORY_NOUNS,
};
