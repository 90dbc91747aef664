import type { DemandRow, LoadingEventRow, RakePlacementRow, ShipmentRow, TripRow } from '../../domain/history';
import type { Rng } from '../prng';

export interface HistoryTables {
  demand: DemandRow[];
  rake_placements: RakePlacementRow[];
  trips: TripRow[];
  loading_events: LoadingEventRow[];
  shipments: ShipmentRow[];
}

/** Share of rows with a value not recorded, and of rows with an outlier, per measured column. */
export const MISSING = 0.02;
export const OUTLIER = 0.006;

/**
 * The generated tables and the recording defects (missing values, outliers). Defects draw from
 * their own stream so the simulated chain does not depend on how it was recorded.
 */
export class Recorder {
  readonly tables: HistoryTables = { demand: [], rake_placements: [], trips: [], loading_events: [], shipments: [] };

  constructor(readonly defects: Rng) {}

  /** A few per cent of measured values were never recorded. */
  missing(v: number): number | null {
    return this.defects.chance(MISSING) ? null : v;
  }
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
export const round2 = (x: number) => Math.round(x * 100) / 100;
