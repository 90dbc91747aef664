import type { Plant } from '../domain/scenario';
import { buildPlantProfile, profileFromPlant, type PlantSize } from './plant';
import { createRng } from './prng';
import type { HistoryTables } from './history/recording';
import { Simulation, type HistoryTruth } from './history/simulation';
import { DAY_MS, istDate, istMidnight } from '../domain/plant-time';
import { planStartForSeed } from './time';

export type { HistoryTables } from './history/recording';
export { Simulation, type HistoryTruth } from './history/simulation';
export { roadProbability } from './history/orders';

/**
 * Years of plant history as one simulated chain: orders arrive (with the seasons of DOMAIN.md),
 * production feeds the stockyards, road orders go by truck within each yard's capacity, rail
 * orders are clubbed by corridor into rakes, rakes are placed (late, more so in the monsoon),
 * loaded at a siding, and travel (slower in the monsoon and on busy corridors). The history ends
 * the day before the seed's plan start. Two years take about a second. Each chain lives in its
 * own module under `history/`.
 */
export function generateHistory(opts: HistoryOptions): HistoryTables {
  return simulateHistory(opts).tables;
}

export interface HistoryOptions {
  seed: number;
  days: number;
  /** Another plant (e.g. an imported one); default the Bokaro demo plant. */
  plant?: Plant;
  /** Use a built-in plant: `large` matches the large scenarios. Ignored when `plant` is given. */
  plantSize?: PlantSize;
}

export function simulateHistory(opts: HistoryOptions): {
  tables: HistoryTables;
  truth: HistoryTruth;
  from: string;
  to: string;
} {
  if (!Number.isInteger(opts.days) || opts.days < 1)
    throw new Error(`history days must be a whole number ≥ 1, got ${opts.days}`);
  const profile = opts.plant ? profileFromPlant(opts.plant) : buildPlantProfile(opts.plantSize ?? 'bokaro');
  const sim = new Simulation(profile, createRng(opts.seed).fork('history'));
  const end = istMidnight(istDate(planStartForSeed(opts.seed)));
  const start = end - opts.days * DAY_MS;
  for (let d = 0; d < opts.days; d++) sim.day(d, start + d * DAY_MS);
  return { tables: sim.tables, truth: sim.truth(), from: istDate(start), to: istDate(end - DAY_MS) };
}
