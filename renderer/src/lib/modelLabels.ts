import type { Alias, ModelEvent, ModelSummary, ModelVersionInfo } from '../../../core/contract/api/registry';
import type { DriftReport } from '../../../core/contract/api/monitoring';
import { CATALOGUES, t, type MessageKey } from '../i18n';
import { formatCount, formatPct } from './format';

/**
 * Status words, aliases and kinds of the model registry and monitoring, as the planner reads
 * them. A word the contract adds later, with no message yet, is shown as it comes.
 */
const word = (keys: Record<string, MessageKey>, v: string) => (v in keys ? t(keys[v]!) : v);

const STATUS: Record<ModelSummary['status'], MessageKey> = {
  loaded: 'models.status.loaded',
  'not-loaded': 'models.status.not-loaded',
  error: 'models.status.error',
  missing: 'models.status.missing',
};
const ALIAS: Record<Alias, MessageKey> = {
  production: 'models.alias.production',
  candidate: 'models.alias.candidate',
};
const ORIGIN: Record<ModelVersionInfo['origin'], MessageKey> = {
  trained: 'models.origin.trained',
  imported: 'models.origin.imported',
};
const TASK: Record<string, MessageKey> = {
  regression: 'models.task.regression',
  quantile: 'models.task.quantile',
  binary: 'models.task.binary',
  multiclass: 'models.task.multiclass',
};
const EVENT: Record<ModelEvent['kind'], MessageKey> = {
  register: 'registry.event.register',
  import: 'registry.event.import',
  promote: 'registry.event.promote',
  override: 'registry.event.override',
  rollback: 'registry.event.rollback',
  candidate: 'registry.event.candidate',
  pin: 'registry.event.pin',
  unpin: 'registry.event.unpin',
  'load-error': 'registry.event.load-error',
  reload: 'registry.event.reload',
  delete: 'registry.event.delete',
};
const DRIFT: Record<DriftReport['status'], MessageKey> = {
  ok: 'monitor.drift.ok',
  warn: 'monitor.drift.warn',
  drift: 'monitor.drift.drift',
  'no-data': 'monitor.drift.no-data',
};
// How a training job or a solve ended, as the monitoring series name it.
const OUTCOME: Record<string, MessageKey> = {
  succeeded: 'monitor.outcome.succeeded',
  solved: 'monitor.outcome.solved',
  fallback: 'monitor.outcome.fallback',
  failed: 'monitor.outcome.failed',
  cancelled: 'monitor.outcome.cancelled',
};
// Where the host runs (health's mode): the desktop app or the browser; `cli` is a code.
const MODE: Record<string, MessageKey> = { electron: 'app.shell.electron', browser: 'app.shell.browser' };
// Abbreviations of the metrics read the same in every language; the named ones are translated.
const METRIC_CODES: Record<string, string> = { mae: 'MAE', rmse: 'RMSE', wape: 'WAPE', r2: 'R²', auc: 'AUC' };
const METRIC_NAMES: Record<string, MessageKey> = {
  accuracy: 'models.metric.accuracy',
  f1: 'models.metric.f1',
  logloss: 'models.metric.logloss',
};

/**
 * A model spec's title or description (models/*.ts) in the interface language, by spec name; a
 * model with no messages (a CSV-trained one, a spec added later) shows the host's text.
 */
export function specText(name: string, part: 'title' | 'description', hostText: string): string {
  const key = `spec.${name}.${part}`;
  return key in CATALOGUES.en ? t(key as MessageKey) : hostText;
}

export const statusLabel = (s: string) => word(STATUS, s);
export const aliasLabel = (a: string) => word(ALIAS, a);
export const originLabel = (o: string) => word(ORIGIN, o);
export const taskLabel = (k: string) => word(TASK, k);
export const eventLabel = (k: string) => word(EVENT, k);
export const driftLabel = (s: string) => word(DRIFT, s);
export const outcomeLabel = (o: string) => word(OUTCOME, o);
export const modeLabel = (m: string) => word(MODE, m);

/** Whether a metric has a label (the holdout tables list only those). */
export const isMetric = (key: string) => key in METRIC_CODES || key in METRIC_NAMES;

export const metricLabel = (key: string) => (key in METRIC_NAMES ? t(METRIC_NAMES[key]!) : (METRIC_CODES[key] ?? key));

const PCT_METRICS = new Set(['wape', 'accuracy']);
/** Error metrics in the target's own unit (t/day, h, ₹/t); the others are ratios or counts. */
const UNIT_METRICS = new Set(['mae', 'rmse']);

/** A holdout metric as the tables show it: a share as %, an error with the model's unit (null: none known). */
export function metricValue(key: string, v: unknown, unit: string | null): string {
  if (typeof v !== 'number' || Number.isNaN(v)) return '–';
  if (PCT_METRICS.has(key)) return formatPct(v);
  const s =
    key === 'n' ? formatCount(v) : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(3);
  return UNIT_METRICS.has(key) && unit && unit !== 'probability' ? `${s} ${unit}` : s;
}
