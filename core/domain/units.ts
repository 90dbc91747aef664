/**
 * Units are carried in field names (`quantityT`, `railDistanceKm`, `loadingRateTph`, `…Rs`) so a
 * number can never be read without its unit. These aliases document intent in signatures.
 */
export type Tonnes = number;
export type Hours = number;
export type Km = number;
export type Rupees = number;
/** ISO-8601 timestamp with a zone offset, e.g. `2026-11-22T06:00:00+05:30`. */
export type IsoTimestamp = string;

/** Display units for every unit-suffixed field family, used by tables, exports and docs. */
export const UNIT_LABELS = {
  T: 't',
  Km: 'km',
  H: 'h',
  Tph: 't/h',
  Rs: '₹',
  RsPerT: '₹/t',
  RsPerTKm: '₹/t·km',
  RsPerWagonH: '₹/wagon·h',
  RsPerTDay: '₹/t·day',
  TPerDay: 't/day',
} as const;
