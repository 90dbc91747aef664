import { z } from 'zod';
import { errorReasonSchema } from '../contract/refusals';

/**
 * Where a scenario's forecastable figures came from: one row per figure that "Update from
 * forecasts" considered. `source` is `model NAME@VERSION` (a registry version that beats its
 * baseline), `baseline NAME` (the model's naive baseline, used because the model does not beat
 * it or was trained on synthetic history), `scenario` (the value typed in the scenario was kept)
 * or `default`. `why` says, in words, why a model was not used; `reasons` says it as codes, where
 * the host has them, for the interface to word in its language (a row saved before has only `why`).
 */
export const INPUT_FIELDS = ['railTransitH', 'loadingRateTph', 'expectedPlacement'] as const;

export const inputSourceSchema = z
  .object({
    field: z.enum(INPUT_FIELDS),
    /** The entity's code: destination, loading point or rake id. */
    entity: z.string().trim().min(1).max(64),
    before: z.union([z.number(), z.string()]),
    used: z.union([z.number(), z.string()]),
    source: z.string().trim().min(1).max(200),
    why: z.string().max(2000).optional(),
    reasons: z.array(errorReasonSchema).max(8).optional(),
    /** Transit only: the quantiles the risk of a plan is computed from [h]. */
    p10H: z.number().positive().optional(),
    p50H: z.number().positive().optional(),
    p90H: z.number().positive().optional(),
    /** Placement only: the forecast delay added to the promised time [h]. */
    delayH: z.number().optional(),
    /** Loading only: the per-product rates blended into the loading point's rate [t/h]. */
    byProduct: z
      .array(
        z
          .object({
            product: z.string(),
            rateTph: z.number().positive(),
            weightT: z.number().min(0),
            source: z.string(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export type InputSource = z.infer<typeof inputSourceSchema>;
