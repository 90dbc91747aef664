import type { GateReport, GateThresholds, ModelSummary, ModelVersionInfo } from '../contract/api/registry';
import { ContractError, refusal } from '../contract/errors';
import { because } from '../contract/reason-error';
import { MODEL_SPECS } from '../../models';
import type { DriftReference } from '../drift/service';
import { trainedOnSynthetic } from '../domain/training-origin';
import type { HostServices } from '../host/services';
import type { Cell } from '../ml/table';
import { BlobStore } from './blobs';
import { DEFAULT_GATE_THRESHOLDS, runGates } from './gates';
import { importOnnx, type OnnxImport } from './imported-version';
import { promoteVersion, rollbackProduction, rollbackTarget } from './promotion';
import { ModelServer, type ServerHooks } from './serving';
import { RegistryStore } from './store';
import { registerDir, type RegisterDirOptions } from './trained-version';
import type { VersionRecord } from './version-record';

const GATES_KEY = 'registry.gateThresholds';

export interface RegistryOptions {
  /** Sessions kept loaded (LRU). */
  cacheSize?: number;
  hooks?: ServerHooks;
  /** Recent inputs of a model, for the consistency gate (drift samples). */
  recentInputs?: (name: string) => Record<string, Cell>[];
}

/**
 * The registry: stores versions and their files, moves aliases through the gates, and owns the
 * model server. Everything that changes an alias goes through here, so each move is recorded.
 */
export class Registry {
  readonly store: RegistryStore;
  readonly blobs: BlobStore;
  readonly server: ModelServer;

  constructor(
    private readonly s: HostServices,
    private readonly opts: RegistryOptions = {},
  ) {
    this.store = new RegistryStore(s.requireDb());
    this.blobs = new BlobStore(s.dataDir);
    this.server = new ModelServer(this.store, this.blobs, opts.cacheSize ?? 8, opts.hooks);
  }

  /**
   * Register a trained model directory. With the training table, the version also gets its dataset
   * fingerprint, reference statistics (drift), naive baseline (fallback) and holdout rows (gates).
   */
  registerDir(dir: string, opts: RegisterDirOptions = {}): VersionRecord {
    return registerDir(this.store, this.blobs, dir, opts);
  }

  /**
   * Import an external ONNX model with a declared input schema. It is listed only after it loads
   * and answers a test prediction with finite numbers of the declared width.
   */
  importOnnx(p: OnnxImport): Promise<VersionRecord> {
    return importOnnx(this.store, this.blobs, p);
  }

  gateThresholds(): GateThresholds {
    const row = this.s.requireDb().prepare('SELECT value FROM app_meta WHERE key = ?').get(GATES_KEY) as
      { value: string } | undefined;
    if (!row) return DEFAULT_GATE_THRESHOLDS;
    // Limits saved before a newer limit existed take that limit's default.
    const saved = JSON.parse(row.value) as GateThresholds;
    const d = DEFAULT_GATE_THRESHOLDS;
    return {
      dataQuality: { ...d.dataQuality, ...saved.dataQuality },
      improvement: { ...d.improvement, ...saved.improvement },
      stability: { ...d.stability, ...saved.stability },
      consistency: { ...d.consistency, ...saved.consistency },
    };
  }

  setGateThresholds(t: GateThresholds): GateThresholds {
    this.s
      .requireDb()
      .prepare('INSERT OR REPLACE INTO app_meta (key, value) VALUES (?, ?)')
      .run(GATES_KEY, JSON.stringify(t));
    return t;
  }

  /** Run the four gates for a version against production, store and return the report. */
  async evaluate(name: string, version: number, rows?: Record<string, Cell>[]): Promise<GateReport> {
    const cand = this.store.require(name, version);
    const prodV = this.store.alias(name, 'production');
    const prod = prodV !== null && prodV !== version ? this.store.require(name, prodV) : null;
    const holdout = rows
      ? { rows, source: `${rows.length} rows given` }
      : cand.holdoutSha256
        ? {
            rows: JSON.parse(this.blobs.get(cand.holdoutSha256, '.json').toString('utf8')) as Record<string, Cell>[],
            source: `time-ordered holdout of ${name}@${version}`,
            stored: true,
          }
        : null;
    const sessions = new Map<number, Awaited<ReturnType<ModelServer['loadChecked']>>>();
    try {
      const report = await runGates({
        cand,
        prod,
        holdout,
        thresholds: this.gateThresholds(),
        unit: MODEL_SPECS.find((sp) => sp.name === name)?.unit ?? null,
        recent: this.opts.recentInputs?.(name) ?? [],
        predict: async (v, r) => {
          let sess = sessions.get(v.version);
          if (!sess) {
            try {
              sess = await this.server.loadChecked(v);
            } catch (err) {
              throw refusal(
                'INVALID_DATA',
                because({ code: 'evaluate-failed', params: {} }, err),
                `Cannot evaluate: ${(err as Error).message}`,
              );
            }
            sessions.set(v.version, sess);
          }
          return sess.predict(r);
        },
      });
      this.store.saveGateReport(report);
      return report;
    } finally {
      for (const sess of sessions.values()) await sess.close();
    }
  }

