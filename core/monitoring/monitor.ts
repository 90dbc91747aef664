import type { HostServices } from '../host/services';
import { DEFAULT_RULES, evaluateRules, type Alert, type DriftHealth, type ModelHealth } from './alerts';
import { JsonLog } from './log';
import { renderPrometheus } from './prometheus';
import { SeriesStore, type Observation, type SeriesKind } from './series';
import type { CallScope, MonitorConfig } from '../contract/api/monitoring';

export type { MonitorConfig };

export const DEFAULT_CONFIG: MonitorConfig = { retentionDays: 7, slowCallMs: 1000, rules: DEFAULT_RULES };
const CONFIG_KEY = 'monitoring.config';
const FLUSH_MS = 5_000;
const DERIVED: Record<string, SeriesKind> = { 'training.start': 'training' };

/** What other features tell the monitor about: registry and drift set these at registration. */
export interface StatusProviders {
  models?: () => (ModelHealth & { alias: string; loadMs: number | null })[];
  drift?: () => (DriftHealth & { features: { feature: string; psi: number }[] })[];
}

/**
 * The host's monitor: counts and times every call and whatever features record (inference,
 * model loads, optimizer runs, training jobs), flushes minute points to SQLite every 5 s, answers
 * series and alert queries, renders Prometheus text, and writes the JSON log.
 * One per host (see `monitorFor`), so features record into it without being wired to each other.
 */
export class Monitor {
  readonly store = new SeriesStore();
  readonly log: JsonLog;
  readonly providers: StatusProviders = {};
  private timer: NodeJS.Timeout | null = null;
  private config: MonitorConfig;

  constructor(private readonly s: HostServices) {
    this.log = new JsonLog(s.dataDir);
    this.config = this.readConfig();
    this.timer = setInterval(() => this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  record(kind: SeriesKind, key: string, o: Observation): void {
    this.store.record(kind, key, o);
  }

  /** The host app's call observer. */
  observeCall = (e: { name: string; ms: number; ok: boolean; code?: string }): void => {
    this.store.record('call', e.name, e);
    // Training jobs are calls too; their outcome series come from here. (Optimizer runs record
    // their own outcome — solved, fallback, failed — with time and gap, in core/plans.)
    const derived = DERIVED[e.name];
    if (derived)
      this.store.record(
        derived,
        e.ok ? (derived === 'optimizer' ? 'solved' : 'succeeded') : e.code === 'CANCELLED' ? 'cancelled' : 'failed',
        e,
      );
    if (!e.ok && e.code !== 'CANCELLED')
      this.log.log(e.code === 'HANDLER_ERROR' || e.code === 'INTERNAL' ? 'error' : 'warn', 'call failed', {
        call: e.name,
        code: e.code,
        ms: round(e.ms),
      });
    else if (e.ms >= this.config.slowCallMs) this.log.log('warn', 'slow call', { call: e.name, ms: round(e.ms) });
  };

  /** Write pending points. Stops quietly once the database is closed (host shutting down). */
  flush(): void {
    let db;
    try {
      db = this.s.requireDb();
    } catch {
      return this.stop();
    }
    try {
      this.store.flush(db, this.config.retentionDays * 24 * 60);
    } catch (err) {
      this.log.log('error', 'metrics flush failed', { error: (err as Error).message });
    }
    this.log.flush();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.log.flush();
  }

  getConfig(): MonitorConfig {
    return this.config;
  }

  setConfig(c: MonitorConfig): MonitorConfig {
    this.s
      .requireDb()
      .prepare('INSERT OR REPLACE INTO app_meta (key, value) VALUES (?, ?)')
      .run(CONFIG_KEY, JSON.stringify(c));
    this.config = c;
    this.log.log('info', 'monitoring settings changed', { retentionDays: c.retentionDays, rules: c.rules.length });
    return c;
  }

  private readConfig(): MonitorConfig {
    try {
      const row = this.s.db?.prepare('SELECT value FROM app_meta WHERE key = ?').get(CONFIG_KEY) as
        { value: string } | undefined;
      return row
        ? upgradeConfig({ ...DEFAULT_CONFIG, ...(JSON.parse(row.value) as Partial<MonitorConfig>) })
        : DEFAULT_CONFIG;
    } catch {
      return DEFAULT_CONFIG;
    }
  }

  private db() {
    try {
      return this.s.requireDb();
    } catch {
      return null;
    }
  }

  series(kind: SeriesKind, minutes: number, key?: string, now = Date.now(), scope?: CallScope) {
    return this.store.series(this.db(), { kind, key, scope, fromMs: now - (minutes - 1) * 60_000, toMs: now });
  }

  summary(kind: SeriesKind | undefined, minutes: number, now = Date.now()) {
    return this.store.summary(this.db(), { kind, fromMs: now - (minutes - 1) * 60_000, toMs: now });
  }

  alerts(): Alert[] {
    return evaluateRules(this.config.rules, {
      series: (kind, minutes, scope) => this.series(kind, minutes, undefined, Date.now(), scope),
      models: () => this.providers.models?.() ?? [],
      drift: () => this.providers.drift?.() ?? [],
    });
  }

  /**
   * Prometheus text. A running host reports counters since it started (what a scraper expects);
   * `stored` reports everything kept in the data directory instead, for the one-shot CLI.
   */
  prometheus(stored = false): string {
    const models = this.providers.models?.() ?? [];
    const now = Date.now();
    return renderPrometheus({
      appVersion: this.s.appVersion,
      uptimeS: Math.round((now - this.s.startedAt) / 1000),
      totals: stored
        ? this.store.windowTotals(this.db(), now - this.config.retentionDays * 86_400_000, now)
        : this.store.allTotals(),
      models: models.map((m) => ({ name: m.name, version: m.version, alias: m.alias, loaded: m.status === 'loaded' })),
      drift: (this.providers.drift?.() ?? []).flatMap((d) =>
        d.features.map((f) => ({ name: d.name, feature: f.feature, psi: f.psi })),
      ),
    });
  }
}

/**
 * Settings saved before calls were split into clicks and long jobs: the call latency rule judged
 * both, so every solve raised it. It now judges clicks, and long jobs get their default rule.
 */
function upgradeConfig(c: MonitorConfig): MonitorConfig {
  if (c.rules.some((r) => r.type === 'latency' && r.scope)) return c;
  const rules = c.rules.map((r) =>
    r.type === 'latency' && r.series === 'call' ? { ...r, scope: 'interactive' as const } : r,
  );
  const jobs = DEFAULT_RULES.find((r) => r.id === 'job-p95');
  return { ...c, rules: jobs && !rules.some((r) => r.id === jobs.id) ? [...rules, jobs] : rules };
}

const round = (ms: number) => Math.round(ms * 100) / 100;

const monitors = new WeakMap<HostServices, Monitor>();

/** The host's one monitor, created on first use. */
export function monitorFor(s: HostServices): Monitor {
  let m = monitors.get(s);
  if (!m) monitors.set(s, (m = new Monitor(s)));
  return m;
}
