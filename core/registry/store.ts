import type { Alias, GateReport, ModelEvent, ModelVersionInfo } from '../contract/api/registry';
import { refusal } from '../contract/errors';
import type { TrainingSpanStats } from '../drift/feature-reference';
import type { Database } from '../storage/db';
import { previousProductions } from './production-history';
import { insertVersionRow, json, manifestInfo, parse, RECORD_COLUMNS, toEvent, toRecord } from './store-rows';
import type { NewVersion, VersionRecord } from './version-record';

/** SQLite access for versions, aliases, pins, events and gate reports. Writes are transactions. */
export class RegistryStore {
  /** Alias and pin lookups happen on every prediction: kept in memory, dropped on any write. */
  private readonly lookups = new Map<string, number | null>();

  constructor(private readonly db: Database.Database) {}

  private cached(key: string, read: () => number | null): number | null {
    if (this.lookups.has(key)) return this.lookups.get(key)!;
    const v = read();
    this.lookups.set(key, v);
    return v;
  }

  /** The version of `name` whose model file has this hash, if one is registered already. */
  findByFile(name: string, sha256: string): VersionRecord | null {
    const r = this.db
      .prepare('SELECT version FROM model_versions WHERE name = ? AND file_sha256 = ? ORDER BY version LIMIT 1')
      .get(name, sha256) as { version: number } | undefined;
    return r ? this.require(name, r.version) : null;
  }

  insertVersion(v: NewVersion): VersionRecord {
    const now = new Date().toISOString();
    return this.db.transaction(() => {
      const next = this.nextVersion(v.name);
      insertVersionRow(this.db, v, next, now);
      this.event(v.name, next, v.origin === 'imported' ? 'import' : 'register', null, {
        note: v.note,
        sourceRef: v.sourceRef,
      });
      return this.get(v.name, next)!;
    })();
  }

  /**
   * The number the next version of `name` gets. The event log keeps every number ever given out,
   * deleted versions' too, so a number is never reused: the log's promotions and gate reports
   * under a number then always mean the one model that held it.
   */
  nextVersion(name: string): number {
    const r = this.db
      .prepare(
        `SELECT MAX(v) AS v FROM (SELECT MAX(version) AS v FROM model_versions WHERE name = ?
          UNION ALL SELECT MAX(version) FROM model_events WHERE name = ?)`,
      )
      .get(name, name) as { v: number | null };
    return (r.v ?? 0) + 1;
  }

  get(name: string, version: number): VersionRecord | null {
    const r = this.db
      .prepare(`SELECT ${RECORD_COLUMNS} FROM model_versions WHERE name = ? AND version = ?`)
      .get(name, version) as Record<string, unknown> | undefined;
    return r ? toRecord(r) : null;
  }

  /** The training-span statistics stored with a version; null when it was registered without them. */
  trainingSpan(name: string, version: number): TrainingSpanStats | null {
    const r = this.db
      .prepare('SELECT training_span FROM model_versions WHERE name = ? AND version = ?')
      .get(name, version) as { training_span: string | null } | undefined;
    return parse<TrainingSpanStats>(r?.training_span);
  }

  require(name: string, version: number): VersionRecord {
    const v = this.get(name, version);
    if (!v) {
      const known = this.versionNumbers(name);
      throw refusal(
        'NOT_FOUND',
        known.length
          ? { code: 'model-no-version', params: { model: name, version, versions: known.join(', ') } }
          : { code: 'model-unknown', params: { model: name } },
      );
    }
    return v;
  }

  versionNumbers(name: string): number[] {
    return (
      this.db.prepare('SELECT version FROM model_versions WHERE name = ? ORDER BY version').all(name) as {
        version: number;
      }[]
    ).map((r) => r.version);
  }

  versions(name: string): VersionRecord[] {
    return (
      this.db
        .prepare(`SELECT ${RECORD_COLUMNS} FROM model_versions WHERE name = ? ORDER BY version DESC`)
        .all(name) as Record<string, unknown>[]
    ).map(toRecord);
  }

  names(): string[] {
    return (this.db.prepare('SELECT DISTINCT name FROM model_versions ORDER BY name').all() as { name: string }[]).map(
      (r) => r.name,
    );
  }

  alias(name: string, alias: Alias): number | null {
    return this.cached(`a\u0000${name}\u0000${alias}`, () => {
      const r = this.db.prepare('SELECT version FROM model_aliases WHERE name = ? AND alias = ?').get(name, alias) as
        { version: number } | undefined;
      return r?.version ?? null;
    });
  }

  aliasesOf(name: string, version: number): Alias[] {
    return (
      this.db
        .prepare('SELECT alias FROM model_aliases WHERE name = ? AND version = ? ORDER BY alias')
        .all(name, version) as { alias: Alias }[]
    ).map((r) => r.alias);
  }

