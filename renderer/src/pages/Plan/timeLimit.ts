/**
 * The Optimize time limit a scenario's size calls for. The week demo (400 orders, 25 rakes)
 * needs about two minutes to come within a few per cent of the best plan, while a three-day
 * scenario settles in half a minute; the largest plants get five minutes. The planner can still
 * type any limit; it is reset to the suggestion when another scenario is selected.
 */
export interface SizeOf {
  orders: number;
  rakes: number;
  days: number;
}

export function suggestedTimeLimitS(size: SizeOf): number {
  const work = size.orders * Math.max(1, size.rakes);
  if (work <= 200) return 10;
  if (work <= 2_000) return 30;
  if (work <= 20_000) return 120;
  return 300;
}
