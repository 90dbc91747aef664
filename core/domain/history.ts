import { z } from 'zod';
import { isoDate, isoTimestamp } from './entities';

/**
 * The plant's history tables (DOMAIN.md, "History the forecasting models learn from"). Column
 * names here are the CSV headers and the SQLite columns; the generator writes them and the
 * forecasting models read them. Nullable numbers are the "few per cent missing values".
 */
const num = z.number().finite();
/** A figure within the range a real record can hold: a value outside is a typing or unit error. */
const within = (lo: number, hi: number, unit: string) =>
  num.min(lo, `must be ≥ ${lo} ${unit}`).max(hi, `must be ≤ ${hi.toLocaleString('en-US')} ${unit}`);
const positive = (hi: number, unit: string) =>
  num.positive(`must be > 0 ${unit}`).max(hi, `must be ≤ ${hi.toLocaleString('en-US')} ${unit}`);
const TONNES = within(0, 1_000_000, 't');
const KM = within(0, 10_000, 'km');

/** demand: day × destination × product → tonnes ordered. */
export const demandRowSchema = z.object({
  date: isoDate,
  destination: z.string(),
  product: z.string(),
  corridor: z.string(),
  tonnes: TONNES.nullable(),
});
/** rake placements: promised vs actual placement, delay in hours. */
export const rakePlacementRowSchema = z.object({
  rakeId: z.string(),
  wagonType: z.string(),
  loadingPoint: z.string(),
  promisedAt: isoTimestamp,
  actualAt: isoTimestamp,
  delayH: within(-1_000, 1_000, 'h').nullable(),
});
/** trips: each rail trip → transit hours. */
export const tripRowSchema = z.object({
  date: isoDate,
  rakeId: z.string(),
  corridor: z.string(),
  destination: z.string(),
  distanceKm: KM,
  wagonType: z.string(),
  month: z.number().int().min(1).max(12),
  loadT: within(0, 10_000, 't').nullable(),
  transitH: positive(2_000, 'h').nullable(),
});
/** loading events: loading point, product, wagon type, tonnes, hours → rate. */
export const loadingEventRowSchema = z.object({
  date: isoDate,
  rakeId: z.string(),
  loadingPoint: z.string(),
  product: z.string(),
  wagonType: z.string(),
  tonnes: within(0, 10_000, 't'),
  hours: positive(1_000, 'h').nullable(),
  rateTph: positive(10_000, 't/h').nullable(),
});
/** shipments: lane, mode, tonnes, distance → cost per tonne and the mode chosen. */
export const shipmentRowSchema = z.object({
  date: isoDate,
  orderId: z.string(),
  stockyard: z.string(),
  destination: z.string(),
  corridor: z.string(),
  product: z.string(),
  priority: z.number().int().min(1).max(3),
  mode: z.enum(['rail', 'road']),
  tonnes: TONNES,
  distanceKm: KM,
  costRsPerT: within(0, 100_000, '₹/t').nullable(),
});

export type DemandRow = z.infer<typeof demandRowSchema>;
export type RakePlacementRow = z.infer<typeof rakePlacementRowSchema>;
export type TripRow = z.infer<typeof tripRowSchema>;
export type LoadingEventRow = z.infer<typeof loadingEventRowSchema>;
export type ShipmentRow = z.infer<typeof shipmentRowSchema>;

export const HISTORY_TABLES = {
  demand: demandRowSchema,
  rake_placements: rakePlacementRowSchema,
  trips: tripRowSchema,
  loading_events: loadingEventRowSchema,
  shipments: shipmentRowSchema,
} as const;
export type HistoryTable = keyof typeof HISTORY_TABLES;

/** The column that dates each history row (an ISO date, or a timestamp whose first 10 characters are one). */
export const HISTORY_DATE_COLUMN: Readonly<Record<HistoryTable, string>> = {
  demand: 'date',
  rake_placements: 'promisedAt',
  trips: 'date',
  loading_events: 'date',
  shipments: 'date',
};
