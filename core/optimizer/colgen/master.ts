import type loadHighs from 'highs';
import type { Draft } from '../draft';
import { lineTonnes } from '../draft';
import type { ModelOptions } from '../model';
import { roadTonneCost, unservedTonneCost, type Prep } from '../prep';
import type { Duals, OrderInfo, Pattern, RakeInfo } from './loading';
import { columnsDraft, draftPatterns, startVector, type MasterColumns } from './master-draft';
import { dualsView, masterRows, reducedCostOf, type Col, type RoadCol } from './master-rows';
import { lagrangianBase, subgradient, type Relaxation } from './lagrangian';
import { ColumnMap } from './column-map';
import { roundLp } from './rounding';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
type HighsModel = ReturnType<Highs['createModel']>;

/** A restricted master MIP's plan: the draft, its objective, its column vector, and whether HiGHS proved it optimal. */
export interface MipPlan {
  draft: Draft;
  objective: number;
  x: Float64Array;
  proven: boolean;
}

/**
 * The master problem of the column generation: every rake takes at most one loading (a pattern)
 * from those generated so far; orders are covered by patterns, trucks or left unserved; stock,
 * road capacity per yard and day, siding capacity and "one shipment" for unsplittable orders are
 * its rows. Trucks and unserved tonnes are ordinary columns, as in the whole-horizon model.
 */
export class Master {
  readonly orders: OrderInfo[];
  readonly rakes: RakeInfo[];
  readonly patterns: Pattern[] = [];
  /** Per pattern: its signature (for `seen`). */
  private readonly sigs: string[] = [];
  /** Per master column (loadings and trucks): the LP solves in a row it sat at 0 with a positive reduced cost. */
  private readonly idle: number[] = [];
  private readonly rowLo: number[];
  private readonly rowUp: number[];
  private readonly rowIdx: Map<string, number>;
  private readonly cols: Col[];
  private readonly roadCols: Array<RoadCol | null>;
  /** Column index of pattern k in the master's vectors = firstPatternCol + k. */
  private readonly firstPatternCol: number;
  /** Where HiGHS holds each column. */
  private readonly inHighs = new ColumnMap();
  /**
   * Trucks HiGHS does not hold: dropped idle (dropIdle), they come back when they price out
   * (priceTrucks). Large has 15,000 truck columns against 3,000 loadings, most never used; HiGHS'
   * simplex took half the time per iteration on a master holding 30 % of them (bench/RESULTS.md).
   */
  private readonly trucksOut = new Set<number>();
  private readonly seen = new Set<string>();
  /** The rows and base columns the Lagrangian bound reads (lagrangian.ts). */
  private readonly relaxation: Relaxation;
  model: HighsModel | null = null;
  /** The last master LP stopped at its time limit. */
  lpTimedOut = false;
  private duals: Float64Array | null = null;
  /** The next LP re-solves by dual simplex (closeExchanges changed bounds only). */
  private dualNext = false;
  /** Columns of the exchanges between orders (exchanges.ts): open for the rounds only. */
  private readonly exchangeCols: number[];

  /** `withExchanges`: add the exchange columns (a bound-only aid; closeExchanges before any plan). */
  constructor(
    private readonly p: Prep,
    private readonly h: Highs,
    opts: ModelOptions,
    withExchanges = false,
  ) {
    const rows = masterRows(p, opts, withExchanges);
    this.orders = rows.orders;
    this.rakes = rows.rakes;
    this.rowLo = rows.rowLo;
    this.rowUp = rows.rowUp;
    this.rowIdx = rows.rowIdx;
    this.cols = rows.cols;
    this.roadCols = rows.roadCols;
    this.exchangeCols = rows.exchangeCols;
    this.firstPatternCol = this.cols.length;
    this.relaxation = { ...rows, base: this.cols.slice(0, this.firstPatternCol) };
  }

  /** Put truck j back into HiGHS' model (trucks leave it only once loaded: dropIdle). */
  private bringIn(j: number): void {
    if (!this.trucksOut.delete(j)) return;
    const c = this.cols[j]!;
    this.model!.addCol(c.cost, 0, c.ub === Infinity ? this.h.infinity : c.ub, {
      indices: Int32Array.from(c.rows),
      values: Float64Array.from(c.vals),
    });
    this.inHighs.add(j);
  }

