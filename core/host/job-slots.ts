import { refusal } from '../contract/errors';
import type { JOB_WORDS } from '../contract/model-reasons';

/**
 * Work that takes seconds: in a worker of its own, with hundreds of MB to GBs of heap (solve,
 * training, import, history), or on the host's thread in pieces (batch scoring, demand series,
 * rake indent).
 */
export type HeavyJob = keyof typeof JOB_WORDS;

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
  // Each batch holds the rows it scores (a history table: ~200k) and a job row of its own.
  batch: 1,
  // Seconds on the host's thread each (see runInTurn): one running and one waiting per kind lets
  // two windows open the Forecasts page at once; a burst beyond that is refused, not queued.
  demandSeries: 2,
  indent: 2,
};

export type RunningJobs = Record<HeavyJob, number>;

export class JobSlots {
  private readonly running = new Map<HeavyJob, number>();
  /** The last piece of work queued by runInTurn; the next one starts after it. */
  private turns: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(running: RunningJobs) => void>();
  private readonly stopper = new AbortController();

  constructor(private readonly limits: Readonly<Record<HeavyJob, number>> = HEAVY_JOB_LIMITS) {}

  /** Run `work` in a slot of `kind`; LIMIT_EXCEEDED when every slot is taken. */
  async run<T>(kind: HeavyJob, work: () => Promise<T>): Promise<T> {
    if (this.stopper.signal.aborted) throw refusal('UNAVAILABLE', { code: 'host-closing', params: {} });
    const n = this.running.get(kind) ?? 0;
    if (n >= this.limits[kind])
      throw refusal(
        'LIMIT_EXCEEDED',
        n === 1 ? { code: 'jobs-full-one', params: { job: kind } } : { code: 'jobs-full', params: { n, job: kind } },
      );
    this.set(kind, n + 1);
    try {
      return await work();
    } finally {
      this.set(kind, (this.running.get(kind) ?? 1) - 1);
    }
  }

  /**
   * Run synchronous work of a second or more on the host's thread in a slot of `kind`: one such
   * piece at a time, each after a turn of the event loop, so other windows' calls are answered
   * between pieces. Run directly, a burst of them held every other call until all had finished.
   */
  runInTurn<T>(kind: HeavyJob, work: () => Promise<T> | T): Promise<T> {
    return this.run(kind, () => {
      const mine = this.turns.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(work);
      this.turns = mine.catch(() => undefined);
      return mine;
    });
  }

  /** How many of each kind run now. */
  counts(): RunningJobs {
    const counts = {} as RunningJobs;
    for (const kind of Object.keys(this.limits) as HeavyJob[]) counts[kind] = this.running.get(kind) ?? 0;
    return counts;
  }

  /** Told the counts whenever a job starts or ends: the desktop host reports them to main, which asks before quitting. */
  onChange(fn: (running: RunningJobs) => void): () => void {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  }

  /** Aborted when the host stops: work that outlives its caller's connection (a training) stops here. */
  get stopping(): AbortSignal {
    return this.stopper.signal;
  }

  /** Refuse new work, abort what listens to `stopping`, and resolve once every slot is free. */
  stop(): Promise<void> {
    this.stopper.abort();
    return new Promise((resolve) => {
      const check = (r: RunningJobs) => {
        if (Object.values(r).some((n) => n > 0)) return;
        off();
        resolve();
      };
      const off = this.onChange(check);
      check(this.counts());
    });
  }

  private set(kind: HeavyJob, n: number): void {
    this.running.set(kind, n);
    const counts = this.counts();
    for (const fn of this.listeners) fn(counts);
  }
}
