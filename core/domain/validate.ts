import type { z } from 'zod';
import { formatPath, zodIssues, type FieldIssue } from '../contract/errors';
import { istDate } from './plant-time';
import { scenarioSchema, type Scenario } from './scenario';

/**
 * Cross-entity validation: the rules a single row cannot check on its own (references between
 * tables, duplicates, dates against the horizon). Every issue names its table, row and field, so
 * the editor can put the message beside the cell and an import report can cite the line.
 */
export interface DataIssue extends FieldIssue {
  /** `orders`, `plant.destinations`, `horizon`… */
  table: string;
  /** Row index in that table (0-based), null for a scenario-level field. */
  row: number | null;
  /** The row's id or code when it has one, so messages stay meaningful after sorting. */
  rowKey?: string;
  field: string | null;
  /** An error makes the scenario unusable for planning; a warning is shown but allowed. */
  severity: 'error' | 'warning';
}

/** A rake placed further back than this before the plan start is taken for a mistyped date. */
const PLACED_LONG_AGO_DAYS = 30;
/** An open order due further back than this is taken for a mistyped date. */
const OVERDUE_LIMIT_DAYS = 365;

export interface CheckResult {
  scenario: Scenario | null;
  issues: DataIssue[];
}

/** Parse and cross-validate anything claiming to be a scenario. */
export function checkScenario(input: unknown): CheckResult {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) return { scenario: null, issues: fromZod(parsed.error, input) };
  return { scenario: parsed.data, issues: validateScenario(parsed.data) };
}

