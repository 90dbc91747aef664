import { ContractError } from '../contract/errors';

/** Work that runs in a worker of its own, with hundreds of MB to GBs of heap. */
export type HeavyJob = 'solve' | 'training' | 'import' | 'history';

/**
 * How many of each kind one host runs at once. A planner's desktop has a few cores: two solves
 * or trainings side by side already share them, and a window (or a page that got the token)
 * asking for more would only exhaust the host's memory. Beyond the limit a call is refused at
 * once, naming what runs, rather than queued behind work it cannot see.
 */
export const HEAVY_JOB_LIMITS: Readonly<Record<HeavyJob, number>> = {
  solve: 2,
  training: 2,
  import: 2,
  // One history job holds a whole history table (and its workbook) in memory, up to ~2 GB; two
  // generated-history replaces at once would only fight over the database's write lock.
  history: 1,
};

/** What runs, as one and as many: the refusal names it. */
const WHAT: Record<HeavyJob, readonly [string, string]> = {
  solve: ['solve (optimize or re-plan)', 'solves (optimize or re-plan)'],
  training: ['training', 'trainings'],
  import: ['large file import', 'large file imports'],
  history: ['history job (an export or generated demo history)', 'history jobs (exports or generated demo history)'],
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
        n === 1
          ? `1 ${WHAT[kind][0]} is running already, the most at once; start this one when it has finished.`
          : `${n} ${WHAT[kind][1]} are running already, the most at once; start this one when one of them has finished.`,
      );
    this.running.set(kind, n + 1);
    try {
      return await work();
    } finally {
      this.running.set(kind, (this.running.get(kind) ?? 1) - 1);
    }
  }
}