  /**
   * Bring in the trucks whose reduced cost at `pi` (the master's own duals) is below 0; how many.
   * The Lagrangian bound prices every truck, in HiGHS or not (lagrangianBase), so it stays valid.
   */
  priceTrucks(pi: Float64Array): number {
    let n = 0;
    for (const j of this.trucksOut)
      if (reducedCostOf(this.cols[j]!, pi) < -1e-3) {
        this.bringIn(j);
        n++;
      }
    return n;
  }

  /** A vector in HiGHS' column order as the master's. */
  private fromHighs(v: ArrayLike<number>): Float64Array {
    return this.inHighs.fromHighs(v, this.firstPatternCol + this.patterns.length);
  }

  /**
   * Shut the exchange columns: the master is the plan's model again. Its LP and MIP solutions are
   * then plans (a tonne moved between orders is not one); the bound stays valid either way.
   */
  closeExchanges(): void {
    if (!this.exchangeCols.length) return;
    for (const j of this.exchangeCols) this.cols[j]!.ub = 0;
    this.model?.changeColsBounds(
      { kind: 'set', indices: this.inHighs.indices(this.exchangeCols) } as never,
      new Float64Array(this.exchangeCols.length),
      new Float64Array(this.exchangeCols.length),
    );
    this.exchangeCols.length = 0;
    // Shut columns that sat in the basis leave it primal infeasible: the dual simplex re-solves
    // it in 40–65 % of the primal's time (the dive's first LP; figures: bench/RESULTS.md).
    this.dualNext = true;
  }

  private patternCol(pt: Pattern): Col {
    const rows = [this.rowIdx.get(`one_${pt.r}`)!, ...pt.sidRows];
    const vals = rows.map(() => 1);
    for (const l of pt.lines) {
      rows.push(this.rowIdx.get(`ord_${l.o}`)!);
      vals.push(l.tonnes);
      const single = this.rowIdx.get(`single_${l.o}`);
      if (single !== undefined) {
        rows.push(single);
        vals.push(1);
      }
    }
    for (const [k, t] of pt.draws) {
      rows.push(this.rowIdx.get(`inv_${k}`)!);
      vals.push(t);
    }
    // No column bound: `one_r` (≤ 1) bounds it. A bound of 1 would let the LP price a rake's loading
    // at that bound (negative reduced cost) instead of through the rake's dual, and the bound
    // z + Σ min(0, reduced cost) would count that rake twice.
    return { cost: pt.cost, ub: Infinity, int: true, rows, vals };
  }

  /** Add a pattern unless an identical one is there; true when added. */
  addPattern(pt: Pattern): boolean {
    const sig = patternSig(pt);
    if (this.seen.has(sig)) return false;
    this.seen.add(sig);
    this.patterns.push(pt);
    this.sigs.push(sig);
    this.idle[this.firstPatternCol + this.patterns.length - 1] = 0;
    const col = this.patternCol(pt);
    if (this.model) {
      this.model.addCol(col.cost, 0, this.h.infinity, {
        indices: Int32Array.from(col.rows),
        values: Float64Array.from(col.vals),
      });
      this.inHighs.add(this.firstPatternCol + this.patterns.length - 1);
    } else {
      this.cols.push(col);
      this.roadCols.push(null);
    }
    return true;
  }

  /** Pass the model to HiGHS (after the initial patterns). */
  load(): void {
    this.inHighs.reset(this.cols.flatMap((_, j) => (this.trucksOut.has(j) ? [] : [j])));
    const cols = this.inHighs.held.map((j) => this.cols[j]!);
    const n = cols.length;
    const starts = new Int32Array(n + 1);
    const idx: number[] = [];
    const val: number[] = [];
    for (let j = 0; j < n; j++) {
      const c = cols[j]!;
      idx.push(...c.rows);
      val.push(...c.vals);
      starts[j + 1] = idx.length;
    }
    const inf = this.h.infinity;
    this.model = this.h.createModel();
    this.model.passModel({
      numCols: n,
      numRows: this.rowLo.length,
      colCost: Float64Array.from(cols.map((c) => c.cost)),
      colLower: new Float64Array(n),
      colUpper: Float64Array.from(cols.map((c) => (c.ub === Infinity ? inf : c.ub))),
      rowLower: Float64Array.from(this.rowLo.map((v) => (v === -Infinity ? -inf : v))),
      rowUpper: Float64Array.from(this.rowUp.map((v) => (v === Infinity ? inf : v))),
      matrix: {
        format: 'csc',
        numRows: this.rowLo.length,
        numCols: n,
        starts,
        indices: Int32Array.from(idx),
        values: Float64Array.from(val),
      },
    } as never);
  }

