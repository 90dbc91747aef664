/**
 * How much CPU the solve is actually getting. On a busy machine a phase planned in wall-clock
 * seconds gets a fraction of a core: column generation's rounds then eat the time the dive and the
 * search after them need, and a plan falls back towards its warm start. Phases that meter their
 * pace shift time from the rounds to the plan-building steps when the share drops.
 */

/** Below this share the meter reads this share: the phases never plan on less. */
export const MIN_CPU_SHARE = 0.2;

/** Wall time before the first reading [ms]: shorter windows read scheduler noise. */
const WARM_MS = 1000;

/**
 * A meter of the CPU this process received since it was made, as a share of `threads` cores'
 * worth of wall time (threads: the solver threads that run at once, e.g. 2 column generation
 * workers). Node 20 has no per-thread CPU clock, so the process's is divided among them; idle
 * threads make it read low, which only makes the phases more cautious. Reads 1 in the first second.
 */
export function cpuShareMeter(threads = 1): () => number {
  const w0 = performance.now();
  const c0 = process.cpuUsage();
  return () => {
    const wallMs = performance.now() - w0;
    if (wallMs < WARM_MS) return 1;
    const c = process.cpuUsage(c0);
    return Math.max(MIN_CPU_SHARE, Math.min(1, (c.user + c.system) / 1000 / (wallMs * threads)));
  };
}

/**
 * When the rounds must end so that what follows them gets `afterS` seconds of CPU at the measured
 * share [ms, Date.now() clock]: never earlier than `minRoundsEndMs` (the rounds keep a part of
 * their time for a bound and a pool of loadings), never later than planned.
 */
export function roundsEnd(
  plannedEndMs: number,
  deadlineMs: number,
  afterS: number,
  share: number,
  minRoundsEndMs: number,
): number {
  const wanted = deadlineMs - (afterS * 1000) / Math.max(MIN_CPU_SHARE, Math.min(1, share));
  return Math.min(plannedEndMs, Math.max(minRoundsEndMs, wanted));
}
