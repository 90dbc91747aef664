/**
 * A whole number typed in a field with bounds. The field keeps the planner's text while they type
 * (clamping each keystroke turns "clear, then 7" into 17, then 14); this reads it when the value
 * is used, and gives null for anything that is not a whole number within the bounds.
 */
export function parseWholeNumber(text: string, min: number, max: number): number | null {
  const s = text.trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
}
