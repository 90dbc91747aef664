import { describe, expect, it } from 'vitest';
import type { RakePlacementRow } from '../domain/history';
import { getColumn } from '../ml/table';
import {
  placementRow,
  placementServingRows,
  KnownPlacements,
  rakeAvailabilitySpec,
} from '../../models/rake-availability';
import type { HistoryData } from '../../models/spec';

const at = (day: number, hour: number) =>
  `2025-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+05:30`;
const rake = (id: string, lp: string, promised: string, actual: string, delayH: number | null): RakePlacementRow => ({
  rakeId: id,
  wagonType: 'BOXN',
  loadingPoint: lp,
  promisedAt: promised,
  actualAt: actual,
  delayH,
});
const history = (rows: RakePlacementRow[]): HistoryData => ({
  demand: [],
  rake_placements: rows,
  trips: [],
  loading_events: [],
  shipments: [],
});

describe('rake availability: recentDelayH from placements known at the promise', () => {
  // A arrives on day 1 (2 h late). B is promised on day 2 but held for 60 h: it arrives on day 4.
  // C is promised on day 3, when B is still on its way: C's feature must not know B's 60 h.
  const rows = [
    rake('A', 'LP1', at(1, 6), at(1, 8), 2),
    rake('B', 'LP1', at(2, 6), at(4, 18), 60),
    rake('C', 'LP1', at(3, 6), at(3, 10), 4),
    rake('D', 'LP1', at(5, 6), at(5, 7), 1),
    rake('E', 'LP2', at(5, 7), at(5, 9), 3),
  ];

  it('training rows see only rakes that had arrived when the rake was promised', () => {
    const t = rakeAvailabilitySpec.build(history([...rows].reverse()));
    const f = getColumn(t, 'recentDelayH')!.num!;
    const delay = getColumn(t, 'delayH')!.num!;
    const byDelay = (d: number) => f[[...delay].indexOf(d)];
    expect(Number.isNaN(byDelay(2)!)).toBe(true); // A: nothing known yet
    expect(byDelay(60)).toBe(2); // B: A
    expect(byDelay(4)).toBe(2); // C: only A — B (promised earlier) had not arrived; the leaky feature said 31
    expect(byDelay(1)).toBe((2 + 60 + 4) / 3); // D: A, B and C have all arrived
    expect(Number.isNaN(byDelay(3)!)).toBe(true); // E: another loading point
  });

  it('serving computes the same feature from the placements known at the day start, whatever the table order', () => {
    const day3 = placementServingRows([...rows].reverse(), '2025-03-03', [{ loadingPoint: 'LP1', wagonType: 'BOXN' }]);
    expect(day3.rows).toHaveLength(24);
    expect(day3.rows.every((r) => r.recentDelayH === 2)).toBe(true); // B still held, C not yet placed
    // Promise-hour weights: every past promise at LP1 (days 1–2) was at 06:00.
    expect(day3.weights[0]![6]).toBe(1);
    const day6 = placementServingRows(rows, '2025-03-06', [
      { loadingPoint: 'LP1', wagonType: 'BOXN' },
      { loadingPoint: 'LP9', wagonType: 'BCN' },
    ]);
    expect(day6.rows[0]!.recentDelayH).toBe((2 + 60 + 4 + 1) / 4);
    expect(day6.rows[24]!.recentDelayH).toBeNull();
    expect(day6.weights[1]!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // The serving row for a rake promised at C's time equals C's training row.
    const known = new KnownPlacements(rows);
    expect(placementRow(known, { loadingPoint: 'LP1', wagonType: 'BOXN', promisedAt: at(3, 6) })).toEqual({
      date: '2025-03-03',
      wagonType: 'BOXN',
      loadingPoint: 'LP1',
      hour: 6,
      recentDelayH: 2,
    });
  });
});