export function hasErrors(issues: readonly DataIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** Zod issues → DataIssues; the table is everything before the first row index. */
export function fromZod(error: z.ZodError, input?: unknown, prefix: readonly PropertyKey[] = []): DataIssue[] {
  const flat = zodIssues(error, prefix);
  return error.issues.map((zi, k) => {
    const full = [...prefix, ...zi.path];
    const idx = full.findIndex((p) => typeof p === 'number');
    const table = idx < 0 ? formatPath(full.slice(0, 1)) : formatPath(full.slice(0, idx));
    const row = idx < 0 ? null : (full[idx] as number);
    const field =
      idx < 0
        ? full.length > 1
          ? formatPath(full.slice(1))
          : full.length === 1
            ? String(full[0])
            : null
        : full.length > idx + 1
          ? formatPath(full.slice(idx + 1))
          : null;
    const rowKey = idx < 0 ? undefined : keyOf(dig(input, full.slice(0, idx + 1)));
    // zodIssues maps error.issues one to one, so k is in range.
    const { path, message } = flat[k]!;
    return { path, message, table, row, field, severity: 'error' as const, ...(rowKey ? { rowKey } : {}) };
  });
}

function dig(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function keyOf(row: unknown): string | undefined {
  if (row === null || typeof row !== 'object') return undefined;
  const r = row as Record<string, unknown>;
  for (const k of ['id', 'code']) if (typeof r[k] === 'string' && r[k]) return r[k] as string;
  if (typeof r.stockyard === 'string' && typeof r.product === 'string') return `${r.stockyard}/${r.product}`;
  if (typeof r.stockyard === 'string' && typeof r.date === 'string') return `${r.stockyard}/${r.date}`;
  if (typeof r.stockyard === 'string' && typeof r.destination === 'string') return `${r.stockyard}→${r.destination}`;
  return undefined;
}

class Collector {
  readonly issues: DataIssue[] = [];
  add(
    table: string,
    row: number | null,
    field: string | null,
    message: string,
    severity: 'error' | 'warning',
    rowKey?: string,
  ): void {
    const path = row === null ? (field ? `${table}.${field}` : table) : `${table}[${row}]${field ? `.${field}` : ''}`;
    this.issues.push({ path, message, table, row, field, severity, ...(rowKey ? { rowKey } : {}) });
  }
  /** Flag the second and later rows that repeat a key. */
  unique<T>(table: string, rows: readonly T[], key: (r: T) => string, field: string, what: string): void {
    const first = new Map<string, number>();
    rows.forEach((r, i) => {
      const k = key(r);
      const seen = first.get(k);
      if (seen === undefined) first.set(k, i);
      else this.add(table, i, field, `duplicate ${what} '${k}' (first at row ${seen + 1})`, 'error', k);
    });
  }
}

/** The cross-table rules of a parsed scenario. Row numbers in messages are 1-based, like a sheet. */
export function validateScenario(s: Scenario): DataIssue[] {
  const c = new Collector();
  const p = s.plant;
  const wagonTypes = new Map(p.wagonTypes.map((w) => [w.code, w]));
  const products = new Map(p.products.map((x) => [x.code, x]));
  const stockyards = new Map(p.stockyards.map((x) => [x.code, x]));
  const loadingPoints = new Map(p.loadingPoints.map((x) => [x.code, x]));
  const corridors = new Set(p.corridors.map((x) => x.code));
  const destinations = new Map(p.destinations.map((x) => [x.code, x]));

  c.unique('plant.products', p.products, (x) => x.code, 'code', 'product code');
  c.unique('plant.wagonTypes', p.wagonTypes, (x) => x.code, 'code', 'wagon type code');
  c.unique('plant.stockyards', p.stockyards, (x) => x.code, 'code', 'stockyard code');
  c.unique('plant.loadingPoints', p.loadingPoints, (x) => x.code, 'code', 'loading point code');
  c.unique('plant.corridors', p.corridors, (x) => x.code, 'code', 'corridor code');
  c.unique('plant.destinations', p.destinations, (x) => x.code, 'code', 'destination code');
  c.unique('orders', s.orders, (x) => x.id, 'id', 'order id');
  c.unique('rakes', s.rakes, (x) => x.id, 'id', 'rake id');
  c.unique('inventory', s.inventory, (x) => `${x.stockyard}/${x.product}`, 'product', 'stockyard/product');
  c.unique('roadCapacity', s.roadCapacity, (x) => `${x.stockyard}/${x.date}`, 'date', 'stockyard/date');
  c.unique('roadLanes', s.roadLanes, (x) => `${x.stockyard}→${x.destination}`, 'destination', 'road lane');

  p.products.forEach((x, i) => {
    const known = x.wagonTypes.filter((w) => wagonTypes.has(w));
    x.wagonTypes.forEach((w) => {
      if (!wagonTypes.has(w)) c.add('plant.products', i, 'wagonTypes', `unknown wagon type '${w}'`, 'error', x.code);
    });
    if (known.length > 0 && !p.loadingPoints.some((lp) => lp.wagonTypes.some((w) => known.includes(w)))) {
      c.add(
        'plant.products',
        i,
        'wagonTypes',
        `no loading point handles any of its wagon types (${known.join(', ')}): ${x.code} cannot go by rail`,
        'warning',
        x.code,
      );
    }
  });
  p.stockyards.forEach((x, i) => {
    x.loadingPoints.forEach((lp) => {
      if (!loadingPoints.has(lp))
        c.add('plant.stockyards', i, 'loadingPoints', `unknown loading point '${lp}'`, 'error', x.code);
      else if (!loadingPoints.get(lp)!.stockyards.includes(x.code))
        c.add(
          'plant.stockyards',
          i,
          'loadingPoints',
          `loading point '${lp}' does not list stockyard ${x.code} among those it serves`,
          'warning',
          x.code,
        );
    });
  });
  p.loadingPoints.forEach((x, i) => {
    x.stockyards.forEach((y) => {
      if (!stockyards.has(y))
        c.add('plant.loadingPoints', i, 'stockyards', `serves unknown stockyard '${y}'`, 'error', x.code);
      else if (!stockyards.get(y)!.loadingPoints.includes(x.code))
        c.add(
          'plant.loadingPoints',
          i,
          'stockyards',
          `stockyard ${y} does not list ${x.code} among the loading points it feeds (the plan draws from it all the same)`,
          'warning',
          x.code,
        );
    });
    x.wagonTypes.forEach((w) => {
      if (!wagonTypes.has(w))
        c.add('plant.loadingPoints', i, 'wagonTypes', `unknown wagon type '${w}'`, 'error', x.code);
    });
  });
  p.destinations.forEach((x, i) => {
    if (!corridors.has(x.corridor))
      c.add('plant.destinations', i, 'corridor', `unknown corridor '${x.corridor}'`, 'error', x.code);
  });

  s.inventory.forEach((x, i) => {
    const key = `${x.stockyard}/${x.product}`;
    if (!stockyards.has(x.stockyard))
      c.add('inventory', i, 'stockyard', `unknown stockyard '${x.stockyard}'`, 'error', key);
    if (!products.has(x.product)) c.add('inventory', i, 'product', `unknown product '${x.product}'`, 'error', key);
    if (x.safetyStockT > x.onHandT)
      c.add(
        'inventory',
        i,
        'safetyStockT',
        `safety stock ${x.safetyStockT} t exceeds on-hand ${x.onHandT} t: nothing is usable`,
        'warning',
        key,
      );
  });

  const startMs = Date.parse(s.horizon.start);
  const endMs = startMs + s.horizon.days * 86_400_000;
  s.rakes.forEach((x, i) => {
    const wt = wagonTypes.get(x.wagonType);
    if (!wt) c.add('rakes', i, 'wagonType', `unknown wagon type '${x.wagonType}'`, 'error', x.id);
    else if (x.wagons > wt.wagonsPerRake)
      c.add(
        'rakes',
        i,
        'wagons',
        `${x.wagons} wagons exceeds a full ${wt.code} rake (${wt.wagonsPerRake})`,
        'error',
        x.id,
      );
    // Rail freight is for a train load: a rake far short of a full one is more likely a typing slip.
    else if (x.wagons < wt.wagonsPerRake / 2)
      c.add(
        'rakes',
        i,
        'wagons',
        `${x.wagons} wagons is less than half a full ${wt.code} rake (${wt.wagonsPerRake}): is the count right?`,
        'warning',
        x.id,
      );
    const placedMs = Date.parse(x.expectedPlacement);
    if (placedMs >= endMs)
      c.add(
        'rakes',
        i,
        'expectedPlacement',
        `placement ${x.expectedPlacement} is after the horizon ends: the rake cannot be used`,
        'warning',
        x.id,
      );
    else if (placedMs < startMs - PLACED_LONG_AGO_DAYS * 86_400_000)
      c.add(
        'rakes',
        i,
        'expectedPlacement',
        `placement ${x.expectedPlacement} is more than ${PLACED_LONG_AGO_DAYS} days before the plan start: loaded now it pays demurrage for all that time — is the date right?`,
        'warning',
        x.id,
      );
  });

  s.orders.forEach((x, i) => {
    const dest = destinations.get(x.destination);
    const product = products.get(x.product);
    if (!dest) c.add('orders', i, 'destination', `unknown destination '${x.destination}'`, 'error', x.id);
    if (!product) c.add('orders', i, 'product', `unknown product '${x.product}'`, 'error', x.id);
    else if (x.modes !== 'road' && !product.wagonTypes.some((w) => wagonTypes.has(w))) {
      c.add(
        'orders',
        i,
        'product',
        `no wagon type may carry product '${x.product}'`,
        x.modes === 'rail' ? 'error' : 'warning',
        x.id,
      );
    }
    if (dest && x.modes === 'road' && !dest.roadPossible)
      c.add('orders', i, 'modes', `road only, but road is not possible to ${dest.code}`, 'error', x.id);
    // An open order book holds overdue orders: they are planned like any other, late from the
    // start. A due date years back is a typing error, not an order still open.
    const dueMs = Date.parse(x.dueDate);
    if (dueMs < startMs - OVERDUE_LIMIT_DAYS * 86_400_000)
      c.add(
        'orders',
        i,
        'dueDate',
        `due ${x.dueDate} is more than ${OVERDUE_LIMIT_DAYS} days before the plan start ${s.horizon.start}: is the year right?`,
        'error',
        x.id,
      );
    else if (dueMs < startMs)
      c.add(
        'orders',
        i,
        'dueDate',
        `due ${x.dueDate} is before the plan start ${s.horizon.start}: it is late already, and lateness is charged from its due date`,
        'warning',
        x.id,
      );
  });

  const horizonDays = new Set(Array.from({ length: s.horizon.days }, (_, d) => istDate(startMs + d * 86_400_000)));
  s.roadCapacity.forEach((x, i) => {
    if (!stockyards.has(x.stockyard))
      c.add('roadCapacity', i, 'stockyard', `unknown stockyard '${x.stockyard}'`, 'error', `${x.stockyard}/${x.date}`);
    if (!horizonDays.has(x.date))
      c.add(
        'roadCapacity',
        i,
        'date',
        `${x.date} is no planning day of the horizon: this capacity is not used`,
        'warning',
        `${x.stockyard}/${x.date}`,
      );
  });
  if (Date.parse(`${s.costs.effectiveFrom}T00:00:00+05:30`) >= endMs)
    c.add(
      'costs',
      null,
      'effectiveFrom',
      `the cost parameters take effect on ${s.costs.effectiveFrom}, after the horizon ends`,
      'warning',
    );
  // A two-point rake needs the minimum on each side: past half of every full rake there is none.
  const widest = Math.max(0, ...p.wagonTypes.map((w) => w.wagonsPerRake));
  if (widest > 0 && 2 * s.costs.minWagonsPerDestination > widest)
    c.add(
      'costs',
      null,
      'minWagonsPerDestination',
      `${s.costs.minWagonsPerDestination} wagons a destination: no rake (at most ${widest} wagons) can serve two destinations`,
      'warning',
    );
  s.roadLanes.forEach((x, i) => {
    const key = `${x.stockyard}→${x.destination}`;
    if (!stockyards.has(x.stockyard))
      c.add('roadLanes', i, 'stockyard', `unknown stockyard '${x.stockyard}'`, 'error', key);
    if (!destinations.has(x.destination))
      c.add('roadLanes', i, 'destination', `unknown destination '${x.destination}'`, 'error', key);
  });
  return c.issues;
}
