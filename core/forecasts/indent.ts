import { tonnes } from '../domain/figures';
import type { Scenario } from '../domain/scenario';
import { type Cell, cellT, knownRakeNetting, type KnownRakes, takeT } from './indent-known';

/** Forecast new orders per horizon day (0 = the horizon's first day), per destination × product [t]. */
export interface DemandDay {
  day: number;
  destination: string;
  product: string;
  tonnes: number;
}

export interface IndentRow {
  /** Local date (YYYY-MM-DD) the rake is wanted at the loading point. */
  date: string;
  loadingPoint: string;
  wagonType: string;
  /** Rakes to ask for; 0 when the rakes already placed or expected carry what is wanted. */
  rakes: number;
  /** Tonnes the suggested rakes would carry [t]. */
  expectedT: number;
  /** Of which from open orders (stock on hand) and from forecast demand [t]. */
  openOrdersT: number;
  forecastT: number;
  /** Tonnes wanted here that rakes already placed or expected carry, so no rake is asked for them [t]. */
  coveredT: number;
  products: string[];
}

export interface Indent {
  days: number;
  rows: IndentRow[];
  /** Tonnes wanting rail and the tonnes the suggested rakes carry [t]; the rest waits for a fuller rake. */
  demandT: number;
  indentedT: number;
  /**
   * Tonnes wanting rail on no rake, suggested or placed or expected: left after the last day, or
   * with no loading point for their wagon types (each named in the notes) [t].
   */
  leftT: number;
  /** The scenario's rakes placed or expected in these days, and the tonnes wanting rail they carry. */
  known: KnownRakes;
  notes: string[];
}

/** A day's tonnes on one loading point × wagon type become a rake once they fill this share of it. */
export const RAKE_FILL_TO_INDENT = 0.8;

const dayOf = (start: string, k: number) =>
  new Date(Date.parse(`${start.slice(0, 10)}T00:00:00Z`) + k * 86_400_000).toISOString().slice(0, 10);

/**
 * The rake indent: how many rakes of which wagon type to ask the railway for, per day and loading
 * point. Open rail orders are wanted on the day they must leave to arrive by their due date
 * (due − rail transit, not before the first day), limited to the usable stock of their product;
 * forecast new orders (`demand`) are wanted on the day they are forecast, produced to order. Each
 * product goes on the first wagon type of its matrix that the scenario's rakes use, at the
 * loading point that can load it and is fed by the stockyards holding most of it. Tonnes short of
 * RAKE_FILL_TO_INDENT of a rake carry over to the next day, and so do rakes past what the loading
 * point can load in a day (its berths × working hours at its loading rate). Open orders that need
 * not leave within the window are left to a later indent, said in the notes. The indent asks only
 * for what the scenario's rakes already placed or expected do not carry (indent-known.ts); they
 * load at the loading points too, so their tonnes take those loading points' hours.
 */
