/**
 * What each stage of a solve did, as data (`solver.status` says the same in words for the
 * planner): tests, the bench and tools read these fields, never the status text.
 */
export interface SolverStages {
  /** Column generation before the MILP run (day and week sizes). */
  columnGeneration?: { rounds: number; loadings: number; status: string };
  /** False when the MILP run skipped branch-and-bound and only searched neighbourhoods. */
  branchAndBound?: boolean;
  /** The decomposed solve's two workers (week and large sizes, or `decompose: 'always'`). */
  workers?: {
    bound: { rounds: number; status: string };
    diving: { rounds: number; status: string };
    /** Rounds whose pricing the two workers shared. */
    sharedRounds: number;
    /** Workers that dived: 2 at the week size (`bound` is then the first diving worker), 1 above it. */
    divingWorkers: 1 | 2;
    /** Dives that found a plan (the cheaper is returned when it beats the warm start). */
    plansFound: number;
    /** Whether a dive found a plan, and whether that plan (not the warm start) was returned. */
    diveFoundPlan: boolean;
    planFrom: 'dive' | 'warm start';
  };
}
