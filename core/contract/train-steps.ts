import type { HistoryFrom } from './api/training';
import { fillReason } from './refusals';

// A training's steps before and after its rounds as data, beside the English message the command
// line prints: the interface words them in its own language (renderer/src/pages/Models/trainProgressText.ts).

/** Each step's English words, by code. */
export const TRAIN_STEP_EN = {
  'loading-history': 'Loading {table} history',
  'training-rows': '{rows} training rows from {source}',
  'reading-csv': 'Reading {path}',
  saving: 'Saving {dir}',
} as const;

export type TrainStepCode = keyof typeof TRAIN_STEP_EN;

/** A step as the progress event carries it; `history` says where a spec's rows came from. */
export interface TrainStep {
  message: string;
  code: TrainStepCode;
  params: Record<string, string | number>;
  history?: HistoryFrom;
}

export const trainStep = (code: TrainStepCode, params: TrainStep['params'], history?: HistoryFrom): TrainStep => ({
  message: fillReason(TRAIN_STEP_EN[code], params),
  code,
  params,
  ...(history ? { history } : {}),
});
