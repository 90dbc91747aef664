import type { Scenario } from '../domain/scenario';

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
  rakes: number;
  /** Tonnes the suggested rakes would carry [t]. */
  expectedT: number;
  /** Of which from open orders (stock on hand) and from forecast demand [t]. */
  openOrdersT: number;
  forecastT: number;
  products: string[];
}

export interface Indent {
  days: number;
  rows: IndentRow[];
  /** Tonnes wanting rail and the tonnes the suggested rakes carry [t]; the rest waits for a fuller rake. */
  demandT: number;
  indentedT: number;
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
 * not leave within the window are left to a later indent, said in the notes.
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

  type Cell = { open: number; forecast: number; products: Set<string> };
  const want = new Map<string, Cell>();
  const add = (k: number, p: string, t: number, kind: 'open' | 'forecast') => {
    const l = lane(p);
    if (!l) {
      notes.push(`${p}: no loading point handles any of its wagon types; ${Math.round(t)} t not indented`);
      return;
    }
    const key = `${k}|${l.lp}|${l.w}`;
    const c = want.get(key) ?? { open: 0, forecast: 0, products: new Set<string>() };
    c[kind] += t;
    c.products.add(p);
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
        `order ${o.id}: ${Math.round(o.quantityT - t)} t of ${o.product} has no usable stock; not indented (see the production suggestion)`,
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

  const rows: IndentRow[] = [];
  const carry = new Map<string, Cell>();
  for (let k = 0; k < days; k++) {
    const keys = new Set(
      [...want.keys()]
        .filter((x) => x.startsWith(`${k}|`))
        .map((x) => x.slice(String(k).length + 1))
        .concat([...carry.keys()]),
    );
    for (const lw of [...keys].sort()) {
      const [lp, w] = lw.split('|') as [string, string];
      const cap = wagon.get(w)!.pccT * wagon.get(w)!.wagonsPerRake;
      const c0 = carry.get(lw) ?? { open: 0, forecast: 0, products: new Set<string>() };
      const c1 = want.get(`${k}|${lw}`);
      const c: Cell = {
        open: c0.open + (c1?.open ?? 0),
        forecast: c0.forecast + (c1?.forecast ?? 0),
        products: new Set([...c0.products, ...(c1?.products ?? [])]),
      };
      const total = c.open + c.forecast;
      // A rake takes cap ÷ rate hours to load; the loading point's day holds so many of them.
      const rakeH = cap / lpByCode.get(lp)!.loadingRateTph;
      const dayKey = `${k}|${lp}`;
      const room = Math.floor((dayHours(lp) - (usedHours.get(dayKey) ?? 0)) / rakeH + 1e-9);
      const rakes = Math.min(Math.max(0, room), Math.floor(total / cap + (1 - RAKE_FILL_TO_INDENT)));
      if (rakes > 0) {
        usedHours.set(dayKey, (usedHours.get(dayKey) ?? 0) + rakes * rakeH);
        const carried = Math.min(total, rakes * cap);
        // Open orders go first: they are promised; forecast tonnes fill what is left.
        const open = Math.min(c.open, carried);
        rows.push({
          date: dayOf(sc.horizon.start, k),
          loadingPoint: lp,
          wagonType: w,
          rakes,
          expectedT: Math.round(carried),
          openOrdersT: Math.round(open),
          forecastT: Math.round(carried - open),
          products: [...c.products].sort(),
        });
        c.open -= open;
        c.forecast -= carried - open;
      }
      if (c.open + c.forecast > 1e-6) carry.set(lw, c);
      else carry.delete(lw);
    }
  }
  const indentedT = rows.reduce((s, r) => s + r.expectedT, 0);
  if (laterT > 0)
    notes.push(
      `${Math.round(laterT)} t of open orders need not leave within these ${days} days; a later indent asks for their rakes`,
    );
  for (const [lw, c] of carry) {
    const w = wagon.get(lw.split('|')[1]!)!;
    const left = c.open + c.forecast;
    notes.push(
      `${lw.replace('|', ' × ')}: ${Math.round(left)} t left after day ${days}, ${
        left >= RAKE_FILL_TO_INDENT * w.pccT * w.wagonsPerRake
          ? 'more than the loading point can load in these days'
          : `less than ${RAKE_FILL_TO_INDENT * 100} % of a rake`
      }`,
    );
  }
  return { days, rows, demandT: Math.round(demandT), indentedT, notes };
}
