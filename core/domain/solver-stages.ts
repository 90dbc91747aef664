/**
 * What each stage of a solve did, as data (`solver.status` says the same in words for the
 * planner): tests, the bench and tools read these fields, never the status text.
 */
export interface SolverStages {
  /** Column generation before the MILP run (day and week sizes). */
  columnGeneration?: { rounds: number; loadings: number; status: string };
  /** False when the MILP run skipped branch-and-bound and only searched neighbourhoods. */
  branchAndBound?: boolean;
  /** The decomposed solve's two workers (large size, or `decompose: 'always'`). */
  workers?: {
    bound: { rounds: number; status: string };
    diving: { rounds: number; status: string };
    /** Rounds whose pricing the two workers shared. */
    sharedRounds: number;
    /** Whether the dive found a plan, and whether that plan (not the warm start) was returned. */
    diveFoundPlan: boolean;
    planFrom: 'dive' | 'warm start';
  };
}
