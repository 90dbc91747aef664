import type { Database } from '../storage/db';
import { Histogram } from './latency-histogram';
import type { CallScope, SeriesKind, SeriesPoint, SeriesSummary } from '../contract/api/monitoring';

export type { SeriesKind, SeriesPoint, SeriesSummary };

/**
 * What is counted. `call`: every contract call by name; `inference`: model predictions by
 * `name@version`; `model-load`: session loads by `name@version`; `optimizer`: solver runs by
 * outcome (solved | fallback | failed; value = gap); `training`: training jobs by outcome.
 */

/**
 * Codes that are RakePlan's own failure. Every other code is an answer the caller asked for:
 * CANCELLED (the planner stopped it), BAD_PAYLOAD, INVALID_DATA, CONFLICT, NOT_FOUND,
 * LIMIT_EXCEEDED, UNKNOWN_CALL (a refusal naming what is wrong). No code: an engine failure.
 */
const FAULT_CODES = new Set(['HANDLER_ERROR', 'INTERNAL', 'UNAVAILABLE']);
export const isFault = (code: string | undefined) => code === undefined || FAULT_CODES.has(code);

/** Calls that run for minutes by design; latency rules judge them apart from clicks. */
export const LONG_CALLS = new Set(['plans.solve', 'training.start', 'registry.batch']);

export interface Observation {
  ms: number;
  ok: boolean;
  /** Error code when not ok (contract error codes for calls). */
  code?: string;
  /** A number to sum alongside (optimizer gap, rows scored). */
  value?: number;
}

export class Cell {
  count = 0;
  errors = 0;
  faults = 0;
  sumValue = 0;
  readonly hist = new Histogram();
  readonly codes = new Map<string, number>();

  add(o: Observation): void {
    this.count++;
    if (!o.ok) {
      this.errors++;
      if (isFault(o.code)) this.faults++;
      if (o.code) this.codes.set(o.code, (this.codes.get(o.code) ?? 0) + 1);
    }
    this.sumValue += o.value ?? 0;
    this.hist.add(o.ms);
  }

  merge(o: Cell): void {
    this.count += o.count;
    this.errors += o.errors;
    this.faults += o.faults;
    this.sumValue += o.sumValue;
    this.hist.merge(o.hist);
    for (const [c, n] of o.codes) this.codes.set(c, (this.codes.get(c) ?? 0) + n);
  }
}

const SEP = '\u0000';
export const minuteOf = (ms: number) => Math.floor(ms / 60_000);

/**
 * Per-minute cells in memory, flushed as deltas into `metric_points` (merged into any row already
 * there, so a restart within a minute adds rather than overwrites). Queries read the table and add
 * what is not yet flushed, so the Monitor page sees a call made a second ago. Since-start totals
 * stay in memory for the Prometheus counters.
 */
export class SeriesStore {
  private pending = new Map<string, Cell>(); // `${minute}\0${kind}\0${key}`
  private readonly totals = new Map<string, Cell>(); // `${kind}\0${key}`

  record(kind: SeriesKind, key: string, o: Observation, now = Date.now()): void {
    const pk = `${minuteOf(now)}${SEP}${kind}${SEP}${key}`;
    let cell = this.pending.get(pk);
    if (!cell) this.pending.set(pk, (cell = new Cell()));
    cell.add(o);
    const tk = `${kind}${SEP}${key}`;
    let total = this.totals.get(tk);
    if (!total) this.totals.set(tk, (total = new Cell()));
    total.add(o);
  }

  /** Since process start, for Prometheus counters and histograms. */
  allTotals(): { kind: SeriesKind; key: string; cell: Cell }[] {
    return [...this.totals].map(([k, cell]) => {
      const [kind, key] = k.split(SEP) as [SeriesKind, string];
      return { kind, key, cell };
    });
  }