export function rakeIndent(sc: Scenario, demand: readonly DemandDay[], days = 14): Indent {
  const notes: string[] = [];
  const dest = new Map(sc.plant.destinations.map((d) => [d.code, d]));
  const product = new Map(sc.plant.products.map((p) => [p.code, p]));
  const wagon = new Map(sc.plant.wagonTypes.map((w) => [w.code, w]));
  const rakeTypes = new Set(sc.rakes.map((r) => r.wagonType));
  const stock = new Map<string, number>();
  for (const i of sc.inventory)
    stock.set(i.product, (stock.get(i.product) ?? 0) + Math.max(0, i.onHandT - i.safetyStockT));

  const lane = (p: string): { lp: string; w: string } | null => {
    const prod = product.get(p);
    if (!prod) return null;
    const types = [...prod.wagonTypes].sort((a, b) => Number(rakeTypes.has(b)) - Number(rakeTypes.has(a)));
    for (const w of types) {
      const lps = sc.plant.loadingPoints.filter((l) => l.wagonTypes.includes(w));
      if (!lps.length) continue;
      const held = (l: (typeof lps)[number]) =>
        sc.inventory
          .filter((i) => i.product === p && l.stockyards.includes(i.stockyard))
          .reduce((s, i) => s + i.onHandT, 0);
      const best = [...lps].sort((a, b) => held(b) - held(a))[0]!;
      return { lp: best.code, w };
    }
    return null;
  };

  const lpByCode = new Map(sc.plant.loadingPoints.map((l) => [l.code, l]));
  // Loading hours a loading point offers in a day, and those the rakes indented so far take.
  const dayHours = (lp: string) => {
    const l = lpByCode.get(lp)!;
    return l.maxRakes * Math.max(0, Math.min(24, l.workEndH) - Math.max(0, l.workStartH));
  };
  const usedHours = new Map<string, number>();

  const emptyCell = (): Cell => ({ open: new Map(), forecast: new Map() });
  const want = new Map<string, Cell>();
  let noLaneT = 0;
  const add = (k: number, p: string, t: number, kind: 'open' | 'forecast') => {
    const l = lane(p);
    if (!l) {
      noLaneT += t;
      notes.push(`${p}: no loading point handles any of its wagon types; ${tonnes(Math.round(t))} not indented`);
      return;
    }
    const key = `${k}|${l.lp}|${l.w}`;
    const c = want.get(key) ?? emptyCell();
    c[kind].set(p, (c[kind].get(p) ?? 0) + t);
    want.set(key, c);
  };
  const start = Date.parse(sc.horizon.start);
  let demandT = 0;
  let laterT = 0;
  const orders = sc.orders
    .filter((o) => o.modes !== 'road')
    .sort((a, b) => a.priority - b.priority || Date.parse(a.dueDate) - Date.parse(b.dueDate));
  for (const o of orders) {
    const left = stock.get(o.product) ?? 0;
    const t = Math.min(o.quantityT, left);
    if (t < o.quantityT)
      notes.push(
        `order ${o.id}: ${tonnes(Math.round(o.quantityT - t))} of ${o.product} has no usable stock; not indented (see the production suggestion)`,
      );
    if (t <= 0) continue;
    stock.set(o.product, left - t);
    const leaveH = (Date.parse(o.dueDate) - start) / 3_600_000 - (dest.get(o.destination)?.railTransitH ?? 0);
    const k = Math.max(0, Math.floor(leaveH / 24));
    if (k >= days) {
      laterT += t;
      continue;
    }
    add(k, o.product, t, 'open');
    demandT += t;
  }
  for (const d of demand) {
    if (d.day < 0 || d.day >= days || !(d.tonnes > 0) || !dest.has(d.destination)) continue;
    add(d.day, d.product, d.tonnes, 'forecast');
    demandT += d.tonnes;
  }

  const known = knownRakeNetting(
    sc,
    days,
    (lp, w) => !!lpByCode.get(lp)?.wagonTypes.includes(w),
    (p, w) => !!product.get(p)?.wagonTypes.includes(w),
  );
  const merge = (a: Map<string, number>, b: Map<string, number> | undefined) => {
    const m = new Map(a);
    for (const [p, t] of b ?? []) m.set(p, (m.get(p) ?? 0) + t);
    return m;
  };
  const rows: IndentRow[] = [];
  const carry = new Map<string, Cell>();
  for (let k = 0; k < days; k++) {
    const keys = new Set(
      [...want.keys()]
        .filter((x) => x.startsWith(`${k}|`))
        .map((x) => x.slice(String(k).length + 1))
        .concat([...carry.keys()]),
    );
    const cells = new Map<string, Cell>();
    for (const lw of [...keys].sort()) {
      const c0 = carry.get(lw) ?? emptyCell();
      const c1 = want.get(`${k}|${lw}`);
      cells.set(lw, { open: merge(c0.open, c1?.open), forecast: merge(c0.forecast, c1?.forecast) });
    }
    const products = new Map([...cells].map(([lw, c]) => [lw, [...new Set([...c.open.keys(), ...c.forecast.keys()])]]));
    // Known rakes load at the loading points too: what they take uses the day's hours there.
    const roomT = new Map(sc.plant.loadingPoints.map((l) => [l.code, dayHours(l.code) * l.loadingRateTph]));
    const covered = known.net(k, cells, roomT);
    for (const [lw, t] of covered) {
      const lp = lw.split('|')[0]!;
      usedHours.set(`${k}|${lp}`, (usedHours.get(`${k}|${lp}`) ?? 0) + t / lpByCode.get(lp)!.loadingRateTph);
    }
    for (const [lw, c] of cells) {
      const [lp, w] = lw.split('|') as [string, string];
      const cap = wagon.get(w)!.pccT * wagon.get(w)!.wagonsPerRake;
      const total = cellT(c);
      // A rake takes cap ÷ rate hours to load; the loading point's day holds so many of them.
      const rakeH = cap / lpByCode.get(lp)!.loadingRateTph;
      const dayKey = `${k}|${lp}`;
      const room = Math.floor((dayHours(lp) - (usedHours.get(dayKey) ?? 0)) / rakeH + 1e-9);
      const rakes = Math.min(Math.max(0, room), Math.floor(total / cap + (1 - RAKE_FILL_TO_INDENT)));
      const coveredT = Math.round(covered.get(lw) ?? 0);
      if (rakes > 0 || coveredT > 0) {
        usedHours.set(dayKey, (usedHours.get(dayKey) ?? 0) + rakes * rakeH);
        const carried = Math.min(total, rakes * cap);
        // Open orders go first: they are promised; forecast tonnes fill what is left.
        const open = takeT(c.open, carried);
        takeT(c.forecast, carried - open);
        rows.push({
          date: dayOf(sc.horizon.start, k),
          loadingPoint: lp,
          wagonType: w,
          rakes,
          expectedT: Math.round(carried),
          openOrdersT: Math.round(open),
          forecastT: Math.round(carried - open),
          coveredT,
          products: products.get(lw)!.sort(),
        });
      }
      if (cellT(c) > 1e-6) carry.set(lw, c);
      else carry.delete(lw);
    }
  }
  const indentedT = rows.reduce((s, r) => s + r.expectedT, 0);
  if (laterT > 0)
    notes.push(
      `${tonnes(Math.round(laterT))} of open orders need not leave within these ${days} days; a later indent asks for their rakes`,
    );
  let leftT = noLaneT;
  for (const [lw, c] of carry) {
    const w = wagon.get(lw.split('|')[1]!)!;
    const left = cellT(c);
    leftT += left;
    notes.push(
      `${lw.replace('|', ' × ')}: ${tonnes(Math.round(left))} left after day ${days}, ${
        left >= RAKE_FILL_TO_INDENT * w.pccT * w.wagonsPerRake
          ? 'more than the loading point can load in these days'
          : `less than ${RAKE_FILL_TO_INDENT * 100} % of a rake`
      }`,
    );
  }
  notes.push(...known.spareNotes());
  return {
    days,
    rows,
    demandT: Math.round(demandT),
    indentedT,
    leftT: Math.round(leftT),
    known: known.summary(),
    notes,
  };
}
