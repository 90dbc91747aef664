import type { HistoryFrom } from '../../../../core/contract/api/training';

/** One destination × product demand series as the host lists it, largest mean first. */
export type Series = {
  destination: string;
  product: string;
  corridor: string;
  meanT: number;
  source: string;
  history: HistoryFrom;
};

export interface DestinationChoice {
  destination: string;
  corridor: string;
  /** Mean daily demand of all its products together [t/day]. */
  meanT: number;
}

/**
 * The picker's first list: every destination once, largest total demand first. With the products
 * in a second list, a planner reaches each of the hundreds of series without one list that long.
 */
export function destinationsOf(series: readonly Series[]): DestinationChoice[] {
  const by = new Map<string, DestinationChoice>();
  for (const s of series) {
    const d = by.get(s.destination) ?? { destination: s.destination, corridor: s.corridor, meanT: 0 };
    d.meanT += s.meanT;
    by.set(s.destination, d);
  }
  return [...by.values()].sort((a, b) => b.meanT - a.meanT);
}

/** The second list: the products sent to one destination, largest first (the host's order). */
export function productsOf(series: readonly Series[], destination: string): Series[] {
  return series.filter((s) => s.destination === destination);
}
