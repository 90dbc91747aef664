/**
 * A plan's decisions without its figures: which rake loads what where and when, which trucks
 * leave when. Both planners (rule-based and MILP) produce a Draft; build-plan.ts turns it into a
 * priced, explained Plan so both are priced by the same rules.
 */
export interface DraftLine {
  orderId: string;
  wagons: number;
  /** Tonnes by stockyard. */
  sources: Map<string, number>;
}

export interface DraftRake {
  /** Index into Prep.rakes. */
  rakeIdx: number;
  lp: string;
  startH: number;
  lines: DraftLine[];
}

export interface DraftRoad {
  orderId: string;
  stockyard: string;
  day: number;
  tonnes: number;
}

export interface Draft {
  rakes: DraftRake[];
  road: DraftRoad[];
  /**
   * Set when the planner stopped at its deadline before considering every order: the orders it
   * never reached (left unserved) and why, in words a planner reads as the unserved reason.
   */
  cut?: { orders: Set<string>; reason: string };
}

export const lineTonnes = (l: DraftLine) => [...l.sources.values()].reduce((a, b) => a + b, 0);
