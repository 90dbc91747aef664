import type { Database } from '../storage/db';
import { Histogram } from './histogram';
import type { SeriesKind, SeriesPoint, SeriesSummary } from '../contract/api/monitoring';

export type { SeriesKind, SeriesPoint, SeriesSummary };

/**
 * What is counted. `call`: every contract call by name; `inference`: model predictions by
 * `name@version`; `model-load`: session loads by `name@version`; `optimizer`: solver runs by
 * outcome (solved | fallback | failed; value = gap); `training`: training jobs by outcome.
 */

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
  sumValue = 0;
  readonly hist = new Histogram();
  readonly codes = new Map<string, number>();

  add(o: Observation): void {
    this.count++;
    if (!o.ok) {
      this.errors++;
      if (o.code) this.codes.set(o.code, (this.codes.get(o.code) ?? 0) + 1);
    }
    this.sumValue += o.value ?? 0;
    this.hist.add(o.ms);
  }

  merge(o: Cell): void {
    this.count += o.count;
    this.errors += o.errors;
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
    const get = db.prepare('SELECT count, errors, sum_ms, sum_value, hist FROM metric_points WHERE minute = ? AND kind = ? AND key = ?');
    const put = db.prepare(`INSERT OR REPLACE INTO metric_points (minute, kind, key, count, errors, sum_ms, sum_value, hist)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    try {
      db.transaction(() => {
        for (const [pk, cell] of pending) {
          const [m, kind, key] = pk.split(SEP) as [string, string, string];
          const minute = Number(m);
          const old = get.get(minute, kind, key) as { count: number; errors: number; sum_ms: number; sum_value: number; hist: string } | undefined;
          const merged = new Cell();
          merged.merge(cell);
          if (old) {
            const prev = new Cell();
            prev.count = old.count; prev.errors = old.errors; prev.sumValue = old.sum_value;
            prev.hist.merge(Histogram.fromSparse(JSON.parse(old.hist) as Record<string, number>, old.sum_ms));
            merged.merge(prev);
          }
          put.run(minute, kind, key, merged.count, merged.errors, merged.hist.sumMs, merged.sumValue, JSON.stringify(merged.hist.toSparse()));
        }
        db.prepare('DELETE FROM metric_points WHERE minute < ?').run(minuteOf(now) - retentionMinutes);
      })();
    } catch (err) {
      // Keep the deltas for the next attempt rather than losing them to a busy database.
      for (const [pk, cell] of pending) {
        const cur = this.pending.get(pk);
        if (cur) cur.merge(cell); else this.pending.set(pk, cell);
      }
      throw err;
    }
    return pending.size;
  }

  /** Minute cells for [fromMinute, toMinute], stored plus pending, keyed by `${kind}\0${key}` then minute. */
  private cells(db: Database.Database | null, fromMinute: number, toMinute: number, kind?: SeriesKind, key?: string): Map<string, Map<number, Cell>> {
    const out = new Map<string, Map<number, Cell>>();
    const add = (k: string, minute: number, cell: Cell) => {
      let byMinute = out.get(k);
      if (!byMinute) out.set(k, (byMinute = new Map()));
      const cur = byMinute.get(minute);
      if (cur) cur.merge(cell); else { const c = new Cell(); c.merge(cell); byMinute.set(minute, c); }
    };
    if (db) {
      const rows = db.prepare(`SELECT minute, kind, key, count, errors, sum_ms, sum_value, hist FROM metric_points
        WHERE minute BETWEEN ? AND ? ${kind ? 'AND kind = ?' : ''} ${key !== undefined ? 'AND key = ?' : ''}`)
        .all(...[fromMinute, toMinute, ...(kind ? [kind] : []), ...(key !== undefined ? [key] : [])]) as
        { minute: number; kind: string; key: string; count: number; errors: number; sum_ms: number; sum_value: number; hist: string }[];
      for (const r of rows) {
        const c = new Cell();
        c.count = r.count; c.errors = r.errors; c.sumValue = r.sum_value;
        c.hist.merge(Histogram.fromSparse(JSON.parse(r.hist) as Record<string, number>, r.sum_ms));
        add(`${r.kind}${SEP}${r.key}`, r.minute, c);
      }
    }
    for (const [pk, cell] of this.pending) {
      const [m, k, ky] = pk.split(SEP) as [string, string, string];
      const minute = Number(m);
      if (minute < fromMinute || minute > toMinute || (kind && k !== kind) || (key !== undefined && ky !== key)) continue;
      add(`${k}${SEP}${ky}`, minute, cell);
    }
    return out;
  }

  /** One point per minute (empty minutes included as zeros), all keys of `kind` merged unless `key` is given. */
  series(db: Database.Database | null, q: { kind: SeriesKind; key?: string; fromMs: number; toMs: number }): SeriesPoint[] {
    const from = minuteOf(q.fromMs), to = minuteOf(q.toMs);
    const merged = new Map<number, Cell>();
    for (const byMinute of this.cells(db, from, to, q.kind, q.key).values()) {
      for (const [m, c] of byMinute) {
        const cur = merged.get(m);
        if (cur) cur.merge(c); else merged.set(m, c);
      }
    }
    const points: SeriesPoint[] = [];
    for (let m = from; m <= to; m++) points.push(toPoint(m, merged.get(m) ?? new Cell()));
    return points;
  }

  /** Merged cells per key over a window, stored plus pending (the CLI's Prometheus text reads these). */
  windowTotals(db: Database.Database | null, fromMs: number, toMs: number): { kind: SeriesKind; key: string; cell: Cell }[] {
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

function summarise(c: Cell) {
  return {
    count: c.count,
    errors: c.errors,
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
  return { t: minute * 60_000, count: c.count, errors: c.errors, rate: c.count / 60, p50: s.p50, p95: s.p95, p99: s.p99, meanMs: s.meanMs, sumValue: c.sumValue };
}