  /** Write pending deltas and drop points older than the retention. One transaction. */
  flush(db: Database.Database, retentionMinutes: number, now = Date.now()): number {
    const pending = this.pending;
    this.pending = new Map();
    const get = db.prepare(
      'SELECT count, errors, faults, sum_ms, sum_value, hist FROM metric_points WHERE minute = ? AND kind = ? AND key = ?',
    );
    const put =
      db.prepare(`INSERT OR REPLACE INTO metric_points (minute, kind, key, count, errors, faults, sum_ms, sum_value, hist)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    try {
      db.transaction(() => {
        for (const [pk, cell] of pending) {
          const [m, kind, key] = pk.split(SEP) as [string, string, string];
          const minute = Number(m);
          const old = get.get(minute, kind, key) as StoredPoint | undefined;
          const merged = new Cell();
          merged.merge(cell);
          if (old) merged.merge(fromStored(old));
          put.run(
            minute,
            kind,
            key,
            merged.count,
            merged.errors,
            merged.faults,
            merged.hist.sumMs,
            merged.sumValue,
            JSON.stringify(merged.hist.toSparse()),
          );
        }
        db.prepare('DELETE FROM metric_points WHERE minute < ?').run(minuteOf(now) - retentionMinutes);
      })();
    } catch (err) {
      // Keep the deltas for the next attempt rather than losing them to a busy database.
      for (const [pk, cell] of pending) {
        const cur = this.pending.get(pk);
        if (cur) cur.merge(cell);
        else this.pending.set(pk, cell);
      }
      throw err;
    }
    return pending.size;
  }

  /** Minute cells for [fromMinute, toMinute], stored plus pending, keyed by `${kind}\0${key}` then minute. */
  private cells(
    db: Database.Database | null,
    fromMinute: number,
    toMinute: number,
    kind?: SeriesKind,
    key?: string,
  ): Map<string, Map<number, Cell>> {
    const out = new Map<string, Map<number, Cell>>();
    const add = (k: string, minute: number, cell: Cell) => {
      let byMinute = out.get(k);
      if (!byMinute) out.set(k, (byMinute = new Map()));
      const cur = byMinute.get(minute);
      if (cur) cur.merge(cell);
      else {
        const c = new Cell();
        c.merge(cell);
        byMinute.set(minute, c);
      }
    };
    if (db) {
      const rows = db
        .prepare(
          `SELECT minute, kind, key, count, errors, faults, sum_ms, sum_value, hist FROM metric_points
        WHERE minute BETWEEN ? AND ? ${kind ? 'AND kind = ?' : ''} ${key !== undefined ? 'AND key = ?' : ''}`,
        )
        .all(
          ...[fromMinute, toMinute, ...(kind ? [kind] : []), ...(key !== undefined ? [key] : [])],
        ) as (StoredPoint & { minute: number; kind: string; key: string })[];
      for (const r of rows) add(`${r.kind}${SEP}${r.key}`, r.minute, fromStored(r));
    }
    for (const [pk, cell] of this.pending) {
      const [m, k, ky] = pk.split(SEP) as [string, string, string];
      const minute = Number(m);
      if (minute < fromMinute || minute > toMinute || (kind && k !== kind) || (key !== undefined && ky !== key))
        continue;
      add(`${k}${SEP}${ky}`, minute, cell);
    }
    return out;
  }

  /**
   * One point per minute (empty minutes included as zeros), all keys of `kind` merged unless `key`
   * is given; `scope` keeps only the long jobs or only the interactive calls.
   */
  series(
    db: Database.Database | null,
    q: { kind: SeriesKind; key?: string; scope?: CallScope; fromMs: number; toMs: number },
  ): SeriesPoint[] {
    const from = minuteOf(q.fromMs),
      to = minuteOf(q.toMs);
    const merged = new Map<number, Cell>();
    for (const [k, byMinute] of this.cells(db, from, to, q.kind, q.key)) {
      if (q.scope && LONG_CALLS.has(k.slice(k.indexOf(SEP) + 1)) !== (q.scope === 'jobs')) continue;
      for (const [m, c] of byMinute) {
        const cur = merged.get(m);
        if (cur) cur.merge(c);
        else merged.set(m, c);
      }
    }
    const points: SeriesPoint[] = [];
    for (let m = from; m <= to; m++) points.push(toPoint(m, merged.get(m) ?? new Cell()));
    return points;
  }

  /** Merged cells per key over a window, stored plus pending (the CLI's Prometheus text reads these). */
  windowTotals(
    db: Database.Database | null,
    fromMs: number,
    toMs: number,
  ): { kind: SeriesKind; key: string; cell: Cell }[] {
    return [...this.cells(db, minuteOf(fromMs), minuteOf(toMs))].map(([k, byMinute]) => {
      const [kind, key] = k.split(SEP) as [SeriesKind, string];
      const cell = new Cell();
      for (const c of byMinute.values()) cell.merge(c);
      return { kind, key, cell };
    });
  }

  /** Per-key totals over a window: the Monitor page's call table, and what alert rules read. */
  summary(db: Database.Database | null, q: { kind?: SeriesKind; fromMs: number; toMs: number }): SeriesSummary[] {
    const out: SeriesSummary[] = [];
    for (const [k, byMinute] of this.cells(db, minuteOf(q.fromMs), minuteOf(q.toMs), q.kind)) {
      const [kind, key] = k.split(SEP) as [SeriesKind, string];
      const c = new Cell();
      for (const cell of byMinute.values()) c.merge(cell);
      out.push({ kind, key, ...summarise(c) });
    }
    return out.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  }
}

interface StoredPoint {
  count: number;
  errors: number;
  faults: number;
  sum_ms: number;
  sum_value: number;
  hist: string;
}

function fromStored(r: StoredPoint): Cell {
  const c = new Cell();
  c.count = r.count;
  c.errors = r.errors;
  c.faults = r.faults;
  c.sumValue = r.sum_value;
  c.hist.merge(Histogram.fromSparse(JSON.parse(r.hist) as Record<string, number>, r.sum_ms));
  return c;
}

function summarise(c: Cell) {
  return {
    count: c.count,
    errors: c.errors,
    faults: c.faults,
    errorRate: c.count ? c.errors / c.count : 0,
    p50: c.hist.quantile(0.5),
    p95: c.hist.quantile(0.95),
    p99: c.hist.quantile(0.99),
    meanMs: c.count ? c.hist.sumMs / c.count : null,
    sumValue: c.sumValue,
  };
}

function toPoint(minute: number, c: Cell): SeriesPoint {
  const s = summarise(c);
  return {
    t: minute * 60_000,
    count: c.count,
    errors: c.errors,
    faults: c.faults,
    rate: c.count / 60,
    p50: s.p50,
    p95: s.p95,
    p99: s.p99,
    meanMs: s.meanMs,
    sumValue: c.sumValue,
  };
}
