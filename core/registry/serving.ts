import type { PredictAnswer, PredictionSource } from '../contract/api/registry';
import type { ModelStatusRow } from '../contract/api/monitoring';
import { ContractError, refusal } from '../contract/errors';
import { because, ReasonError, reasonsOf } from '../contract/reason-error';
import { reasonText, type ErrorReason } from '../contract/refusals';
import type { Cell } from '../ml/table';
import type { BlobStore } from './blobs';
import { Lru } from './lru';
import { predictBaseline } from './baseline';
import { registryBaselineParams } from './gate-cell-values';
import { checkSmoke, InputError, openSession, smokeRow, type Session } from './runtime';
import type { RegistryStore } from './store';
import type { VersionRecord } from './version-record';

export interface ServerHooks {
  /** Each answered request: for inference latency per model. */
  onInference?(key: string, ms: number, ok: boolean): void;
  /** Each session load attempt. */
  onLoad?(key: string, ms: number, ok: boolean): void;
  /** The rows a model was asked about (what-if grids excepted): for drift sampling. */
  onInputs?(name: string, rows: readonly Record<string, Cell>[]): void;
  /** Alias moves, load errors: for logs and push events. */
  onEvent?(msg: string, fields: Record<string, unknown>): void;
}

interface Entry {
  session: Session;
  inflight: number;
  retired: boolean;
}

const keyOf = (name: string, version: number) => `${name}@${version}`;

/** A move of production that failed: what failed, then what serves meanwhile. */
export function keepsServing(name: string, current: number | null, err: unknown): ContractError {
  const keeps: ErrorReason =
    current !== null
      ? { code: 'keeps-serving', params: { model: name, version: current } }
      : { code: 'stays-without-production', params: { model: name } };
  return refusal('INVALID_DATA', [...reasonsOf(err), keeps], `${(err as Error).message}. ${reasonText(keeps)}`);
}
/** One thing that failed before a fallback answered: in English, and as reasons told in the same order. */
interface Failure {
  text: string;
  reasons: ErrorReason[];
}

/** After a failed load, requests skip that version for this long instead of re-reading the file each time. */
const FAILED_LOAD_BACKOFF_MS = 30_000;

/**
 * Serving: sessions load lazily into an LRU cache and are reused; promotion and reload load the
 * new session and run a smoke prediction before the alias moves (swap on success); a request
 * whose model is missing or fails is answered by the previous production version, then by the
 * naive baseline, and the answer says which (`source`) and why, in English and as reasons.
 * A retired session is released only when its last in-flight request has finished.
 */
export class ModelServer {
  private readonly cache: Lru<Entry>;
  private readonly loading = new Map<string, Promise<Entry>>();
  private readonly failed = new Map<string, { error: string; reasons: ErrorReason[]; at: number }>();

  constructor(
    private readonly store: RegistryStore,
    private readonly blobs: BlobStore,
    cacheSize: number,
    private readonly hooks: ServerHooks = {},
  ) {
    this.cache = new Lru<Entry>(cacheSize, (_k, e) => this.retire(e));
  }

  setCacheSize(n: number): void {
    this.cache.resize(n);
  }

  cachedKeys(): string[] {
    return this.cache.keys();
  }

  /** Which version answers for `consumer`: its pin, else production. */
  resolve(name: string, consumer?: string): number | null {
    return (consumer ? this.store.pin(consumer, name) : null) ?? this.store.alias(name, 'production');
  }

