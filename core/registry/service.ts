import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { GateReport, GateThresholds, ModelSummary, ModelVersionInfo } from '../contract/api/registry';
import { ContractError, refusal } from '../contract/errors';
import { because, paramText } from '../contract/reason-error';
import { reasonText, type ErrorReason } from '../contract/refusals';
import { MODEL_SPECS } from '../../models';
import { fingerprint, type DatasetFingerprint } from '../drift/reference';
import type { DriftReference } from '../drift/service';
import { trainedOnSynthetic } from '../domain/training-origin';
import type { HostServices } from '../host/services';
import { MANIFEST_FORMAT, type FeatureDef, type ModelManifest } from '../ml/manifest';
import { MODEL_FILE, readManifest, readMetrics } from '../ml/model-dir';
import type { Cell, Table } from '../ml/table';
import { fitBaseline } from './baseline';
import { BlobStore } from './blobs';
import { DEFAULT_GATE_THRESHOLDS, runGates } from './gates';
import { unsupportedOperators } from '../ml/onnx-operators';
import { checkSmoke, openSession, smokeRow } from './runtime';
import { keepsServing, ModelServer, type ServerHooks } from './serving';
import { inputStats, trainingSpan } from './input-stats';
import { RegistryStore, type NewVersion, type VersionRecord } from './store';
import { rowsOf, splitLikeTrainer } from './training-data';

const GATES_KEY = 'registry.gateThresholds';
const HOLDOUT_MAX_ROWS = 20_000;

export interface RegistryOptions {
  /** Sessions kept loaded (LRU). */
  cacheSize?: number;
  hooks?: ServerHooks;
  /** Recent inputs of a model, for the consistency gate (drift samples). */
  recentInputs?: (name: string) => Record<string, Cell>[];
}

