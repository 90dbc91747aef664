import type { PhaseTime } from '../domain/plan';
import type { Deadline } from './deadline';

/**
 * The clock of one `optimize` call: seconds since it started, each phase's seconds as the plan
 * lists them (`solver.phases`), and deadlines as shares of the time limit.
 */
export class PhaseClock {
  readonly phases: PhaseTime[] = [];
  private readonly started = performance.now();
  private lastAt = 0;

  constructor(readonly timeLimitS: number) {}

  /** Seconds since the call started. */
  elapsed(): number {
    return (performance.now() - this.started) / 1000;
  }

  /** A phase ended now: its seconds since the previous one, its deadline and whether it stopped there. */
  done(phase: string, deadline?: Deadline, stoppedAtDeadline = false): void {
    const now = this.elapsed();
    this.phases.push({
      phase,
      seconds: now - this.lastAt,
      ...(deadline ? { deadlineS: (deadline.atMs - this.started) / 1000 } : {}),
      stoppedAtDeadline,
    });
    this.lastAt = now;
  }

  /** The deadline `seconds` after the start (performance.now() clock). */
  after(seconds: number): Deadline {
    return { atMs: this.started + seconds * 1000, limitS: this.timeLimitS };
  }

  /** The deadline at `share` of the time limit. */
  share(share: number): Deadline {
    return this.after(share * this.timeLimitS);
  }

  /** `seconds` after the start on the Date.now() clock [ms], as the workers' deadlines read. */
  dateMsAfter(seconds: number): number {
    return Date.now() + (this.started + seconds * 1000 - performance.now());
  }
}
