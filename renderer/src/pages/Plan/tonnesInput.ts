import { parseNumber } from '../../lib/numberInput';

/**
 * Tonnes typed in an edit form, read as any typed number is (lib/numberInput.ts). A negative,
 * or 0 where 0 would mean nothing, is refused before any edit is sent, so a typo never reads as
 * "all" or "remove the lot".
 */
export type TonnesInput = { ok: true; tonnes: number } | { ok: false };

export function parseTonnes(text: string, opts: { zeroAllowed: boolean }): TonnesInput {
  const r = parseNumber(text, opts.zeroAllowed ? { min: 0 } : { above: 0 });
  return r.ok ? { ok: true, tonnes: r.value } : { ok: false };
}
