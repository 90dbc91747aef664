import { rakeSlots, type ModelOptions } from '../model';
import { key, roadAllowed, roadCapacity, roadTonneCost, unservedTonneCost, type Prep } from '../prep';
import { exchanges } from './exchanges';
import { orderInfos, rakeInfos, type Duals, type OrderInfo, type RakeInfo } from './loading';

/** A master column before HiGHS holds it: cost, upper bound, integrality and its rows' coefficients. */
export interface Col {
  cost: number;
  ub: number;
  int: boolean;
  rows: number[];
  vals: number[];
}

/** A truck column: order o from stockyard y on day d (whole: an unsplittable order's one shipment). */
export interface RoadCol {
  o: number;
  y: string;
  d: number;
  whole: boolean;
}

/** The master's rows and its columns other than loadings (unserved tonnes, trucks, exchanges), in column order. */
export interface MasterRows {
  orders: OrderInfo[];
  rakes: RakeInfo[];
  rowLo: number[];
  rowUp: number[];
  rowIdx: Map<string, number>;
  /** Rows of the rakes' "at most one loading". */
  oneRows: Set<number>;
  cols: Col[];
  /** Per column of `cols`: the truck it is, or null. */
  roadCols: Array<RoadCol | null>;
  exchangeCols: number[];
}

/**
 * Build the master's rows — each order's tonnes, one shipment per unsplittable order, stock,
 * siding capacity, road capacity, one loading per rake — and its unserved, truck and (with
 * `withExchanges`) exchange columns, costed per tonne as in model.ts.
 */
export function masterRows(p: Prep, opts: ModelOptions, withExchanges: boolean): MasterRows {
  const orders = orderInfos(p);
  const rowLo: number[] = [],
    rowUp: number[] = [];
  const rowIdx = new Map<string, number>();
  const oneRows = new Set<number>();
  const cols: Col[] = [];
  const roadCols: Array<RoadCol | null> = [];
  const exchangeCols: number[] = [];
  const addCol = (c: Col, road: RoadCol | null) => {
    cols.push(c);
    roadCols.push(road);
  };
  const row = (name: string, lo: number, up: number) => {
    rowIdx.set(name, rowLo.length);
    rowLo.push(lo);
    rowUp.push(up);
  };
  for (const oi of orders) row(`ord_${oi.o}`, oi.q, oi.q);
  for (const oi of orders) if (!oi.splittable) row(`single_${oi.o}`, -Infinity, 1);
  for (const [k, t] of p.stock) row(`inv_${k}`, -Infinity, t);
  // Siding capacity at every candidate start time where more rakes could overlap than it holds.
  const slotsAt = new Map<string, Array<{ r: number; startH: number; durH: number }>>();
  for (let r = 0; r < p.rakes.length; r++)
    for (const s of rakeSlots(p, r, opts)) slotsAt.set(s.lp, [...(slotsAt.get(s.lp) ?? []), { r, ...s }]);
  const sidTimes = new Map<string, number[]>();
  for (const [lp, list] of slotsAt) {
    const times = [...new Set(list.map((s) => s.startH))].sort((a, b) => a - b);
    for (const t of times) {
      const overlapping = new Set(
        list.filter((s) => s.startH <= t + 1e-9 && s.startH + s.durH > t + 1e-9).map((s) => s.r),
      );
      if (overlapping.size > p.lps.get(lp)!.maxRakes) {
        row(`sid_${lp}_${t}`, -Infinity, p.lps.get(lp)!.maxRakes);
        sidTimes.set(lp, [...(sidTimes.get(lp) ?? []), t]);
      }
    }
  }
  const sidRow = (lp: string, s: number, dur: number) =>
    (sidTimes.get(lp) ?? [])
      .filter((t) => s <= t + 1e-9 && s + dur > t + 1e-9)
      .map((t) => rowIdx.get(`sid_${lp}_${t}`)!);
  const rakes = rakeInfos(p, orders, opts, sidRow);
  for (const ri of rakes) {
    oneRows.add(rowLo.length);
    row(`one_${ri.r}`, -Infinity, 1);
  }

  // Unserved and road columns (cost per tonne as in model.ts).
  for (const oi of orders) {
    const o = p.orders[oi.o]!;
    addCol(
      { cost: unservedTonneCost(p, o), ub: oi.q, int: false, rows: [rowIdx.get(`ord_${oi.o}`)!], vals: [1] },
      null,
    );
  }
  for (let d = 0; d < p.sc.horizon.days; d++) {
    for (const y of p.stockyards.keys()) {
      const capYD = roadCapacity(p, y, d);
      if (capYD <= 1e-6) continue;
      row(`road_${y}_${d}`, -Infinity, capYD);
      for (const oi of orders) {
        const o = p.orders[oi.o]!;
        if (
          !roadAllowed(p, o) ||
          (p.stock.get(key(y, oi.product)) ?? 0) <= 1e-6 ||
          (!oi.splittable && capYD < oi.q - 1e-6)
        )
          continue;
        const perT = roadTonneCost(p, o, y, d);
        const a = oi.splittable ? 1 : oi.q;
        const rows = [
          rowIdx.get(`ord_${oi.o}`)!,
          rowIdx.get(`road_${y}_${d}`)!,
          rowIdx.get(`inv_${key(y, oi.product)}`)!,
        ];
        const vals = [a, a, a];
        if (!oi.splittable) {
          rows.push(rowIdx.get(`single_${oi.o}`)!);
          vals.push(1);
        }
        addCol(
          { cost: perT * a, ub: oi.splittable ? oi.q : 1, int: !oi.splittable, rows, vals },
          { o: oi.o, y, d, whole: !oi.splittable },
        );
      }
    }
  }
  if (withExchanges)
    for (const { to, from } of exchanges(p, orders)) {
      exchangeCols.push(cols.length);
      const rows = [rowIdx.get(`ord_${to.o}`)!, rowIdx.get(`ord_${from.o}`)!];
      addCol({ cost: 0, ub: from.q, int: false, rows, vals: [1, -1] }, null);
    }
  return { orders, rakes, rowLo, rowUp, rowIdx, oneRows, cols, roadCols, exchangeCols };
}