  /** Solve the LP relaxation; its optimum and the duals the pricing reads. `stop` interrupts it (null then). */
  solveLp(timeLimitS: number, stop?: () => boolean): number | null {
    const m = this.model!;
    m.clearIntegrality(); // solveMip leaves the loadings integer
    // HiGHS' time limit counts from its clocks' last reset, not from this run.
    m.zeroAllClocks();
    // Primal simplex: new loadings leave the last basis primal feasible, so a re-solve takes a
    // fraction of the dual simplex's iterations (figures: bench/RESULTS.md); dual after closeExchanges.
    m.options.set({
      output_flag: false,
      time_limit: Math.max(0.1, timeLimitS),
      simplex_strategy: this.dualNext ? 1 : 4,
    });
    this.dualNext = false;
    m.run(
      stop
        ? {
            [this.h.constants.callbackType.simplexInterrupt]: (e) => {
              if (stop()) e.interrupt();
              return undefined;
            },
          }
        : undefined,
    );
    this.lpTimedOut = m.getModelStatus() === this.h.constants.modelStatus.timeLimit;
    if (m.getModelStatus() !== this.h.constants.modelStatus.optimal) return null;
    this.duals = Float64Array.from(m.getSolution().rowDual);
    return m.getObjectiveValue();
  }

  /**
   * Drop the loadings the last `rounds` master LPs left at 0 with a positive reduced cost, and the
   * trucks the last one left so (column ageing): the master LP slows with every column (large:
   * 15 s a solve at 12,000 loadings; its 15,000 trucks, most never used, halve the simplex's pace).
   * Should one price out later, pricing generates a dropped loading again and priceTrucks brings a
   * truck back. Call after solveLp.
   */
  dropIdle(rounds: number): void {
    const m = this.model!;
    const sol = m.getSolution();
    const drop = new Set<number>();
    this.inHighs.held.forEach((j, i) => {
      if (j < this.firstPatternCol && !this.roadCols[j]) return;
      const resting = sol.colValue[i]! < 1e-9 && sol.colDual[i]! > 1e-6;
      const n = resting ? (this.idle[j] ?? 0) + 1 : 0;
      this.idle[j] = n;
      // A truck leaves after one LP at rest: bringing it back costs no pricing (priceTrucks).
      if (n > (j < this.firstPatternCol ? 0 : rounds)) drop.add(j);
    });
    if (!drop.size) return;
    // Dropped columns are non-basic, so the basis stays valid and the next solve starts from it.
    m.deleteCols({ kind: 'set', indices: this.inHighs.indices(drop) } as never);
    // Compact the loadings in place; HiGHS shifts its columns down past each one deleted.
    const moved = new Map<number, number>();
    let n = 0;
    for (let k = 0; k < this.patterns.length; k++) {
      const j = this.firstPatternCol + k;
      if (drop.has(j)) {
        this.seen.delete(this.sigs[k]!);
        continue;
      }
      const to = this.firstPatternCol + n;
      moved.set(j, to);
      this.patterns[n] = this.patterns[k]!;
      this.sigs[n] = this.sigs[k]!;
      this.idle[to] = this.idle[j]!;
      n++;
    }
    this.patterns.length = n;
    this.sigs.length = n;
    this.idle.length = this.firstPatternCol + n;
    for (const j of drop)
      if (j < this.firstPatternCol) {
        this.trucksOut.add(j);
        this.idle[j] = 0;
      }
    this.inHighs.remove(drop, (j) => moved.get(j) ?? j);
  }

  /** Whether master column j is integer in the restricted master MIP (loadings and whole trucks). */
  private isInt(j: number): boolean {
    return j >= this.firstPatternCol || this.cols[j]!.int;
  }

  /** The master's size now: columns, integer ones (loadings and whole trucks), rows, non-zeros. */
  size(): { columns: number; integers: number; rows: number; nonzeros: number } {
    const d = this.model!.getDimensions();
    const ints = this.inHighs.held.filter((j) => this.isInt(j)).length;
    return { columns: d.numCols, integers: ints, rows: d.numRows, nonzeros: d.numNonzeros };
  }

  /** Row upper limits (∞ for ≥ rows): what the dive's fixed options may use up together (sidings). */
  rowLimits(): number[] {
    return [...this.rowUp];
  }

  /** The last LP's value of every pattern (index as `patterns`). */
  patternValues(): Float64Array {
    return this.fromHighs(this.model!.getSolution().colValue).subarray(this.firstPatternCol);
  }