/** Promotion refused by the gates: each failed gate with its summary, then what to do. */
function gatesFailed(name: string, version: number, gate: GateReport): ContractError {
  const failed = gate.gates.filter((g) => !g.passed);
  const reasons: ErrorReason[] = [
    { code: 'gates-failed', params: { model: name, version, n: failed.length } },
    ...failed.map((g): ErrorReason => ({
      code: 'gate-failed',
      params: { gate: g.gate, summary: paramText(g.summary) },
    })),
    { code: 'promote-override', params: {} },
  ];
  return refusal(
    'CONFLICT',
    reasons,
    `${reasonText(reasons[0]!)}: ${failed.map((g) => `${g.gate} (${g.summary})`).join('; ')}. ${reasonText(reasons.at(-1)!)}`,
  );
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
  registerDir(
    dir: string,
    opts: {
      note?: string;
      parentVersion?: number;
      table?: Table;
      /** `table`'s fingerprint when the caller has already taken it. */
      dataset?: DatasetFingerprint;
      tableSource?: string;
      asCandidate?: boolean;
    } = {},
  ): VersionRecord {
    const manifest = readManifest(dir);
    const metrics = readMetrics(dir);
    const file = path.join(dir, MODEL_FILE);
    if (!fs.existsSync(file)) throw new ContractError('NOT_FOUND', `${dir}: ${MODEL_FILE} is missing.`);
    const blob = this.blobs.put(fs.readFileSync(file), '.onnx');
    // Registering the same trained file twice (training registers it; a planner may too) is one version.
    const existing = this.store.findByFile(manifest.name, blob.sha256);
    if (existing) return existing;
    let extras: Pick<NewVersion, 'dataset' | 'datasetStats' | 'baseline' | 'holdoutSha256' | 'trainingSpan'> = {
      dataset: null,
      datasetStats: null,
      baseline: null,
      holdoutSha256: null,
    };
    if (opts.table) extras = this.fromTable(opts.table, manifest, opts.dataset);
    const rec = this.store.insertVersion({
      name: manifest.name,
      origin: 'trained',
      spec: manifest.spec,
      params: manifest.params,
      manifest,
      ...extras,
      metrics: metrics
        ? {
            primary: metrics.primary,
            test: metrics.test,
            quantiles: metrics.quantiles,
            rows: metrics.rows,
            importance: metrics.importance.slice(0, 20),
          }
        : null,
      baselineMetrics: metrics?.baseline ? { ...metrics.baseline } : null,
      trainMs: metrics?.trainMs ?? null,
      parentVersion: opts.parentVersion ?? this.store.alias(manifest.name, 'production'),
      note: opts.note ?? '',
      sourceRef: sourceRefOf(dir, opts.tableSource),
      fileSha256: blob.sha256,
      fileBytes: blob.bytes,
    });
    if (opts.asCandidate !== false) this.store.setAlias(rec.name, 'candidate', rec.version, 'candidate', null);
    return rec;
  }

  private fromTable(
    t: Table,
    m: ModelManifest,
    dataset = fingerprint(t, m.dateColumn),
  ): Pick<NewVersion, 'dataset' | 'datasetStats' | 'baseline' | 'holdoutSha256' | 'trainingSpan'> {
    const split = splitLikeTrainer(t, m);
    const inputs = m.inputs.map((i) => i.name);
    // Every column, not only this version's inputs: a later version with other inputs is scored on it too.
    const holdout = rowsOf(
      t,
      split.test.slice(-HOLDOUT_MAX_ROWS),
      t.columns.map((c) => c.name),
    );
    const hold = this.blobs.put(Buffer.from(JSON.stringify(holdout)), '.json');
    return {
      dataset,
      datasetStats: inputStats(t, m, inputs),
      trainingSpan: trainingSpan(t, m, inputs),
      baseline: fitBaseline(t, m, split.train),
      holdoutSha256: hold.sha256,
    };
  }

  /**
   * Import an external ONNX model with a declared input schema. It is listed only after it loads
   * and answers a test prediction with finite numbers of the declared width.
   */
  async importOnnx(p: {
    name: string;
    bytes: Uint8Array;
    sourceRef: string;
    task: 'regression' | 'binary' | 'multiclass';
    target: string;
    inputs: ({ name: string; type: 'numeric' } | { name: string; type: 'categorical'; categories: string[] })[];
    classes?: string[];
    testRow?: Record<string, Cell>;
    note: string;
  }): Promise<VersionRecord> {
    if (p.task !== 'regression' && !p.classes)
      throw new ContractError('BAD_PAYLOAD', `A ${p.task} model needs its classes (in output column order).`, [
        { path: 'classes', message: 'is required for classifiers' },
      ]);
    if (p.task === 'binary' && p.classes!.length !== 2)
      throw new ContractError('BAD_PAYLOAD', 'A binary model has exactly 2 classes.', [
        { path: 'classes', message: 'must have 2 items' },
      ]);
    const features: FeatureDef[] = p.inputs.map((i) =>
      i.type === 'numeric'
        ? { name: i.name, source: i.name, kind: 'numeric' }
        : { name: i.name, source: i.name, kind: 'categorical', categories: i.categories },
    );
    const outputs =
      p.task === 'regression'
        ? ['prediction']
        : p.task === 'binary'
          ? [`p_${p.classes![1]}`]
          : p.classes!.map((c) => `p_${c}`);
    const manifest: ModelManifest = {
      format: MANIFEST_FORMAT,
      name: p.name,
      title: `${p.name} (imported)`,
      task: p.task,
      objective: { name: p.task === 'regression' ? 'squared' : p.task } as ModelManifest['objective'],
      target: p.target,
      ...(p.classes ? { classes: p.classes } : {}),
      outputs,
      features,
      inputs: p.inputs.map((i) => ({ name: i.name, type: i.type })),
      dateColumn: null,
      trainedAt: new Date().toISOString(),
      rows: { train: 0, valid: 0, test: 0 },
      params: {},
      spec: null,
    };
    const version = this.store.nextVersion(p.name);
    let refused: string[];
    try {
      refused = unsupportedOperators(p.bytes);
    } catch (err) {
      throw new ContractError('INVALID_DATA', `${p.sourceRef} is not a loadable ONNX model: ${(err as Error).message}`);
    }
    if (refused.length)
      throw new ContractError(
        'INVALID_DATA',
        `${p.sourceRef} uses operators a tabular model does not need and RakePlan does not load: ${refused.join(', ')}.`,
      );
    let session;
    try {
      session = await openSession(p.name, version, p.bytes, manifest);
    } catch (err) {
      throw new ContractError('INVALID_DATA', `${p.sourceRef} is not a loadable ONNX model: ${(err as Error).message}`);
    }
    try {
      const row = p.testRow ?? smokeRow(manifest, null);
      checkSmoke(p.name, version, await session.predict([row]), manifest);
    } catch (err) {
      throw new ContractError(
        'INVALID_DATA',
        `${p.sourceRef} loaded but its test prediction failed (declared ${features.length} inputs, ${outputs.length} output column(s)): ${(err as Error).message}`,
      );
    } finally {
      await session.close();
    }
    const blob = this.blobs.put(p.bytes, '.onnx');
    return this.store.insertVersion({
      name: p.name,
      origin: 'imported',
      spec: null,
      params: {},
      manifest,
      dataset: null,
      datasetStats: null,
      metrics: null,
      baselineMetrics: null,
      baseline: null,
      trainMs: null,
      parentVersion: null,
      note: p.note,
      sourceRef: p.sourceRef,
      fileSha256: blob.sha256,
      fileBytes: blob.bytes,
      holdoutSha256: null,
    });
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
  async promote(name: string, version: number, override?: { reason: string }) {
    const rec = this.store.require(name, version);
    const current = this.store.alias(name, 'production');
    if (current === version)
      throw refusal('CONFLICT', { code: 'already-production', params: { model: name, version } });
    const latest = this.store.gateReports(name, version)[0];
    // A report judged against another production, or under other limits, says nothing about now;
    // one stored while a gate that could not be judged still counted as passed is judged again.
    const reusable =
      latest &&
      latest.against === current &&
      isDeepStrictEqual(latest.thresholds, this.gateThresholds()) &&
      !latest.gates.some((g) => g.passed && g.summary.startsWith('not evaluated'));
    let gate: GateReport;
    try {
      gate = reusable ? latest : await this.evaluate(name, version);
    } catch (err) {
      throw keepsServing(name, current, err);
    }
    if (!gate.passed && !override) throw gatesFailed(name, version, gate);
    const overridden = !gate.passed;
    const { previous } = await this.server.swapProduction(name, version, () =>
      this.store.setAlias(
        name,
        'production',
        rec.version,
        overridden ? 'override' : 'promote',
        overridden
          ? { reason: override!.reason, failedGates: gate.gates.filter((g) => !g.passed).map((g) => g.gate) }
          : { gates: 'passed' },
      ),
    );
    if (this.store.alias(name, 'candidate') === version) this.store.clearAlias(name, 'candidate');
    return { name, version, previous, gate, overridden };
  }

  /** Move production back to the version it held before (swap on success as well). */
  async rollback(name: string) {
    const current = this.store.alias(name, 'production');
    if (current === null) throw refusal('NOT_FOUND', { code: 'rollback-none', params: { model: name } });
    const target = this.rollbackTarget(name);
    if (target === undefined)
      throw refusal('CONFLICT', { code: 'rollback-first', params: { model: name, version: current } });
    await this.server.swapProduction(name, target, () =>
      this.store.setAlias(name, 'production', target, 'rollback', { from: current }),
    );
    return { name, version: target, from: current };
  }

  /** The newest earlier production version whose model is still the one that served. */
  private rollbackTarget(name: string): number | undefined {
    return this.store.previousProductions(name)[0];
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
        rollbackTo: production === null ? null : (this.rollbackTarget(name) ?? null),
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

/** A version's source as recorded: the folder it was registered from, and the data it was scored on. */
const sourceRefOf = (dir: string, tableSource?: string): string =>
  tableSource ? `${dir} (data: ${tableSource})` : dir;

/** The folder a version was registered from, read back from its recorded source. */
export const sourceDirOf = (sourceRef: string): string => sourceRef.split(' (data: ')[0]!;