  /**
   * Promote to production. Gates must have passed (the latest report if it was judged against the
   * current production under the current thresholds, else a fresh evaluation);
   * otherwise an override with a reason is required and recorded. Then swap on success.
   */
  promote(name: string, version: number, override?: { reason: string }) {
    return promoteVersion(
      {
        store: this.store,
        server: this.server,
        thresholds: () => this.gateThresholds(),
        evaluate: (n, v) => this.evaluate(n, v),
      },
      name,
      version,
      override,
    );
  }

  /** Move production back to the version it held before (swap on success as well). */
  rollback(name: string) {
    return rollbackProduction(this.store, this.server, name);
  }

  setCandidate(name: string, version: number) {
    this.store.require(name, version);
    this.store.setAlias(name, 'candidate', version, 'candidate', null);
    return { name, version };
  }

  pin(consumer: string, name: string, version: number | null) {
    if (version !== null) this.store.require(name, version);
    this.store.setPin(consumer, name, version);
    return { consumer, name, version };
  }

  /** Refused while an alias or a pin points at the version. The file goes when no version uses it. */
  delete(name: string, version: number) {
    const rec = this.store.require(name, version);
    const aliases = this.store.aliasesOf(name, version);
    const pins = this.store
      .pins(name)
      .filter((p) => p.version === version)
      .map((p) => p.consumer);
    if (aliases.length || pins.length) {
      throw new ContractError(
        'CONFLICT',
        `${name}@${version} is in use (${[...aliases.map((a) => `alias ${a}`), ...pins.map((c) => `pinned by ${c}`)].join(', ')}): move the alias or unpin it before deleting.`,
      );
    }
    this.server.evict(name, version);
    this.store.deleteVersion(name, version);
    if (!this.store.blobInUse(rec.fileSha256)) this.blobs.remove(rec.fileSha256, '.onnx');
    if (rec.holdoutSha256 && !this.store.blobInUse(rec.holdoutSha256)) this.blobs.remove(rec.holdoutSha256, '.json');
    return { name, version };
  }

  list(): ModelSummary[] {
    const status = this.server.status();
    return this.store.names().map((name) => {
      const nums = this.store.versionNumbers(name);
      const st = status.find((r) => r.name === name && r.alias === 'production');
      const production = this.store.alias(name, 'production');
      const spec = MODEL_SPECS.find((sp) => sp.name === name);
      return {
        name,
        title: spec?.title ?? name,
        unit: spec?.unit ?? null,
        versions: nums.length,
        latest: nums.at(-1) ?? 0,
        production,
        candidate: this.store.alias(name, 'candidate'),
        rollbackTo: production === null ? null : (rollbackTarget(this.store, name) ?? null),
        pins: this.store.pins(name).map((p) => ({ consumer: p.consumer, version: p.version })),
        status: st?.status ?? 'missing',
        loadMs: st?.loadMs ?? null,
        lastError: st?.lastError ?? null,
      };
    });
  }

  info(rec: VersionRecord): ModelVersionInfo {
    return this.store.info(rec);
  }

  /**
   * The drift reference: production's training statistics, and for a version trained from a spec
   * the history it learned from (new history is compared with it; core/drift/history-window.ts).
   */
  reference(name: string): DriftReference | null {
    const v = this.store.alias(name, 'production');
    const rec = v !== null ? this.store.get(name, v) : null;
    if (!rec?.datasetStats) return null;
    const spec = rec.manifest.spec ?? rec.spec;
    const history =
      spec && MODEL_SPECS.some((sp) => sp.name === spec)
        ? {
            label: `${name}@${rec.version}`,
            spec,
            trainedThrough: rec.manifest.trainedThrough ?? rec.dataset?.to ?? null,
            synthetic: trainedOnSynthetic(rec),
            dateColumn: rec.manifest.dateColumn,
            trainingSpan: this.store.trainingSpan(name, rec.version),
          }
        : null;
    return { version: rec.version, stats: rec.datasetStats, history };
  }

  close(): void {
    this.server.close();
  }
}