  /** The last LP's row duals, clamped to their signs (≤ rows ≤ 0, ≥ rows ≥ 0). */
  get lpDuals(): Float64Array {
    return this.duals!.map((v, i) =>
      this.rowLo[i] === -Infinity ? Math.min(0, v) : this.rowUp[i] === Infinity ? Math.max(0, v) : v,
    );
  }

  /** The pricing's view of a dual vector (`rakeDuals` false: the rakes' one-loading rows read 0). */
  view(dl: Float64Array, rakeDuals = true): Duals {
    return dualsView(this.p, { orders: this.orders, rakes: this.rakes, rowIdx: this.rowIdx }, dl, rakeDuals);
  }

  /** The Lagrangian bound's part without the rakes at duals `pi` (lagrangian.ts). */
  lagrangianBase(pi: Float64Array): number {
    return lagrangianBase(this.relaxation, pi);
  }

  /** A subgradient of the Lagrangian bound at duals `pi`, the loadings `picks` taken (lagrangian.ts). */
  subgradient(pi: Float64Array, picks: Pattern[]): Float64Array {
    return subgradient(
      this.relaxation,
      pi,
      picks.map((pt) => this.patternCol(pt)),
    );
  }

  /** A pattern's reduced cost at duals `pi` (its rake's one-loading dual included). */
  reducedCost(pt: Pattern, pi: Float64Array): number {
    return reducedCostOf(this.patternCol(pt), pi);
  }

  /** A draft's rakes as patterns (the warm start), priced as the whole-horizon model prices them. */
  addDraft(draft: Draft): void {
    for (const pt of draftPatterns(this.p, this.orders, this.rakes, draft)) this.addPattern(pt);
    this.bringInTrucks(draft);
  }

  /** Bring in the trucks of a draft's road lots (a start point must find its columns in HiGHS). */
  private bringInTrucks(draft: Draft): void {
    if (!draft.road.length) return;
    const byId = new Map(this.orders.map((oi) => [oi.id, oi.o]));
    const lots = new Set(draft.road.map((rd) => `${byId.get(rd.orderId)}|${rd.stockyard}|${rd.day}`));
    for (const j of this.trucksOut) {
      const c = this.roadCols[j]!;
      if (lots.has(`${c.o}|${c.y}|${c.d}`)) this.bringIn(j);
    }
  }

  /** The columns a column vector is read against (draft ↔ vector, master-draft.ts). */
  private columns(): MasterColumns {
    return {
      orders: this.orders,
      patterns: this.patterns,
      roadCols: this.roadCols,
      firstPatternCol: this.firstPatternCol,
    };
  }

  /**
   * Solve the master as a MIP over the patterns generated (restricted master heuristic): one
   * pattern per rake, whole trucks for unsplittable orders. `start` is a plan (its loadings added
   * with addDraft) or a column vector of an earlier solve. Returns the draft and its columns, or null.
   */
  solveMip(timeLimitS: number, start: Draft | Float64Array | null, stop?: () => boolean): MipPlan | null {
    this.closeExchanges();
    if (start && !(start instanceof Float64Array)) this.bringInTrucks(start);
    const m = this.model!;
    const ints: number[] = [];
    this.inHighs.held.forEach((j, i) => {
      if (this.isInt(j)) ints.push(i);
    });
    m.changeColsIntegrality(
      { kind: 'set', indices: Int32Array.from(ints) } as never,
      Int32Array.from(ints.map(() => 1)),
    );
    m.zeroAllClocks();
    // Dual simplex (HiGHS' default) for branch-and-bound; solveLp sets primal.
    m.options.set({
      output_flag: false,
      time_limit: Math.max(0.2, timeLimitS),
      mip_rel_gap: 1e-4,
      random_seed: 1,
      simplex_strategy: 1,
    });
    // Loadings added since a vector was read take 0 there.
    if (start instanceof Float64Array) m.setSolution({ colValue: this.inHighs.toHighs(start) });
    else if (start)
      m.setSolution({
        colValue: this.inHighs.toHighs(startVector(this.columns(), start, this.firstPatternCol + this.patterns.length)),
      });
    m.run({
      [this.h.constants.callbackType.mipInterrupt]: (e) => {
        if (stop?.()) e.interrupt();
        return undefined;
      },
    });
    const ok = Number(m.info.get('primal_solution_status')) === this.h.constants.solutionStatus.feasible;
    if (!ok) return null;
    const x = this.fromHighs(m.getSolution().colValue);
    const proven = m.getModelStatus() === this.h.constants.modelStatus.optimal;
    return { draft: this.draftOf(x), objective: m.getObjectiveValue(), x, proven };
  }