  /**
   * Move an alias and record the move (rollback reads these events). A production move records
   * the model file's hash, so a rollback can tell the model that served from any later one.
   */
  setAlias(
    name: string,
    alias: Alias,
    version: number,
    kind: ModelEvent['kind'],
    detail: Record<string, unknown> | null = null,
  ): number | null {
    return this.db.transaction(() => {
      const from = this.alias(name, alias);
      this.db
        .prepare('INSERT OR REPLACE INTO model_aliases (name, alias, version, updated_at) VALUES (?, ?, ?, ?)')
        .run(name, alias, version, new Date().toISOString());
      this.lookups.clear();
      const fileSha256 = alias === 'production' ? this.get(name, version)?.fileSha256 : undefined;
      this.event(name, version, kind, from, fileSha256 ? { ...detail, fileSha256 } : detail);
      return from;
    })();
  }

  clearAlias(name: string, alias: Alias): void {
    this.db.prepare('DELETE FROM model_aliases WHERE name = ? AND alias = ?').run(name, alias);
    this.lookups.clear();
  }

  pins(name?: string): { consumer: string; name: string; version: number }[] {
    return (
      name
        ? this.db.prepare('SELECT consumer, name, version FROM model_pins WHERE name = ? ORDER BY consumer').all(name)
        : this.db.prepare('SELECT consumer, name, version FROM model_pins ORDER BY name, consumer').all()
    ) as { consumer: string; name: string; version: number }[];
  }

  pin(consumer: string, name: string): number | null {
    return this.cached(`p\u0000${consumer}\u0000${name}`, () => {
      const r = this.db
        .prepare('SELECT version FROM model_pins WHERE consumer = ? AND name = ?')
        .get(consumer, name) as { version: number } | undefined;
      return r?.version ?? null;
    });
  }

  setPin(consumer: string, name: string, version: number | null): void {
    this.db.transaction(() => {
      const from = this.pin(consumer, name);
      if (version === null)
        this.db.prepare('DELETE FROM model_pins WHERE consumer = ? AND name = ?').run(consumer, name);
      else
        this.db
          .prepare('INSERT OR REPLACE INTO model_pins (consumer, name, version, updated_at) VALUES (?, ?, ?, ?)')
          .run(consumer, name, version, new Date().toISOString());
      this.lookups.clear();
      this.event(name, version, version === null ? 'unpin' : 'pin', from, { consumer });
    })();
  }

  /** Delete a version nothing points to; the caller checks aliases and pins first. */
  deleteVersion(name: string, version: number): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM model_versions WHERE name = ? AND version = ?').run(name, version);
      this.event(name, version, 'delete', null, null);
    })();
  }

  blobInUse(sha256: string): boolean {
    return Boolean(
      this.db
        .prepare('SELECT 1 FROM model_versions WHERE file_sha256 = ? OR holdout_sha256 = ? LIMIT 1')
        .get(sha256, sha256),
    );
  }

  setError(name: string, version: number, error: string | null): void {
    this.db
      .prepare('UPDATE model_versions SET last_error = ?, last_error_at = ? WHERE name = ? AND version = ?')
      .run(error, error ? new Date().toISOString() : null, name, version);
    if (error) this.event(name, version, 'load-error', null, { error });
  }

  event(
    name: string,
    version: number | null,
    kind: ModelEvent['kind'],
    from: number | null,
    detail: Record<string, unknown> | null,
  ): void {
    this.db
      .prepare('INSERT INTO model_events (name, version, kind, from_version, detail, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(name, version, kind, from, json(detail), new Date().toISOString());
  }

  events(name: string, limit = 200): ModelEvent[] {
    return (
      this.db.prepare('SELECT * FROM model_events WHERE name = ? ORDER BY id DESC LIMIT ?').all(name, limit) as Record<
        string,
        unknown
      >[]
    ).map(toEvent);
  }

  /** Production versions before the current one that a rollback may return to, newest first (production-history.ts). */
  previousProductions(name: string): number[] {
    return previousProductions(this.db, name, this.alias(name, 'production'), (n, v) => this.get(n, v));
  }

  saveGateReport(r: GateReport): void {
    this.db
      .prepare(
        'INSERT INTO gate_reports (name, version, against_version, passed, report, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(r.name, r.version, r.against, r.passed ? 1 : 0, JSON.stringify(r), r.evaluatedAt);
  }

  gateReports(name: string, version: number): GateReport[] {
    return (
      this.db
        .prepare('SELECT report FROM gate_reports WHERE name = ? AND version = ? ORDER BY id DESC')
        .all(name, version) as { report: string }[]
    ).map((r) => JSON.parse(r.report) as GateReport);
  }

  info(v: VersionRecord): ModelVersionInfo {
    return {
      name: v.name,
      version: v.version,
      origin: v.origin,
      spec: v.spec,
      params: v.params,
      manifest: manifestInfo(v.manifest),
      dataset: v.dataset,
      metrics: v.metrics,
      baselineMetrics: v.baselineMetrics,
      trainMs: v.trainMs,
      parentVersion: v.parentVersion,
      note: v.note,
      sourceRef: v.sourceRef,
      fileSha256: v.fileSha256,
      fileBytes: v.fileBytes,
      hasHoldout: v.holdoutSha256 !== null,
      lastError: v.lastError,
      lastErrorAt: v.lastErrorAt,
      createdAt: v.createdAt,
      aliases: this.aliasesOf(v.name, v.version),
      pins: this.pins(v.name)
        .filter((p) => p.version === v.version)
        .map((p) => p.consumer),
      gate: this.gateReports(v.name, v.version)[0] ?? null,
    };
  }
}
