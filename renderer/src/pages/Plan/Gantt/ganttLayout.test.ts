import { describe, expect, it } from 'vitest';
import type { PlannedRake } from '../../../../../core/domain/plan';
import { labelEndH, layoutGantt, shortRakeId, ticks, windowFor } from './ganttLayout';

const T0 = Date.parse('2026-11-22T00:00:00+05:30');
const at = (h: number) => new Date(T0 + h * 3.6e6).toISOString();
function rake(id: string, lp: string, placedH: number, startH: number, endH: number, demurrageRs = 0): PlannedRake {
  return {
    rakeId: id,
    wagonType: 'BOXN',
    wagons: 58,
    wagonsUsed: 58,
    capacityT: 3800,
    loadT: 3700,
    utilisation: 0.97,
    placement: at(placedH),
    loadingPoint: lp,
    loadingStart: at(startH),
    loadingEnd: at(endH),
    destinations: ['D1'],
    lines: [],
    railFreightRs: 0,
    idleFreightRs: 0,
    twoPointRs: 0,
    demurrageRs,
    loadingRs: 0,
  };
}

describe('layoutGantt', () => {
  it('puts two overlapping rakes of a two-berth siding on two lanes', () => {
    const lanes = layoutGantt(
      [rake('R1', 'LP1', 0, 1, 8), rake('R2', 'LP1', 2, 3, 10)],
      [{ code: 'LP1', maxRakes: 2 }],
      T0,
      9,
    );
    expect(lanes.map((l) => [l.siding, l.berth, l.bars.map((b) => b.rake.rakeId)])).toEqual([
      ['LP1', 1, ['R1']],
      ['LP1', 2, ['R2']],
    ]);
  });
  it('reuses a berth once its rake has departed', () => {
    const lanes = layoutGantt(
      [rake('R1', 'LP1', 0, 1, 5), rake('R2', 'LP1', 6, 6, 10)],
      [{ code: 'LP1', maxRakes: 2 }],
      T0,
      9,
    );
    expect(lanes[0]!.bars.map((b) => b.rake.rakeId)).toEqual(['R1', 'R2']);
    expect(lanes[1]!.bars).toEqual([]);
  });
  it('a rake waiting in the yard for a busy berth does not take another one', () => {
    // R2 is placed at 2 h but loads only once R1 has left at 8 h: one berth is enough (rule 5).
    const lanes = layoutGantt(
      [rake('R1', 'LP1', 0, 1, 8), rake('R2', 'LP1', 2, 8, 12, 5000)],
      [{ code: 'LP1', maxRakes: 1 }],
      T0,
      9,
    );
    expect(lanes.map((l) => [l.berth, l.overflow, l.bars.map((b) => b.rake.rakeId)])).toEqual([
      [1, false, ['R1', 'R2']],
    ]);
    expect(lanes[0]!.bars[1]).toMatchObject({ placedH: 2, loadStartH: 8, departH: 12, demurrageFromH: 11 });
  });
  it('shows idle sidings as empty lanes and flags berths beyond the declared count', () => {
    const lanes = layoutGantt(
      [rake('R1', 'LP1', 0, 1, 8), rake('R2', 'LP1', 2, 3, 10)],
      [
        { code: 'LP1', maxRakes: 1 },
        { code: 'LP2', maxRakes: 1 },
      ],
      T0,
      9,
    );
    expect(lanes.map((l) => [l.siding, l.berth, l.overflow, l.bars.length])).toEqual([
      ['LP1', 1, false, 1],
      ['LP1', 2, true, 1],
      ['LP2', 1, false, 0],
    ]);
  });
  it('marks demurrage from the end of free time to departure, only when charged', () => {
    const [lane] = layoutGantt([rake('R1', 'LP1', 0, 4, 12, 5000)], [{ code: 'LP1', maxRakes: 1 }], T0, 9);
    expect(lane!.bars[0]).toMatchObject({ placedH: 0, loadStartH: 4, departH: 12, demurrageFromH: 9 });
    const [free] = layoutGantt([rake('R1', 'LP1', 0, 4, 12, 0)], [{ code: 'LP1', maxRakes: 1 }], T0, 9);
    expect(free!.bars[0]!.demurrageFromH).toBeNull();
  });
});

describe('window and ticks', () => {
  it('zooms to one day within the horizon', () => {
    expect(windowFor(7, null)).toEqual({ fromH: 0, toH: 168 });
    expect(windowFor(7, 2)).toEqual({ fromH: 48, toH: 72 });
    expect(windowFor(7, 9)).toEqual({ fromH: 144, toH: 168 });
  });
  it('ticks every 2 h for a day and every 12 h for a week, days major', () => {
    expect(ticks(48, 72).map((t) => t.h)).toEqual([48, 50, 52, 54, 56, 58, 60, 62, 64, 66, 68, 70, 72]);
    const week = ticks(0, 168);
    expect(week.length).toBe(15);
    expect(week.filter((t) => t.major).length).toBe(8);
  });
});

describe('rake labels', () => {
  it('ends a label where the next rake on the berth starts loading, or at the window end', () => {
    const bar = (loadStartH: number, departH: number) =>
      ({ rake: {} as never, placedH: loadStartH, loadStartH, departH, demurrageFromH: null }) as const;
    const bars = [bar(2, 8), bar(9, 15), bar(40, 46)];
    expect(labelEndH(bars, 0, 168)).toBe(9);
    expect(labelEndH(bars, 1, 168)).toBe(40);
    expect(labelEndH(bars, 2, 168)).toBe(168);
    expect(labelEndH(bars, 1, 24)).toBe(24);
  });
  it('shows the rake number, keeping ids of other shapes whole', () => {
    expect(shortRakeId('RK-260212-007')).toBe('007');
    expect(shortRakeId('BOXN/17')).toBe('BOXN/17');
  });
});
