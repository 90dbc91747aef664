import type { LoadingPoint, Order } from '../../domain/entities';
import { LpModel, type Term } from '../lp-text';
import { key, type Prep } from '../prep';
import type { ModelOptions, NVar, RoadVar, SVar, XVar, YVar } from './types';

/**
 * What every constraint family's builder reads and adds to: the LP, the indices used in column and
 * row names, and the terms that rows spanning rakes (stock, orders, single shipment, sidings) gather.
 * The builders run in a fixed order because column and row order is part of the LP text.
 */
export interface ModelContext {
  m: LpModel;
  p: Prep;
  opts: ModelOptions;
  /** Orders with tonnes left, a known destination and a known product. */
  orders: Order[];
  oi: Map<string, number>;
  yardIdx: Map<string, number>;
  lpIdx: Map<string, number>;
  destIdx: Map<string, number>;
  prodIdx: Map<string, number>;
  stockOf: (y: string, prod: string) => number;
  qty: (id: string) => number;
  /** Draws on the stock of `stockyard|product`, by rail and road. */
  inv: Map<string, Term[]>;
  /** Tonnes of each order, by rail and road. */
  orderTerms: Map<string, Term[]>;
  /** Binaries of each unsplittable order (whole on a rake, whole by road). */
  singleShipment: Map<string, Term[]>;
  Y: YVar[];
  X: XVar[];
  S: SVar[];
  N: NVar[];
  RD: RoadVar[];
  sidingUse: Map<string, YVar[]>;
  zCols: Map<string, number>;
  wCols: Map<string, number>;
  counts: {
    /** Compatible order–rake pairs. */
    orderRakePairs: number;
    /** Destination options: single, same-corridor pairs, pairs dropped. */
    singles: number;
    pairs: number;
    pairsDropped: number;
    orderYardCols: number;
    sourceCols: number;
  };
}

/** One rake's part of the model, filled family by family. */
export interface RakeModel {
  r: number;
  pr: Prep['rakes'][number];
  /** Its start slots and their Σ y (the rake is used). */
  ys: YVar[];
  used: Term[];
  usedLps: LoadingPoint[];
  /** Stockyards of `prod` with stock, served by one of its sidings. */
  reach: (prod: string) => string[];
  /** Orders it may carry: rail allowed, product fits the wagons, stock reachable through a siding. */
  cands: Order[];
  loadCols: Map<string, number>;
  options: Array<{ dests: string[]; col: number; rate: number }>;
  dCol: Map<string, number>;
  loadByDest: Map<string, Term[]>;
  sByProduct: Map<string, Term[]>;
  sByYard: Map<string, Term[]>;
  loadTerms: Term[];
  xByProduct: Map<string, Term[]>;
  wagonsByDest: Map<string, Term[]>;
  xByDest: Map<string, Term[]>;
  allWagons: Term[];
}

export function push(mp: Map<string, Term[]>, k: string, t: Term): void {
  const a = mp.get(k);
  if (a) a.push(t);
  else mp.set(k, [t]);
}

export function createContext(p: Prep, opts: ModelOptions): ModelContext {
  const stockOf = (y: string, prod: string) => p.stock.get(key(y, prod)) ?? 0;
  const qty = (id: string) => p.orderById.get(id)!.quantityT;
  const orders = p.orders.filter((o) => qty(o.id) > 1e-6 && p.dests.has(o.destination) && p.products.has(o.product));
  return {
    m: new LpModel(),
    p,
    opts,
    orders,
    oi: new Map(orders.map((o, i) => [o.id, i])),
    yardIdx: new Map([...p.stockyards.keys()].map((y, i) => [y, i])),
    lpIdx: new Map([...p.lps.keys()].map((l, i) => [l, i])),
    destIdx: new Map([...p.dests.keys()].map((d, i) => [d, i])),
    prodIdx: new Map([...p.products.keys()].map((d, i) => [d, i])),
    stockOf,
    qty,
    inv: new Map(),
    orderTerms: new Map(),
    singleShipment: new Map(),
    Y: [],
    X: [],
    S: [],
    N: [],
    RD: [],
    sidingUse: new Map(),
    zCols: new Map(),
    wCols: new Map(),
    counts: { orderRakePairs: 0, pairs: 0, singles: 0, pairsDropped: 0, orderYardCols: 0, sourceCols: 0 },
  };
}