  /**
   * `refuse` gives why a previous production version may not answer for this caller (null when it
   * may): such a version is skipped as a fallback, as if it had failed to load. `whatIf`: the rows
   * are a grid the forecasts ask about (every destination, every loading point × product), not
   * the plant's operations, so they are not sampled for drift.
   */
  async predict(
    name: string,
    rows: readonly Record<string, Cell>[],
    consumer?: string,
    refuse?: (rec: VersionRecord) => ErrorReason | null,
    opts: { whatIf?: boolean } = {},
  ): Promise<PredictAnswer> {
    const started = performance.now();
    if (!opts.whatIf) this.hooks.onInputs?.(name, rows);
    const target = this.resolve(name, consumer);
    const failures: Failure[] = [];
    const fail = (reasons: ErrorReason[], text = reasons.map(reasonText).join(': ')) =>
      failures.push({ text, reasons });
    if (target === null) fail([{ code: 'serving-no-production', params: { model: name } }]);
    else {
      // The fallback list is read only after the target failed: the hot path touches no SQL.
      let versions: number[] = [target];
      for (let i = 0; i < versions.length && i < 3; i++) {
        const version = versions[i]!;
        const refused = i > 0 && refuse ? refuse(this.store.require(name, version)) : null;
        if (refused) {
          fail([{ code: 'serving-skipped', params: { model: name, version } }, refused]);
          continue;
        }
        try {
          const out = await this.run(name, version, rows);
          return this.answer(name, version, version === target ? 'model' : 'fallback:previous', out, started, failures);
        } catch (err) {
          if (err instanceof InputError)
            throw refusal(
              'INVALID_DATA',
              because({ code: 'predict-input', params: { model: name, version } }, err),
              `${name}@${version}: ${err.message}`,
            );
          const lead: ErrorReason = { code: 'serving-failed', params: { model: name, version } };
          fail(because(lead, err), `${reasonText(lead)}: ${(err as Error).message}`);
          if (i === 0) versions = [target, ...this.store.previousProductions(name).filter((v) => v !== target)];
        }
      }
    }
    // Another version's baseline was fitted on that version's training rows: held to `refuse` too
    // (a baseline of the demo's synthetic history must not answer for the plant).
    const withBaseline = (target !== null ? this.store.get(name, target) : null)?.baseline
      ? this.store.get(name, target!)!
      : this.store.versions(name).find((v) => v.baseline !== null && !refuse?.(v));
    // A name the registry never held is the caller's mistake (NOT_FOUND), not a serving failure.
    if (target === null && this.store.versions(name).length === 0)
      throw refusal('NOT_FOUND', { code: 'model-unknown', params: { model: name } });
    if (!withBaseline?.baseline) {
      this.hooks.onInference?.(`${name}@none`, performance.now() - started, false);
      throw refusal(
        'UNAVAILABLE',
        [{ code: 'serving-none-answers', params: { model: name } }, ...failures.flatMap((f) => f.reasons)],
        `No model can answer for ${name}: ${failures.map((f) => f.text).join('; ') || 'not in the registry'}; and no naive baseline is stored for it.`,
      );
    }
    const out = predictBaseline(withBaseline.baseline, withBaseline.manifest, rows);
    const used: ErrorReason = {
      code: 'serving-baseline-answered',
      params: registryBaselineParams(withBaseline.baseline, withBaseline.manifest.target),
    };
    fail([used]);
    return this.answer(name, null, 'fallback:baseline', out, started, failures);
  }

  private answer(
    name: string,
    version: number | null,
    source: PredictionSource,
    out: {
      columns: Record<string, number[]>;
      label: string[] | null;
      engine?: PredictAnswer['engine'];
      engineNote?: string | null;
    },
    started: number,
    failures: readonly Failure[],
  ): PredictAnswer {
    const ms = performance.now() - started;
    this.hooks.onInference?.(`${name}@${version ?? 'baseline'}`, ms, source === 'model');
    const engine = out.engine ? { engine: out.engine, ...(out.engineNote ? { engineNote: out.engineNote } : {}) } : {};
    return {
      model: name,
      version,
      source,
      ...(source !== 'model'
        ? {
            fallbackReason: failures.map((f) => f.text).join('; '),
            fallbackReasons: failures.flatMap((f) => f.reasons),
          }
        : {}),
      columns: out.columns,
      label: out.label,
      ms,
      ...engine,
    };
  }

  private async run(name: string, version: number, rows: readonly Record<string, Cell>[]) {
    const e = await this.entry(name, version);
    e.inflight++;
    try {
      return await e.session.predict(rows);
    } finally {
      e.inflight--;
      if (e.retired && e.inflight === 0) void e.session.close();
    }
  }

