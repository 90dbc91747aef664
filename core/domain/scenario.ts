import { z } from 'zod';
import {
  corridorSchema,
  costParametersSchema,
  destinationSchema,
  inventorySchema,
  isoTimestamp,
  loadingPointSchema,
  orderSchema,
  productSchema,
  rakeSchema,
  roadCapacitySchema,
  roadLaneSchema,
  stockyardSchema,
  wagonTypeSchema,
} from './entities';
import { inputSourceSchema } from './input-sources';

export const SCENARIO_FORMAT = 'rakeplan.scenario/1';

/** The plant's master data: what changes rarely. */
export const plantSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    products: z.array(productSchema),
    wagonTypes: z.array(wagonTypeSchema),
    stockyards: z.array(stockyardSchema),
    loadingPoints: z.array(loadingPointSchema),
    corridors: z.array(corridorSchema),
    destinations: z.array(destinationSchema),
  })
  .strict();

/**
 * A scenario: master data plus the day's open orders, stock, rakes, road capacity, costs and the
 * planning horizon. This is also the on-disk JSON format (`rakeplan.scenario/1`).
 */
export const scenarioSchema = z
  .object({
    format: z.literal(SCENARIO_FORMAT, { message: `must be "${SCENARIO_FORMAT}"` }),
    name: z.string().trim().min(1, 'must not be empty').max(200),
    horizon: z
      .object({
        start: isoTimestamp,
        days: z.number().int('must be a whole number').min(1, 'must be ≥ 1').max(31, 'must be ≤ 31'),
      })
      .strict(),
    plant: plantSchema,
    orders: z.array(orderSchema),
    inventory: z.array(inventorySchema),
    rakes: z.array(rakeSchema),
    roadCapacity: z.array(roadCapacitySchema).default([]),
    roadLanes: z.array(roadLaneSchema).default([]),
    costs: costParametersSchema,
    /** Optional: where forecast figures came from (input-sources.ts; docs/scenario-format.md). */
    sources: z.array(inputSourceSchema).optional(),
  })
  .strict();

export type Plant = z.infer<typeof plantSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;
/** What a caller may send: defaults not yet applied. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
