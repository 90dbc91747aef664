/**
 * Tonnes typed in an edit form. Planners type grouped figures ("1,200", "1,20,000"): commas and
 * spaces are grouping. Anything else that is not a finite number — or a negative, or 0 where
 * 0 would mean nothing — is refused before any edit is sent, so a typo never reads as "all" or
 * "remove the lot".
 */
export type TonnesInput = { ok: true; tonnes: number } | { ok: false };

export function parseTonnes(text: string, opts: { zeroAllowed: boolean }): TonnesInput {
  const s = text.trim().replace(/[,\s]/g, '');
  if (!/^\d*\.?\d+$|^\d+\.$/.test(s)) return { ok: false };
  const tonnes = Number(s);
  if (!Number.isFinite(tonnes) || (tonnes === 0 && !opts.zeroAllowed)) return { ok: false };
  return { ok: true, tonnes };
}
