import { ContractError } from '../contract/errors';

/** Work that runs in a worker of its own, with hundreds of MB to GBs of heap. */
export type HeavyJob = 'solve' | 'training' | 'import';

/**
 * How many of each kind one host runs at once. A planner's desktop has a few cores: two solves
 * or trainings side by side already share them, and a window (or a page that got the token)
 * asking for more would only exhaust the host's memory. Beyond the limit a call is refused at
 * once, naming what runs, rather than queued behind work it cannot see.
 */
export const HEAVY_JOB_LIMITS: Readonly<Record<HeavyJob, number>> = { solve: 2, training: 2, import: 2 };

const WHAT: Record<HeavyJob, string> = {
  solve: 'solves (optimize or re-plan)',
  training: 'trainings',
  import: 'large file imports',
};

export class JobSlots {
  private readonly running = new Map<HeavyJob, number>();

  constructor(private readonly limits: Readonly<Record<HeavyJob, number>> = HEAVY_JOB_LIMITS) {}

  /** Run `work` in a slot of `kind`; LIMIT_EXCEEDED when every slot is taken. */
  async run<T>(kind: HeavyJob, work: () => Promise<T>): Promise<T> {
    const n = this.running.get(kind) ?? 0;
    if (n >= this.limits[kind])
      throw new ContractError(
        'LIMIT_EXCEEDED',
        `${n} ${WHAT[kind]} are running already, the most at once; start this one when one of them has finished.`,
      );
    this.running.set(kind, n + 1);
    try {
      return await work();
    } finally {
      this.running.set(kind, (this.running.get(kind) ?? 1) - 1);
    }
  }
}