  /** The cached session, or a lazy load (shared by concurrent requests). */
  private async entry(name: string, version: number): Promise<Entry> {
    const key = keyOf(name, version);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const failed = this.failed.get(key);
    if (failed && Date.now() - failed.at < FAILED_LOAD_BACKOFF_MS) throw new ReasonError(failed.reasons, failed.error);
    const p = this.open(this.store.require(name, version))
      .then((session) => {
        const e: Entry = { session, inflight: 0, retired: false };
        this.cache.set(key, e);
        this.failed.delete(key);
        return e;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, p);
    return p;
  }

  /** Read the verified file, open a session. Failures are recorded on the version. */
  private async open(rec: VersionRecord): Promise<Session> {
    const key = keyOf(rec.name, rec.version);
    const started = performance.now();
    try {
      const bytes = this.blobs.get(rec.fileSha256, '.onnx');
      const s = await openSession(rec.name, rec.version, bytes, rec.manifest);
      this.hooks.onLoad?.(key, performance.now() - started, true);
      if (rec.lastError) this.store.setError(rec.name, rec.version, null);
      return s;
    } catch (err) {
      const msg = `cannot load ${key}: ${(err as Error).message}`;
      const reasons = because({ code: 'model-load-failed', params: { model: rec.name, version: rec.version } }, err);
      this.hooks.onLoad?.(key, performance.now() - started, false);
      this.failed.set(key, { error: msg, reasons, at: Date.now() });
      this.store.setError(rec.name, rec.version, msg);
      this.hooks.onEvent?.('model load failed', { model: key, error: msg });
      throw new ReasonError(reasons, msg);
    }
  }

  /** A fresh session for `rec` that has passed a smoke prediction; nothing is changed if it fails. */
  async loadChecked(rec: VersionRecord): Promise<Session> {
    const s = await this.open(rec);
    try {
      checkSmoke(rec.name, rec.version, await s.predict([smokeRow(rec.manifest, rec.datasetStats)]), rec.manifest);
      return s;
    } catch (err) {
      await s.close();
      const msg = `smoke prediction failed for ${keyOf(rec.name, rec.version)}: ${(err as Error).message}`;
      this.store.setError(rec.name, rec.version, msg);
      throw new ReasonError(
        because({ code: 'smoke-failed', params: { model: rec.name, version: rec.version } }, err),
        msg,
      );
    }
  }

  /**
   * Swap on success: load and smoke-test `version`, and only then move `production` (via `move`,
   * which records the event). A failure leaves the alias and the serving session untouched.
   */
  async swapProduction(
    name: string,
    version: number,
    move: () => number | null,
  ): Promise<{ previous: number | null; loadMs: number }> {
    const rec = this.store.require(name, version);
    const before = this.store.alias(name, 'production');
    let fresh: Session;
    try {
      fresh = await this.loadChecked(rec);
    } catch (err) {
      throw keepsServing(name, before, err);
    }
    const previous = move();
    this.install(name, version, fresh);
    if (previous !== null && previous !== version && !this.store.pins(name).some((p) => p.version === previous))
      this.cache.delete(keyOf(name, previous));
    this.failed.delete(keyOf(name, version));
    this.hooks.onEvent?.('production moved', { model: name, version, previous });
    return { previous, loadMs: fresh.loadMs };
  }

  /** Reload production from its file; on failure the running session keeps serving. */
  async reload(name: string): Promise<{ version: number; loadMs: number }> {
    const version = this.store.alias(name, 'production');
    if (version === null) throw refusal('NOT_FOUND', { code: 'reload-none', params: { model: name } });
    let fresh: Session;
    try {
      fresh = await this.loadChecked(this.store.require(name, version));
    } catch (err) {
      const serving: ErrorReason = this.cache.peek(keyOf(name, version))
        ? { code: 'reload-session-serves', params: { model: name, version } }
        : { code: 'reload-falls-back', params: {} };
      throw refusal('INVALID_DATA', [...reasonsOf(err), serving], `${(err as Error).message}; ${reasonText(serving)}.`);
    }
    this.install(name, version, fresh);
    this.store.event(name, version, 'reload', version, { loadMs: Math.round(fresh.loadMs) });
    return { version, loadMs: fresh.loadMs };
  }

  private install(name: string, version: number, session: Session): void {
    this.cache.set(keyOf(name, version), { session, inflight: 0, retired: false });
  }

  /** Drop a version's session (deleted version). */
  evict(name: string, version: number): void {
    this.cache.delete(keyOf(name, version));
    this.failed.delete(keyOf(name, version));
  }

  private retire(e: Entry): void {
    e.retired = true;
    if (e.inflight === 0) void e.session.close();
  }

  /** Per model: the production (and candidate) version and whether it has a live session. */
  status(): ModelStatusRow[] {
    const rows: ModelStatusRow[] = [];
    for (const name of this.store.names()) {
      for (const alias of ['production', 'candidate'] as const) {
        const version = this.store.alias(name, alias);
        if (version === null) {
          if (alias === 'production')
            rows.push({ name, version: null, alias, status: 'missing', loadMs: null, lastError: null });
          continue;
        }
        const e = this.cache.peek(keyOf(name, version));
        const rec = this.store.get(name, version);
        rows.push({
          name,
          version,
          alias,
          status: e ? 'loaded' : rec?.lastError ? 'error' : 'not-loaded',
          loadMs: e ? e.session.loadMs : null,
          lastError: rec?.lastError ?? null,
        });
      }
    }
    return rows;
  }

  close(): void {
    this.cache.clear();
  }
}
