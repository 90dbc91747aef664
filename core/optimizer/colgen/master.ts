import type loadHighs from 'highs';
import type { Draft } from '../draft';
import { lineTonnes } from '../draft';
import type { ModelOptions } from '../model';
import { roadTonneCost, unservedTonneCost, type Prep } from '../prep';
import type { Duals, OrderInfo, Pattern, RakeInfo } from './loading';
import { columnsDraft, draftPatterns, startVector, type MasterColumns } from './master-draft';
import { masterRows, reducedCostOf, type Col, type RoadCol } from './master-rows';

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
  /** Per pattern: its signature (for `seen`) and the LP solves in a row it sat at 0 with a positive reduced cost. */
  private readonly sigs: string[] = [];
  private readonly idle: number[] = [];
  private readonly rowLo: number[];
  private readonly rowUp: number[];
  private readonly rowIdx: Map<string, number>;
  private readonly cols: Col[];
  private readonly roadCols: Array<RoadCol | null>;
  /** Column index of pattern k = firstPatternCol + k. */
  private readonly firstPatternCol: number;
  private readonly seen = new Set<string>();
  private readonly oneRows: Set<number>;
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
    this.oneRows = rows.oneRows;
    this.cols = rows.cols;
    this.roadCols = rows.roadCols;
    this.exchangeCols = rows.exchangeCols;
    this.firstPatternCol = this.cols.length;
  }

  /**
   * Shut the exchange columns: the master is the plan's model again. Its LP and MIP solutions are
   * then plans (a tonne moved between orders is not one); the bound stays valid either way.
   */
  closeExchanges(): void {
    if (!this.exchangeCols.length) return;
    for (const j of this.exchangeCols) this.cols[j]!.ub = 0;
    this.model?.changeColsBounds(
      { kind: 'set', indices: Int32Array.from(this.exchangeCols) } as never,
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
    const sig = `${pt.r}|${pt.lp}|${pt.startH}|${pt.lines.map((l) => `${l.o}:${l.tonnes}`).join(',')}|${[...pt.draws].join(',')}`;
    if (this.seen.has(sig)) return false;
    this.seen.add(sig);
    this.patterns.push(pt);
    this.sigs.push(sig);
    this.idle.push(0);
    const col = this.patternCol(pt);
    if (this.model)
      this.model.addCol(col.cost, 0, this.h.infinity, {
        indices: Int32Array.from(col.rows),
        values: Float64Array.from(col.vals),
      });
    else {
      this.cols.push(col);
      this.roadCols.push(null);
    }
    return true;
  }

  /** Pass the model to HiGHS (after the initial patterns). */
  load(): void {
    const n = this.cols.length;
    const starts = new Int32Array(n + 1);
    const idx: number[] = [];
    const val: number[] = [];
    for (let j = 0; j < n; j++) {
      const c = this.cols[j]!;
      idx.push(...c.rows);
      val.push(...c.vals);
      starts[j + 1] = idx.length;
    }
    const inf = this.h.infinity;
    this.model = this.h.createModel();
    this.model.passModel({
      numCols: n,
      numRows: this.rowLo.length,
      colCost: Float64Array.from(this.cols.map((c) => c.cost)),
      colLower: new Float64Array(n),
      colUpper: Float64Array.from(this.cols.map((c) => (c.ub === Infinity ? inf : c.ub))),
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
   * Drop the loadings the last `rounds` master LPs left at 0 with a positive reduced cost (column
   * ageing): the master LP slows with every column (large: 15 s a solve at 12,000 loadings), and
   * pricing generates a dropped loading again should it price out later. Call after solveLp.
   */
  dropIdle(rounds: number): void {
    const m = this.model!;
    const sol = m.getSolution();
    const drop: number[] = [];
    for (let k = 0; k < this.patterns.length; k++) {
      const j = this.firstPatternCol + k;
      const resting = sol.colValue[j]! < 1e-9 && sol.colDual[j]! > 1e-6;
      this.idle[k] = resting ? this.idle[k]! + 1 : 0;
      if (this.idle[k]! > rounds) drop.push(k);
    }
    if (!drop.length) return;
    // Dropped columns are non-basic, so the basis stays valid and the next solve starts from it.
    m.deleteCols({ kind: 'set', indices: Int32Array.from(drop, (k) => this.firstPatternCol + k) } as never);
    // Compact in place: pattern k stays column firstPatternCol + k.
    const gone = new Set(drop);
    let n = 0;
    for (let k = 0; k < this.patterns.length; k++) {
      if (gone.has(k)) {
        this.seen.delete(this.sigs[k]!);
        continue;
      }
      this.patterns[n] = this.patterns[k]!;
      this.sigs[n] = this.sigs[k]!;
      this.idle[n] = this.idle[k]!;
      n++;
    }
    this.patterns.length = n;
    this.sigs.length = n;
    this.idle.length = n;
  }

  /** The master's size now: columns, integer ones (loadings and whole trucks), rows, non-zeros. */
  size(): { columns: number; integers: number; rows: number; nonzeros: number } {
    const d = this.model!.getDimensions();
    const ints = this.cols.slice(0, this.firstPatternCol).filter((c) => c.int).length + this.patterns.length;
    return { columns: d.numCols, integers: ints, rows: d.numRows, nonzeros: d.numNonzeros };
  }

  /** Row upper limits (∞ for ≥ rows): what the dive's fixed options may use up together (sidings). */
  rowLimits(): number[] {
    return [...this.rowUp];
  }

  /** The last LP's value of every pattern (index as `patterns`). */
  patternValues(): Float64Array {
    return Float64Array.from(this.model!.getSolution().colValue.slice(this.firstPatternCol));
  }

  /** The last LP's row duals, clamped to their signs (≤ rows ≤ 0, ≥ rows ≥ 0). */
  get lpDuals(): Float64Array {
    return this.duals!.map((v, i) =>
      this.rowLo[i] === -Infinity ? Math.min(0, v) : this.rowUp[i] === Infinity ? Math.max(0, v) : v,
    );
  }

  /** The pricing's view of a dual vector (`rakeDuals` false: the rakes' one-loading rows read 0). */
  view(dl: Float64Array, rakeDuals = true): Duals {
    // Read into arrays once: the pricing asks for each order's duals at every slot of every rake.
    const byOrder = (prefix: string) => {
      const out = new Float64Array(this.p.orders.length);
      for (const oi of this.orders) {
        const i = this.rowIdx.get(`${prefix}_${oi.o}`);
        if (i !== undefined) out[oi.o] = dl[i]!;
      }
      return out;
    };
    const ord = byOrder('ord'),
      single = byOrder('single');
    const inv = new Map<string, number>();
    for (const k of this.p.stock.keys()) inv.set(k, dl[this.rowIdx.get(`inv_${k}`)!]!);
    const rake = new Map<number, number>();
    if (rakeDuals) for (const ri of this.rakes) rake.set(ri.r, dl[this.rowIdx.get(`one_${ri.r}`)!]!);
    return {
      rake: (r) => rake.get(r) ?? 0,
      order: (o) => ord[o]!,
      single: (o) => single[o]!,
      inv: (k) => inv.get(k) ?? 0,
      sid: (row) => dl[row]!,
    };
  }

  /**
   * The Lagrangian bound's part without the rakes at duals `pi` (signs as lpDuals): every row but
   * the rakes' one-loading rows dualised, trucks and unserved tonnes at their cheapest within their
   * bounds. Adding each rake's min(0, lowest reduced cost with its one-loading dual 0) gives a valid
   * lower bound at any such duals, not only at the master's optimum.
   */
  lagrangianBase(pi: Float64Array): number {
    let v = 0;
    for (let i = 0; i < this.rowLo.length; i++) {
      if (this.oneRows.has(i)) continue;
      v += pi[i]! * (this.rowLo[i] === -Infinity ? this.rowUp[i]! : this.rowLo[i]!);
    }
    for (let j = 0; j < this.firstPatternCol; j++) {
      const c = this.cols[j]!;
      const rc = reducedCostOf(c, pi);
      if (rc < 0) v += rc * c.ub;
    }
    return v;
  }

  /**
   * A subgradient of the Lagrangian bound at duals `pi`: each row's limit less what the
   * Lagrangian's own solution uses of it — trucks and unserved tonnes at their bounds where their
   * reduced cost is negative, and the loadings `picks` (each rake's cheapest, when below 0). The
   * rakes' one-loading rows read 0 (they are not dualised).
   */
  subgradient(pi: Float64Array, picks: Pattern[]): Float64Array {
    const g = new Float64Array(this.rowLo.length);
    for (let i = 0; i < g.length; i++)
      if (!this.oneRows.has(i)) g[i] = this.rowLo[i] === -Infinity ? this.rowUp[i]! : this.rowLo[i]!;
    const use = (c: Col, x: number) => {
      for (let k = 0; k < c.rows.length; k++) if (!this.oneRows.has(c.rows[k]!)) g[c.rows[k]!]! -= c.vals[k]! * x;
    };
    for (let j = 0; j < this.firstPatternCol; j++) {
      const c = this.cols[j]!;
      if (reducedCostOf(c, pi) < 0) use(c, c.ub);
    }
    for (const pt of picks) use(this.patternCol(pt), 1);
    return g;
  }

  /** A pattern's reduced cost at duals `pi` (its rake's one-loading dual included). */
  reducedCost(pt: Pattern, pi: Float64Array): number {
    return reducedCostOf(this.patternCol(pt), pi);
  }

  /** A draft's rakes as patterns (the warm start), priced as the whole-horizon model prices them. */
  addDraft(draft: Draft): void {
    for (const pt of draftPatterns(this.p, this.orders, this.rakes, draft)) this.addPattern(pt);
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
    const m = this.model!;
    const nCols = m.getDimensions().numCols;
    const ints: number[] = [];
    for (let j = 0; j < nCols; j++) if (j >= this.firstPatternCol || this.cols[j]?.int) ints.push(j);
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
    if (start instanceof Float64Array) {
      const x = new Float64Array(nCols);
      x.set(start.subarray(0, nCols));
      m.setSolution({ colValue: x });
    } // loadings added since read 0
    else if (start) m.setSolution({ colValue: startVector(this.columns(), start, nCols) });
    m.run({
      [this.h.constants.callbackType.mipInterrupt]: (e) => {
        if (stop?.()) e.interrupt();
        return undefined;
      },
    });
    const ok = Number(m.info.get('primal_solution_status')) === this.h.constants.solutionStatus.feasible;
    if (!ok) return null;
    const x = Float64Array.from(m.getSolution().colValue);
    const proven = m.getModelStatus() === this.h.constants.modelStatus.optimal;
    return { draft: columnsDraft(this.columns(), x), objective: m.getObjectiveValue(), x, proven };
  }

  /**
   * A feasible point from the last LP: rakes by their largest loading value, each on its largest
   * loading that still fits the orders, stock, sidings and single shipments the ones before it
   * left; no trucks, the rest unserved. A start for solveMip (call after solveLp).
   */
  roundedStart(): Float64Array {
    const xv = this.patternValues();
    const x = new Float64Array(this.firstPatternCol + xv.length);
    const used = this.rowUp.map(() => 0);
    const byRake = new Map<number, number[]>();
    xv.forEach((v, k) => {
      if (v <= 1e-6) return;
      const r = this.patterns[k]!.r;
      const ks = byRake.get(r);
      if (ks) ks.push(k);
      else byRake.set(r, [k]);
    });
    const ranked = [...byRake.values()]
      .map((ks) => ks.sort((a, b) => xv[b]! - xv[a]!))
      .sort((a, b) => xv[b[0]!]! - xv[a[0]!]!);
    const served = new Map<number, number>();
    for (const ks of ranked) {
      for (const k of ks) {
        const c = this.patternCol(this.patterns[k]!);
        if (!c.rows.every((r, i) => used[r]! + c.vals[i]! <= this.rowUp[r]! + 1e-6)) continue;
        c.rows.forEach((r, i) => {
          used[r]! += c.vals[i]!;
        });
        x[this.firstPatternCol + k] = 1;
        for (const l of this.patterns[k]!.lines) served.set(l.o, (served.get(l.o) ?? 0) + l.tonnes);
        break;
      }
    }
    this.orders.forEach((oi, i) => {
      x[i] = Math.max(0, oi.q - (served.get(oi.o) ?? 0));
    });
    return x;
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
    ks = [...ks].sort((a, b) => a - b); // HiGHS takes an index set in increasing order
    const u = up === Infinity ? this.h.infinity : up;
    this.model!.changeColsBounds(
      { kind: 'set', indices: Int32Array.from(ks, (k) => this.firstPatternCol + k) } as never,
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
