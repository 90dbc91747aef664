import type { DriftReport, DriftThresholds } from '../contract/api/monitoring';
import type { HostServices } from '../host/services';
import { DEFAULT_THRESHOLDS, featureDrift, overallStatus } from './detect';
import { because } from '../contract/reason-error';
import { currentFromHistory, told, type Current, type HistoryBasis } from './history-window';
import type { DatasetStats } from './reference';

type Row = Record<string, number | string | null | undefined>;

export interface DriftOptions {
  /** Rows kept per model (oldest deleted first). */
  keepPerModel?: number;
  /** Rows written per model per flush: a reservoir sample of what arrived in between. */
  perFlush?: number;
  /** Scheduled check interval [ms]; 0 = off. */
  scheduleMs?: number;
}

/** A production version's training statistics; `history` when it was trained from a spec's history. */
export interface DriftReference {
  version: number;
  stats: DatasetStats;
  history: HistoryBasis | null;
}

const THRESHOLDS_KEY = 'drift.thresholds';
const FLUSH_MS = 5_000;

/**
 * Compares each production version's training reference with what the plant did since (PSI per
 * feature, KS for numeric ones), on a schedule and on demand: the history recorded after a
 * spec-trained version's training rows, else the inputs it was asked about, sampled into SQLite.
 * Sampling is buffered in memory and written every few seconds in one transaction, so a burst of
 * single-row predictions costs no disk write each.
 */
export class DriftService {
  private buffer = new Map<string, { seen: number; rows: Row[] }>();
  private timers: NodeJS.Timeout[] = [];
  private readonly keepPerModel: number;
  private readonly perFlush: number;
  private latest = new Map<string, DriftReport>();

  constructor(
    private readonly s: HostServices,
    private readonly reference: (name: string) => DriftReference | null,
    private readonly names: () => string[],
    opts: DriftOptions = {},
    private readonly onReport: (r: DriftReport) => void = () => {},
  ) {
    this.keepPerModel = opts.keepPerModel ?? 5_000;
    this.perFlush = opts.perFlush ?? 200;
    const flush = setInterval(() => this.flushSafe(), FLUSH_MS);
    flush.unref();
    this.timers.push(flush);
    const every = opts.scheduleMs ?? 6 * 3_600_000;
    if (every > 0) {
      const t = setInterval(() => {
        try {
          this.runAll('schedule');
        } catch {
          /* database closed: next tick or shutdown */
        }
      }, every);
      t.unref();
      this.timers.push(t);
    }
  }

  /** Called with every prediction request's rows. Reservoir sampling keeps the buffer bounded. */
  sample(name: string, rows: readonly Row[]): void {
    let b = this.buffer.get(name);
    if (!b) this.buffer.set(name, (b = { seen: 0, rows: [] }));
    for (const r of rows) {
      b.seen++;
      if (b.rows.length < this.perFlush) b.rows.push(r);
      else {
        const j = Math.floor(Math.random() * b.seen);
        if (j < this.perFlush) b.rows[j] = r;
      }
    }
  }

  flush(): void {
    const db = this.s.requireDb();
    const buffered = this.buffer;
    this.buffer = new Map();
    if (buffered.size === 0) return;
    const now = new Date().toISOString();
    const ins = db.prepare('INSERT INTO drift_samples (name, row, at) VALUES (?, ?, ?)');
    db.transaction(() => {
      for (const [name, b] of buffered) {
        for (const r of b.rows) ins.run(name, JSON.stringify(r), now);
        db.prepare(
          `DELETE FROM drift_samples WHERE name = ? AND id <= (
          SELECT id FROM drift_samples WHERE name = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`,
        ).run(name, name, this.keepPerModel);
      }
    })();
  }

