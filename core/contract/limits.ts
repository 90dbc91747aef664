/**
 * The largest payloads the contract accepts, in one place: the fields' schemas refuse more, and
 * the WebSocket's frame limit is derived from them, so browser mode imports every file the desktop
 * window can (a frame cap below a field's limit would drop the connection instead of answering).
 */

/** Longest base64 text of an imported model: 64 MiB of ONNX. */
export const ONNX_BASE64_MAX = Math.ceil((64 * 1024 * 1024) / 3) * 4;

/** Longest base64 text of an imported scenario file: ≈ 30 MB, far beyond any plant's order book. */
export const SCENARIO_FILE_BASE64_MAX = 40_000_000;

/**
 * Largest call message on the wire [bytes]: the largest file field plus 1 MiB for the envelope and
 * the call's other fields (names, options, a model's input list), which real calls keep far below
 * that. A larger message is refused by the browser client with LIMIT_EXCEEDED before it is sent.
 */
export const MAX_CALL_MESSAGE_BYTES = Math.max(ONNX_BASE64_MAX, SCENARIO_FILE_BASE64_MAX) + 1024 * 1024;

/**
 * Whether a serialised message is larger than the host accepts [UTF-8 bytes]. Base64 is ASCII, so
 * the bytes are counted only for text that could pass the limit at three bytes a character.
 */
export function exceedsCallLimit(text: string, limit = MAX_CALL_MESSAGE_BYTES): boolean {
  if (text.length > limit) return true;
  return text.length * 3 > limit && new TextEncoder().encode(text).length > limit;
}