  /**
   * A feasible point from the last LP (rounding.ts): a start for solveMip (call after solveLp).
   * Loadings cut to fit join the master.
   */
  roundedStart(): Float64Array {
    const all = this.fromHighs(this.model!.getSolution().colValue);
    const r = roundLp({
      p: this.p,
      orders: this.orders,
      rakes: this.rakes,
      patterns: this.patterns,
      patternValues: all.subarray(this.firstPatternCol),
      trucks: this.inHighs.held.flatMap((j) =>
        this.roadCols[j] && all[j]! > 1e-6
          ? [{ j, value: all[j]!, col: this.cols[j]!, whole: this.roadCols[j]!.whole }]
          : [],
      ),
      rowUp: this.rowUp,
      rowIdx: this.rowIdx,
      col: (pt) => this.patternCol(pt),
    });
    const ks = r.loadings.map((l) => (typeof l === 'number' ? l : this.patternIndex(l)));
    const x = new Float64Array(this.firstPatternCol + this.patterns.length);
    for (const k of ks) x[this.firstPatternCol + k] = 1;
    for (const [j, v] of r.trucks) x[j] = v;
    r.unserved.forEach((u, i) => {
      x[i] = u;
    });
    return x;
  }

  /** The plan of a column vector of this master (solveMip's, roundedStart's). */
  draftOf(x: Float64Array): Draft {
    return columnsDraft(this.columns(), x);
  }

  /** Pattern pt's index, added to the master unless an identical one is there. */
  private patternIndex(pt: Pattern): number {
    return this.addPattern(pt) ? this.patterns.length - 1 : this.sigs.indexOf(patternSig(pt));
  }

  /** The loading (pattern index) each rake takes in a column vector of solveMip. */
  chosen(x: Float64Array): Map<number, number> {
    const out = new Map<number, number>();
    this.patterns.forEach((pt, k) => {
      if (x[this.firstPatternCol + k]! > 0.5) out.set(pt.r, k);
    });
    return out;
  }

  /** Set the bounds of patterns ks (dive.ts shuts a fixed rake's loadings outside its option; polish.ts opens, shuts and holds neighbourhoods). */
  boundPatterns(ks: number[], lo: number, up: number): void {
    if (!ks.length) return;
    const u = up === Infinity ? this.h.infinity : up;
    this.model!.changeColsBounds(
      { kind: 'set', indices: this.inHighs.indices(ks.map((k) => this.firstPatternCol + k)) } as never,
      Float64Array.from(ks, () => lo),
      Float64Array.from(ks, () => u),
    );
  }
}

/**
 * The whole-horizon model's objective for a draft: its loadings priced as the master prices them
 * (patternCost), trucks and unserved tonnes at the model's rates. null when a rake's loading is
 * not one of the model's slots.
 */
export function modelObjective(p: Prep, h: Highs, opts: ModelOptions, draft: Draft): number | null {
  const m = new Master(p, h, opts);
  m.addDraft(draft);
  if (m.patterns.length !== draft.rakes.length) return null;
  const served = new Map<string, number>();
  for (const dr of draft.rakes)
    for (const l of dr.lines) served.set(l.orderId, (served.get(l.orderId) ?? 0) + lineTonnes(l));
  let cost = m.patterns.reduce((a, pt) => a + pt.cost, 0);
  for (const rd of draft.road) {
    const o = p.orderById.get(rd.orderId)!;
    cost += roadTonneCost(p, o, rd.stockyard, rd.day) * rd.tonnes;
    served.set(rd.orderId, (served.get(rd.orderId) ?? 0) + rd.tonnes);
  }
  for (const oi of m.orders) {
    const o = p.orders[oi.o]!;
    cost += unservedTonneCost(p, o) * Math.max(0, oi.q - (served.get(o.id) ?? 0));
  }
  return cost;
}

/** A loading's identity: rake, siding, start, tonnes per order and draws (Master.addPattern keeps one of each). */
const patternSig = (pt: Pattern) =>
  `${pt.r}|${pt.lp}|${pt.startH}|${pt.lines.map((l) => `${l.o}:${l.tonnes}`).join(',')}|${[...pt.draws].join(',')}`;