/** A column's reduced cost at row duals `pi` (HiGHS' sign convention: c − Σ a·dual). */
export function reducedCostOf(c: Col, pi: Float64Array): number {
  let rc = c.cost;
  for (let k = 0; k < c.rows.length; k++) rc -= c.vals[k]! * pi[c.rows[k]!]!;
  return rc;
}

/** The pricing's view of a dual vector (`rakeDuals` false: the rakes' one-loading rows read 0). */
export function dualsView(
  p: Prep,
  m: Pick<MasterRows, 'orders' | 'rakes' | 'rowIdx'>,
  dl: Float64Array,
  rakeDuals: boolean,
): Duals {
  // Read into arrays once: the pricing asks for each order's duals at every slot of every rake.
  const byOrder = (prefix: string) => {
    const out = new Float64Array(p.orders.length);
    for (const oi of m.orders) {
      const i = m.rowIdx.get(`${prefix}_${oi.o}`);
      if (i !== undefined) out[oi.o] = dl[i]!;
    }
    return out;
  };
  const ord = byOrder('ord'),
    single = byOrder('single');
  const inv = new Map<string, number>();
  for (const k of p.stock.keys()) inv.set(k, dl[m.rowIdx.get(`inv_${k}`)!]!);
  const rake = new Map<number, number>();
  if (rakeDuals) for (const ri of m.rakes) rake.set(ri.r, dl[m.rowIdx.get(`one_${ri.r}`)!]!);
  return {
    rake: (r) => rake.get(r) ?? 0,
    order: (o) => ord[o]!,
    single: (o) => single[o]!,
    inv: (k) => inv.get(k) ?? 0,
    sid: (row) => dl[row]!,
  };
}
