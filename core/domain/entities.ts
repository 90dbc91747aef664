import { z } from 'zod';

/**
 * The plant's master data and the day's planning inputs, as zod schemas. Field names carry
 * their unit (`quantityT`, `railDistanceKm`, `loadingRateTph`, `…Rs`), so a number is never read
 * without it. Cross-entity rules (references between tables) live in validate.ts; these schemas
 * check each row on its own.
 */

const code = z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters');
const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const nonNegative = z.number().finite('must be a finite number').min(0, 'must be ≥ 0');
const positive = z.number().finite('must be a finite number').positive('must be > 0');
/**
 * Upper bounds well beyond any real plant (a year's output is about 5 Mt): an enormous figure is
 * a typo or a hostile file, and would wreck the solver's numerics, so it is refused by name.
 */
const tonnes = (s: z.ZodNumber) => s.max(1e7, 'must be at most 10,000,000 t');
const rupees = (s: z.ZodNumber) => s.max(1e9, 'must be at most ₹1,000,000,000');
const km = positive.max(20_000, 'must be at most 20,000 km');
const hours = positive.max(8_760, 'must be at most 8,760 h (a year)');
const wagonCount = z
  .number()
  .int('must be a whole number')
  .positive('must be > 0')
  .max(200, 'must be at most 200 wagons');
/** ISO timestamp with an explicit zone (Z or ±hh:mm): plant times are IST, never ambiguous. */
export const isoTimestamp = z.iso.datetime({
  offset: true,
  message: 'must be an ISO timestamp with a time zone, e.g. 2026-11-22T06:00:00+05:30',
});
export const isoDate = z.iso.date('must be a date YYYY-MM-DD');

export const PRODUCT_FAMILIES = ['HR_COIL', 'HR_PLATE', 'CR_COIL', 'CR_SHEET', 'GP_SHEET', 'CRNO'] as const;
export const productFamily = z.enum(PRODUCT_FAMILIES);

export const productSchema = z
  .object({
    code,
    name,
    family: productFamily,
    /** The product–wagon matrix: wagon type codes allowed to carry this product. */
    wagonTypes: z.array(code).min(1, 'must list at least one wagon type'),
  })
  .strict();

export const wagonTypeSchema = z
  .object({
    code,
    name,
    /** Permissible carrying capacity per wagon [t]. */
    pccT: positive.max(200, 'must be at most 200 t per wagon'),
    /** Wagons in a full rake. */
    wagonsPerRake: wagonCount,
  })
  .strict();

export const stockyardSchema = z
  .object({
    code,
    name,
    /** Loading points this stockyard can feed. */
    loadingPoints: z.array(code),
    /** Road dispatch capacity [t/day]; a per-day override may lower or raise it (RoadCapacity). */
    roadCapacityTPerDay: tonnes(nonNegative),
  })
  .strict();

export const inventorySchema = z
  .object({
    stockyard: code,
    product: code,
    /** Tonnes on hand [t]. */
    onHandT: tonnes(nonNegative),
    /** Safety stock that must not be dispatched [t]; usable = onHandT − safetyStockT (≥ 0). */
    safetyStockT: tonnes(nonNegative).default(0),
  })
  .strict();

export const loadingPointSchema = z
  .object({
    code,
    name,
    stockyards: z.array(code).min(1, 'must serve at least one stockyard'),
    wagonTypes: z.array(code).min(1, 'must handle at least one wagon type'),
    /** Loading rate [t/h] (forecast by the throughput model; this is the default). */
    loadingRateTph: positive.max(20_000, 'must be at most 20,000 t/h'),
    /** Rakes the siding can hold at once. */
    maxRakes: z.number().int('must be a whole number').min(1, 'must be ≥ 1').max(100, 'must be at most 100'),
    /** Working hours, local clock hours [0, 24]; 0–24 means round the clock. */
    workStartH: z.number().min(0, 'must be ≥ 0').max(24, 'must be ≤ 24').default(0),
    workEndH: z.number().min(0, 'must be ≥ 0').max(24, 'must be ≤ 24').default(24),
    /** Handling charge [₹/t]; falls back to costs.loadingRsPerT when absent. */
    handlingRsPerT: rupees(nonNegative).optional(),
  })
  .strict()
  .refine((lp) => lp.workEndH > lp.workStartH, {
    // The plan, the optimizer and the checker read one window a day on the plant clock.
    message:
      'must be after workStartH: one window within the day (a shift across midnight, e.g. 22–06, is not supported)',
    path: ['workEndH'],
  });

