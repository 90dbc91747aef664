/**
 * The best plan found so far, shared between the neighbourhood searches on both cores through a
 * SharedArrayBuffer: each search starts its next round from whichever stream's plan is cheaper.
 * Layout: Int32 [lock, version], then Float64 [objective, x…] (x in the LpModel's column order).
 */
export class SharedIncumbent {
  readonly buffer: SharedArrayBuffer;
  private readonly meta: Int32Array;
  private readonly obj: Float64Array;
  private readonly x: Float64Array;

  constructor(source: number | SharedArrayBuffer) {
    this.buffer = typeof source === 'number' ? new SharedArrayBuffer(8 + 8 * (1 + source)) : source;
    this.meta = new Int32Array(this.buffer, 0, 2);
    this.obj = new Float64Array(this.buffer, 8, 1);
    this.x = new Float64Array(this.buffer, 16);
    if (typeof source === 'number') this.obj[0] = Infinity;
  }

  get version(): number {
    return Atomics.load(this.meta, 1);
  }

  /** Publish a plan if it is cheaper than the shared one; true when it was taken. */
  offer(x: ArrayLike<number>, objective: number): boolean {
    return this.locked(() => {
      if (!(objective < this.obj[0]! - 1e-6)) return false;
      this.x.set(x);
      this.obj[0] = objective;
      Atomics.add(this.meta, 1, 1);
      Atomics.notify(this.meta, 1);
      return true;
    });
  }

  /** Block until some plan has been published or `timeoutMs` passes (worker threads only). */
  waitForPlan(timeoutMs: number): void {
    if (timeoutMs > 0) Atomics.wait(this.meta, 1, 0, timeoutMs);
  }

  /** A copy of the shared plan when it is cheaper than `than`, else null. */
  takeIfBetter(than: number): { x: Float64Array; objective: number } | null {
    return this.locked(() => (this.obj[0]! < than - 1e-6 ? { x: Float64Array.from(this.x), objective: this.obj[0]! } : null));
  }

  /** The copy is a few hundred kB at most: a spin lock held for microseconds is enough. */
  private locked<T>(fn: () => T): T {
    while (Atomics.compareExchange(this.meta, 0, 0, 1) !== 0) { /* the other stream is copying */ }
    try {
      return fn();
    } finally {
      Atomics.store(this.meta, 0, 0);
    }
  }
}
