/**
 * Where HiGHS holds the master's columns. The master's own vectors (solveMip, roundedStart, chosen)
 * index its base columns (unserved tonnes, trucks, exchanges) first and its loadings after; HiGHS
 * holds them in the order they entered it, and the trucks dropped idle not at all (Master.dropIdle,
 * priceTrucks).
 */
export class ColumnMap {
  /** The master column of each HiGHS column. */
  private at: number[] = [];
  /** The HiGHS column of each master column (−1 or absent: HiGHS does not hold it). */
  private pos: number[] = [];

  /** HiGHS holds `cols` (master columns), in this order. */
  reset(cols: number[]): void {
    this.at = cols;
    this.pos = [];
    cols.forEach((j, i) => {
      this.pos[j] = i;
    });
  }

  /** Master column j entered HiGHS as its last column. */
  add(j: number): void {
    this.pos[j] = this.at.length;
    this.at.push(j);
  }

  /** The master columns HiGHS holds, in its order. */
  get held(): readonly number[] {
    return this.at;
  }

  /** HiGHS' indices of master columns `js`, increasing (HiGHS takes an index set so). */
  indices(js: Iterable<number>): Int32Array {
    return Int32Array.from(js, (j) => this.pos[j]!).sort();
  }

  /** After HiGHS deleted master columns `gone`: the rest keep their order, renumbered by `renumber`. */
  remove(gone: Set<number>, renumber: (j: number) => number): void {
    this.reset(this.at.flatMap((j) => (gone.has(j) ? [] : [renumber(j)])));
  }

  /** A vector in HiGHS' order as the master's, of `n` columns (those HiGHS does not hold read 0). */
  fromHighs(v: ArrayLike<number>, n: number): Float64Array {
    const x = new Float64Array(n);
    for (let i = 0; i < this.at.length; i++) x[this.at[i]!] = v[i]!;
    return x;
  }

  /** A master vector in HiGHS' order (columns past its end read 0). */
  toHighs(x: Float64Array): Float64Array {
    return Float64Array.from(this.at, (j) => x[j] ?? 0);
  }
}