export const corridorSchema = z.object({ code, name }).strict();

export const destinationSchema = z
  .object({
    code,
    name,
    state: z.string().trim().max(100).default(''),
    corridor: code,
    railDistanceKm: km,
    roadDistanceKm: km,
    /** Rail transit time [h] (forecast by the transit-delay model; this is the default). */
    railTransitH: hours,
    /** Road transit time [h]. */
    roadTransitH: hours,
    roadPossible: z.boolean(),
  })
  .strict();

export const RAKE_STATUSES = ['expected', 'placed', 'loading', 'dispatched', 'cancelled'] as const;
export const rakeSchema = z
  .object({
    id: code,
    wagonType: code,
    wagons: wagonCount,
    /** Expected placement at the plant (forecast by the rake-availability model). */
    expectedPlacement: isoTimestamp,
    status: z.enum(RAKE_STATUSES).default('expected'),
  })
  .strict();

export const MODES = ['rail', 'road', 'either'] as const;
export const orderSchema = z
  .object({
    id: code,
    customer: name,
    destination: code,
    product: code,
    quantityT: tonnes(positive),
    dueDate: isoTimestamp,
    priority: z.union([z.literal(1), z.literal(2), z.literal(3)], { message: 'must be 1, 2 or 3' }),
    modes: z.enum(MODES),
    splittable: z.boolean(),
  })
  .strict();

/** A per-day road capacity override for one stockyard [t/day]. */
export const roadCapacitySchema = z
  .object({
    stockyard: code,
    date: isoDate,
    capacityT: tonnes(nonNegative),
  })
  .strict();

/** A lane-specific road rate [₹/t] that replaces the distance formula for that lane. */
export const roadLaneSchema = z
  .object({
    stockyard: code,
    destination: code,
    rsPerT: rupees(nonNegative),
  })
  .strict();

/** A rate in ₹ per unit: bounded far above any real tariff so a typo (1e30) is caught, not optimised. */
const rate = (max: number, unit: string) =>
  nonNegative.max(max, `must be at most ₹${max.toLocaleString('en-IN')} ${unit}`);
const byPriority = (max: number, unit: string) =>
  z.object({ p1: rate(max, unit), p2: rate(max, unit), p3: rate(max, unit) }).strict();

/** Cost rules of DOMAIN.md. Every figure is a planner-editable parameter with a unit in its name. */
export const costParametersSchema = z
  .object({
    effectiveFrom: isoDate,
    railBaseRsPerT: rate(100_000, 'per t').default(150),
    railRsPerTKm: rate(1_000, 'per t·km').default(1.45),
    twoPointSurchargeRs: rate(100_000_000, 'per rake').default(15000),
    minWagonsPerDestination: z.number().int().min(1).max(200, 'must be at most 200 wagons').default(10),
    roadBaseRsPerT: rate(100_000, 'per t').default(250),
    roadRsPerTKm: rate(1_000, 'per t·km').default(3.2),
    truckT: positive.max(200, 'must be at most 200 t per truck').default(25),
    freeTimeH: nonNegative.max(720, 'must be at most 720 h').default(9),
    demurrageRsPerWagonH: rate(100_000, 'per wagon·h').default(150),
    latenessRsPerTDay: byPriority(1_000_000, 'per t·day').default({ p1: 400, p2: 200, p3: 100 }),
    unservedRsPerT: byPriority(10_000_000, 'per t').default({ p1: 3000, p2: 1500, p3: 700 }),
    loadingRsPerT: rate(100_000, 'per t').default(40),
  })
  .strict();

export type Product = z.infer<typeof productSchema>;
export type WagonType = z.infer<typeof wagonTypeSchema>;
export type Stockyard = z.infer<typeof stockyardSchema>;
export type InventoryRow = z.infer<typeof inventorySchema>;
export type LoadingPoint = z.infer<typeof loadingPointSchema>;
export type Corridor = z.infer<typeof corridorSchema>;
export type Destination = z.infer<typeof destinationSchema>;
export type Rake = z.infer<typeof rakeSchema>;
export type Mode = (typeof MODES)[number];
export type Order = z.infer<typeof orderSchema>;
export type RoadCapacity = z.infer<typeof roadCapacitySchema>;
export type RoadLane = z.infer<typeof roadLaneSchema>;
export type CostParameters = z.infer<typeof costParametersSchema>;
export type Priority = Order['priority'];
