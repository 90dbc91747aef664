/**
 * When a phase of `optimize` must stop, on `performance.now()`'s clock [ms], and the time limit it
 * derives from [s] (for the reasons the plan gives). The rule-based and greedy planners check it
 * between orders or rakes: when it has passed they stop, keep what they planned, and say which
 * orders they never reached (Draft.cut).
 */
export interface Deadline {
  atMs: number;
  limitS: number;
}

export const deadlinePassed = (d: Deadline | undefined): boolean => d !== undefined && performance.now() >= d.atMs;
