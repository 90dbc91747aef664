import { z } from 'zod';
import { defineCall } from '../define';
import type { InputSource } from '../../domain/input-sources';
import type { Scenario } from '../../domain/scenario';
import type { Indent } from '../../forecasts/indent';
import type { ErrorReason } from '../refusals';
import type { HistoryFrom } from './training';

/** Forecasts into planning: "Update from forecasts" with its provenance, and the rake indent. */
const id = z.string().trim().min(1, 'must not be empty').max(64);
const target = {
  /** A saved scenario, or an inline `rakeplan.scenario/1` object. */
  scenarioId: id.optional(),
  scenario: z.unknown().optional(),
  /**
   * The planner asks for the demo: models trained on synthetic history may feed it. A saved
   * scenario generated as the demo counts as asked.
   */
  demo: z.boolean().default(false),
};
const oneOf = (p: { scenarioId?: string; scenario?: unknown }) =>
  (p.scenarioId === undefined) !== (p.scenario === undefined);
const oneOfMessage = { message: 'give exactly one of scenarioId or scenario', path: ['scenarioId'] };

export interface ApplyForecastsResult {
  /** The updated scenario (saved when `save` was asked, else only returned). */
  scenario: Scenario;
  sources: InputSource[];
  /** The rows whose value changed: the diff. */
  changes: InputSource[];
  saved: boolean;
}

/**
 * What split forecast demand into its rail part: the lanes' shipment history (`history` names the
 * table), or none the scenario may use (`history` says what is stored: the demo's, or nothing),
 * when all of it counts as rail.
 */
export type RailShareFrom = { code: 'history' | 'no-history'; history: HistoryFrom };

export interface IndentResult extends Indent {
  /**
   * What the forecast demand came from (`model demand@V`, `baseline demand`, or none and why),
   * and for a forecast what its rail share came from.
   */
  demandSource: string;
  /**
   * The same as a code: a forecast (`source`, the English label with why a model stood aside in
   * brackets; `label`, the label alone, and `reasons`, that why as reason codes; `railShare`, what
   * split it by mode) or none, and why: `noModel` when the registry has no demand model to serve,
   * else `why`, the host's text, with `reasons` its codes and `history` the history read when the
   * plant has none (the reason's `{history}`).
   */
  demandFrom:
    | { code: 'forecast'; source: string; label: string; reasons?: ErrorReason[]; railShare: RailShareFrom }
    | { code: 'none'; noModel: boolean; why: string; reasons: ErrorReason[]; history?: HistoryFrom };
}

export const forecastsContract = {
  'forecasts.apply': defineCall(
    z
      .object({ ...target, save: z.boolean().default(false) })
      .strict()
      .refine(oneOf, oneOfMessage)
      .refine((p) => !p.save || p.scenarioId !== undefined, {
        message: 'save needs a saved scenario (scenarioId)',
        path: ['save'],
      }),
  ).returns<ApplyForecastsResult>(),
  /** Set every figure the last update changed back to its value before, and drop the sources. */
  'forecasts.undo': defineCall(z.object({ scenarioId: id }).strict()).returns<{ restored: number }>(),
  'forecasts.indent': defineCall(
    z
      .object({ ...target, days: z.number().int().min(1).max(14).default(14) })
      .strict()
      .refine(oneOf, oneOfMessage),
  ).returns<IndentResult>(),
  'forecasts.exportIndent': defineCall(
    z
      .object({ ...target, days: z.number().int().min(1).max(14).default(14), format: z.enum(['xlsx', 'csv']) })
      .strict()
      .refine(oneOf, oneOfMessage),
  ).returns<{ fileName: string; mimeType: string; base64: string }>(),
};