  private flushSafe(): void {
    try {
      this.flush();
    } catch {
      this.stop();
    }
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  thresholds(): DriftThresholds {
    const row = this.s.db?.prepare('SELECT value FROM app_meta WHERE key = ?').get(THRESHOLDS_KEY) as
      { value: string } | undefined;
    return row ? { ...DEFAULT_THRESHOLDS, ...(JSON.parse(row.value) as Partial<DriftThresholds>) } : DEFAULT_THRESHOLDS;
  }

  setThresholds(t: DriftThresholds): DriftThresholds {
    this.s
      .requireDb()
      .prepare('INSERT OR REPLACE INTO app_meta (key, value) VALUES (?, ?)')
      .run(THRESHOLDS_KEY, JSON.stringify(t));
    return t;
  }

  /**
   * Compare one model's production version with its training reference and store the report: a
   * spec-trained version with the plant history recorded after its training rows
   * (history-window.ts), any other with the inputs it was asked about.
   */
  run(name: string, trigger: 'schedule' | 'manual'): DriftReport {
    this.flush();
    const db = this.s.requireDb();
    const th = this.thresholds();
    const ref = this.reference(name);
    const base = { name, version: ref?.version ?? null, thresholds: th, trigger, createdAt: new Date().toISOString() };
    const cur: Current | null = !ref ? null : this.current(name, ref, th.minSamples);
    let report: DriftReport;
    if (!cur)
      report = {
        ...base,
        samples: 0,
        status: 'no-data',
        features: [],
        ...told({ code: 'drift-no-reference', params: { model: name } }),
      };
    else if (!cur.values)
      report = {
        ...base,
        samples: cur.samples,
        ...(cur.compared ? { compared: cur.compared } : {}),
        status: 'no-data',
        features: [],
        message: cur.message,
        reasons: cur.reasons,
      };
    else {
      const values = cur.values;
      const features = cur.stats.features.flatMap((f) => {
        const d = featureDrift(f, values[f.name] ?? [], th);
        const on = cur.via?.[f.name];
        const span = cur.spans?.[f.name];
        return d ? [{ ...d, ...(on ? { comparedOn: on } : {}), ...(span ? { reference: span } : {}) }] : [];
      });
      const status = overallStatus(features);
      const worst = [...features].sort((a, b) => b.psi - a.psi)[0];
      report = {
        ...base,
        samples: cur.samples,
        ...(cur.compared ? { compared: cur.compared } : {}),
        status,
        features,
        message:
          status === 'ok'
            ? `No drift across ${features.length} features (${cur.what}).`
            : `${features.filter((f) => f.status !== 'ok').length} of ${features.length} features shifted; largest PSI ${worst!.psi.toFixed(3)} on ${worst!.feature} (${cur.what}).`,
      };
    }
    db.prepare(
      'INSERT INTO drift_reports (name, version, status, report, trigger, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(name, report.version, report.status, JSON.stringify(report), trigger, report.createdAt);
    this.latest.set(name, report);
    this.onReport(report);
    return report;
  }

  private current(name: string, ref: DriftReference, minSamples: number): Current {
    if (!ref.history) return this.sampledInputs(name, ref.stats, minSamples);
    try {
      return currentFromHistory(this.s.requireDb(), ref.history, ref.stats, minSamples, this.keepPerModel);
    } catch (err) {
      // One model's unreadable history must not stop the check of the others.
      return {
        values: null,
        samples: 0,
        message: `The history recorded since ${ref.history.label} was trained could not be read: ${(err as Error).message}`,
        reasons: because({ code: 'drift-history-unreadable', params: { model: ref.history.label } }, err),
      };
    }
  }

  /** The inputs sampled from prediction requests (a model trained on a CSV file is asked about real rows). */
  private sampledInputs(name: string, stats: DatasetStats, minSamples: number): Current {
    const rows = (
      this.s
        .requireDb()
        .prepare('SELECT row FROM drift_samples WHERE name = ? ORDER BY id DESC LIMIT ?')
        .all(name, this.keepPerModel) as { row: string }[]
    ).map((r) => JSON.parse(r.row) as Row);
    const compared = { kind: 'inputs' } as const;
    return rows.length < minSamples
      ? {
          values: null,
          samples: rows.length,
          compared,
          ...told({ code: 'drift-few-samples', params: { n: rows.length, min: minSamples } }),
        }
      : {
          values: Object.fromEntries(stats.features.map((f) => [f.name, rows.map((r) => r[f.name])])),
          samples: rows.length,
          stats,
          what: `${rows.length} samples`,
          compared,
        };
  }

  runAll(trigger: 'schedule' | 'manual'): DriftReport[] {
    return this.names().map((n) => this.run(n, trigger));
  }

  reports(name: string | undefined, limit: number): DriftReport[] {
    const db = this.s.requireDb();
    const rows = (
      name
        ? db.prepare('SELECT report FROM drift_reports WHERE name = ? ORDER BY id DESC LIMIT ?').all(name, limit)
        : db.prepare('SELECT report FROM drift_reports ORDER BY id DESC LIMIT ?').all(limit)
    ) as { report: string }[];
    return rows.map((r) => JSON.parse(r.report) as DriftReport);
  }

  /** Latest report per model (memory first, then the table), for the Monitor page and alerts. */
  latestByModel(): DriftReport[] {
    let db;
    try {
      db = this.s.requireDb();
    } catch {
      return [...this.latest.values()];
    }
    const rows = db
      .prepare(
        `SELECT report FROM drift_reports WHERE id IN (SELECT MAX(id) FROM drift_reports GROUP BY name) ORDER BY name`,
      )
      .all() as { report: string }[];
    return rows.map((r) => JSON.parse(r.report) as DriftReport);
  }
}
