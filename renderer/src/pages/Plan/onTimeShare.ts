import type { PlannedRake } from '../../../../core/domain/plan';

/**
 * The share of a rake's tonnes expected to arrive on time: each order's tonnes weighted by its
 * chance. Beside the least likely order's chance it tells a rake with one doubtful small order
 * from one whose whole load is at risk. undefined when an order's chance was not computed.
 */
export function onTimeTonnesShare(r: Pick<PlannedRake, 'lines'>): number | undefined {
  let t = 0;
  let onTime = 0;
  for (const l of r.lines) {
    if (l.onTimeP === undefined) return undefined;
    t += l.tonnes;
    onTime += l.tonnes * l.onTimeP;
  }
  return t > 0 ? onTime / t : undefined;
}
