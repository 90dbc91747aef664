import type { CallName } from './index';

/**
 * The largest payloads the contract accepts, in one place: the fields' schemas refuse more, and
 * the WebSocket's frame limit is derived from them, so browser mode imports every file the desktop
 * window can (a frame cap below a field's limit would drop the connection instead of answering).
 */

/** Longest base64 text of an imported model: 64 MiB of ONNX. */
export const ONNX_BASE64_MAX = Math.ceil((64 * 1024 * 1024) / 3) * 4;

/** Longest base64 text of an imported scenario file: ≈ 30 MB, far beyond any plant's order book. */
export const SCENARIO_FILE_BASE64_MAX = 40_000_000;

/** Room for a call's envelope and its fields beside a file [bytes]. */
const ENVELOPE_BYTES = 1024 * 1024;

/**
 * Largest call message on the wire [bytes]: the largest file field plus 1 MiB for the envelope and
 * the call's other fields (names, options, a model's input list), which real calls keep far below
 * that. A larger message is refused by the browser client with LIMIT_EXCEEDED before it is sent.
 */
export const MAX_CALL_MESSAGE_BYTES = Math.max(ONNX_BASE64_MAX, SCENARIO_FILE_BASE64_MAX) + ENVELOPE_BYTES;

/**
 * Largest message of a call that carries ids, names, numbers and short notes [bytes]: its largest
 * valid payload (a 2,000-character note of three-byte characters) fits with room. Every call takes
 * at least this much, so a message this small is never measured against its call's own limit.
 */
export const SMALL_CALL_BYTES = 16 * 1024;

/**
 * Largest message of a call that carries lists or settings [bytes]: 10,000 plan edits, 1,000
 * disruptions, 1,000 column names and types, alert rules, file paths.
 */
export const LIST_CALL_BYTES = 8 * 1024 * 1024;

/** Largest message of a scenario file import [bytes]: the file's base64 and its envelope. */
const SCENARIO_IMPORT_BYTES = SCENARIO_FILE_BASE64_MAX + ENVELOPE_BYTES;

/**
 * Each call's largest message on the wire [UTF-8 bytes of its JSON text], checked by both
 * transports before the host parses or validates anything. A call with no or a tiny payload is
 * held to a few KB, so a hostile `health.get` of millions of keys is refused unread; only files,
 * rows and inline scenarios keep the large limit. A call missing here fails the type check.
 */
export const CALL_MESSAGE_LIMITS = {
  'health.get': SMALL_CALL_BYTES,
  'system.sleep': SMALL_CALL_BYTES,
  'monitoring.overview': SMALL_CALL_BYTES,
  'monitoring.series': SMALL_CALL_BYTES,
  'monitoring.prometheus': SMALL_CALL_BYTES,
  'monitoring.getConfig': SMALL_CALL_BYTES,
  'monitoring.setConfig': LIST_CALL_BYTES,
  'monitoring.logs': SMALL_CALL_BYTES,
  'drift.run': SMALL_CALL_BYTES,
  'drift.reports': SMALL_CALL_BYTES,
  'drift.getThresholds': SMALL_CALL_BYTES,
  'drift.setThresholds': SMALL_CALL_BYTES,
  'registry.list': SMALL_CALL_BYTES,
  'registry.versions': SMALL_CALL_BYTES,
  'registry.show': SMALL_CALL_BYTES,
  'registry.register': LIST_CALL_BYTES,
  'registry.import': MAX_CALL_MESSAGE_BYTES,
  'registry.evaluate': MAX_CALL_MESSAGE_BYTES,
  'registry.promote': SMALL_CALL_BYTES,
  'registry.setCandidate': SMALL_CALL_BYTES,
  'registry.rollback': SMALL_CALL_BYTES,
  'registry.reload': SMALL_CALL_BYTES,
  'registry.pin': SMALL_CALL_BYTES,
  'registry.delete': SMALL_CALL_BYTES,
  'registry.predict': MAX_CALL_MESSAGE_BYTES,
  'registry.batch': LIST_CALL_BYTES,
  'registry.getGateThresholds': SMALL_CALL_BYTES,
  'registry.setGateThresholds': LIST_CALL_BYTES,
  'scenarios.list': SMALL_CALL_BYTES,
  'scenarios.create': SMALL_CALL_BYTES,
  'scenarios.copy': SMALL_CALL_BYTES,
  'scenarios.rename': SMALL_CALL_BYTES,
  'scenarios.delete': SMALL_CALL_BYTES,
  'scenarios.get': SMALL_CALL_BYTES,
  'scenarios.editRows': MAX_CALL_MESSAGE_BYTES,
  'scenarios.editMeta': LIST_CALL_BYTES,
  'scenarios.import': SCENARIO_IMPORT_BYTES,
  'scenarios.export': SMALL_CALL_BYTES,
  'scenarios.loadHistory': SMALL_CALL_BYTES,
  'scenarios.historyInfo': SMALL_CALL_BYTES,
  'scenarios.exportHistory': SMALL_CALL_BYTES,
  'training.specs': SMALL_CALL_BYTES,
  'training.start': LIST_CALL_BYTES,
  'training.cancel': SMALL_CALL_BYTES,
  'training.jobs': SMALL_CALL_BYTES,
  'training.get': SMALL_CALL_BYTES,
  'predict.rows': MAX_CALL_MESSAGE_BYTES,
  'predict.operational': SMALL_CALL_BYTES,
  'predict.demandSeries': SMALL_CALL_BYTES,
  'predict.demand': SMALL_CALL_BYTES,
  'plans.solve': MAX_CALL_MESSAGE_BYTES,
  'plans.stop': SMALL_CALL_BYTES,
  'plans.running': SMALL_CALL_BYTES,
  'plans.list': SMALL_CALL_BYTES,
  'plans.get': SMALL_CALL_BYTES,
  'plans.delete': SMALL_CALL_BYTES,
  'plans.compare': SMALL_CALL_BYTES,
  'plans.check': SMALL_CALL_BYTES,
  'plans.export': SMALL_CALL_BYTES,
  'forecasts.apply': MAX_CALL_MESSAGE_BYTES,
  'forecasts.undo': SMALL_CALL_BYTES,
  'forecasts.indent': MAX_CALL_MESSAGE_BYTES,
  'forecasts.exportIndent': MAX_CALL_MESSAGE_BYTES,
  'plans.edit': LIST_CALL_BYTES,
  'plans.replan': LIST_CALL_BYTES,
  'plans.issue': SMALL_CALL_BYTES,
  'plans.documents': SMALL_CALL_BYTES,
} as const satisfies Record<CallName, number>;

/** A call's largest message [bytes]; a name the contract does not hold carries nothing (UNKNOWN_CALL). */
export function callMessageLimit(name: string): number {
  return Object.hasOwn(CALL_MESSAGE_LIMITS, name) ? CALL_MESSAGE_LIMITS[name as CallName] : SMALL_CALL_BYTES;
}

/**
 * The most fields one object of a payload may hold: the widest record the contract declares (a
 * row's columns, a training's column types). Checked before the call's schema, which would
 * otherwise list every unknown key of a strict object, millions of them in one large call.
 */
export const MAX_OBJECT_KEYS = 1_000;

/**
 * Whether a serialised message is larger than the host accepts [UTF-8 bytes]. Base64 is ASCII, so
 * the bytes are counted only for text that could pass the limit at three bytes a character.
 */
export function exceedsCallLimit(text: string, limit = MAX_CALL_MESSAGE_BYTES): boolean {
  if (text.length > limit) return true;
  return text.length * 3 > limit && new TextEncoder().encode(text).length > limit;
}
