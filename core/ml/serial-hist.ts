/**
 * The one-thread histogram builder: both shards of every job run in turn on the calling thread.
 */
import { Arena, ArenaBuffers, checkOwn } from './hist-arena';
import { ShardRunner } from './hist-shard';
import {
  sumHalves,
  type FinalLeaves,
  type Hessians,
  type HistBuilder,
  type HistData,
  type HistShape,
} from './gradient-histogram';

/** Both shards on this thread, shard 0 first (the order the two-thread builder adds them in). */
export class SerialHistBuilder extends ArenaBuffers implements HistBuilder {
  readonly data: HistData;
  protected readonly arena: Arena;
  private readonly runner: ShardRunner;
  constructor(shape: HistShape, arena?: Arena) {
    super();
    this.arena = arena ?? new Arena({ ...shape, threads: 1, slots: 2 });
    this.data = this.arena.data;
    this.runner = new ShardRunner(this.arena, 0);
  }
  runJobs(
    rows: Uint32Array,
    jobs: Int32Array,
    nJobs: number,
    grad: Float32Array,
    hess: Hessians,
    features: Int32Array,
    outs: (Float64Array | null)[],
    final?: FinalLeaves,
  ): void {
    checkOwn(this.arena, rows, grad, hess, final);
    this.runner.setFeatures(features);
    const a = this.arena.slot(0, 0) >> 3,
      b = this.arena.slot(0, 1) >> 3;
    for (let j = 0; j < nJobs; j++) {
      const out = outs[j] ?? null;
      this.runner.runJob(0, jobs, j, grad, hess, out ? 0 : -1, final);
      this.runner.runJob(1, jobs, j, grad, hess, out ? 1 : -1, final);
      if (out) sumHalves(out, this.arena.f64, a, b, features, this.data.nBins);
    }
  }
  addLeafValues(rows: Uint32Array, leafSegs: Int32Array, values: Float64Array, score: Float64Array): void {
    checkOwn(this.arena, rows, null, null, { values, score });
    this.runner.addLeafValues(0, leafSegs, values, values.length, score);
    this.runner.addLeafValues(1, leafSegs, values, values.length, score);
  }
  close(): void {}
}
