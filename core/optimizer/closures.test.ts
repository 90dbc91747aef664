import { describe, expect, it } from 'vitest';
import { tiny } from './__fixtures__/tiny';
import { DEFAULT_MODEL_OPTIONS, rakeSlots } from './model';
import { optimize } from './optimize';
import { inWorkingHours, nextWorkingStart, prepare, roadCapacity, type Closures } from './prep';
import { SidingSchedule } from './siding-schedule';

// The tiny plant: LP-1 round the clock (BFNS, 400 t/h), LP-2 06–22 local (BCN and BFNS, 300 t/h);
// the horizon starts at 06:00 local, so LP-2 works hours 0–16 and 24–40. R-1 (BFNS, 1200 t) is placed at hour 2.
const sc = tiny();
const at = (h: number) => new Date(Date.parse(sc.horizon.start) + h * 3_600_000).toISOString();
const down = (lp: string, from: number, to: number): Closures => ({
  outages: [{ loadingPoint: lp, from: at(from), to: at(to) }],
});

describe('closed windows (siding outages, "now")', () => {
  it('a plain solve has none to look up, and every day may send trucks', () => {
    const p = prepare(sc);
    expect(p.blocked).toBeUndefined();
    expect(p.firstRoadDay).toBe(0);
    expect(roadCapacity(p, 'SY-1', 0)).toBe(300);
  });

  it('no loading overlaps an outage, and the next start is its end (or the next shift after it)', () => {
    const p = prepare(sc, { outages: [...down('LP-1', 1, 10).outages!, ...down('LP-2', 10, 15).outages!] });
    const lp1 = p.lps.get('LP-1')!;
    const lp2 = p.lps.get('LP-2')!;
    expect(inWorkingHours(p, lp1, 2, 5)).toBe(false);
    expect(inWorkingHours(p, lp1, 8, 11)).toBe(false);
    expect(inWorkingHours(p, lp1, 10, 13)).toBe(true);
    expect(nextWorkingStart(p, lp1, 2, 3)).toBe(10);
    // Loading up to the outage's start is allowed.
    expect(inWorkingHours(p, lp2, 6, 10)).toBe(true);
    // LP-2 from hour 9 for 4 h: the outage until 15 leaves 15–19, past the shift's end at 16: the next shift.
    expect(nextWorkingStart(p, lp2, 9, 4)).toBe(24);
    // Another siding is untouched.
    expect(nextWorkingStart(prepare(sc, down('LP-2', 0, 48)), lp1, 2, 3)).toBe(2);
  });

  it("slots avoid the outage and resume after it, however far past the rake's usual wait", () => {
    const r = prepare(sc).rakes.findIndex((x) => x.rake.id === 'R-1');
    const plain = rakeSlots(prepare(sc), r, DEFAULT_MODEL_OPTIONS).filter((s) => s.lp === 'LP-1');
    expect(Math.max(...plain.map((s) => s.startH))).toBeLessThanOrEqual(2 + DEFAULT_MODEL_OPTIONS.maxWaitH);
    const p = prepare(sc, down('LP-1', 1, 30));
    const slots = rakeSlots(p, r, DEFAULT_MODEL_OPTIONS).filter((s) => s.lp === 'LP-1');
    expect(slots.length).toBeGreaterThan(0);
    for (const s of slots) expect(s.startH).toBeGreaterThanOrEqual(30);
    expect(slots.map((s) => s.startH)).toContain(30);
    // The siding schedule the heuristics book on skips it too.
    expect(new SidingSchedule(p).earliest(p.lps.get('LP-1')!, 2, 3)).toBe(30);
  });

  it('"now" closes every siding before it and every day whose trucks leave before it', () => {
    // 19:00 local on day 0 = hour 13: day 0's trucks (12:00 into the day) have left.
    const p = prepare(sc, { nowIso: at(13) });
    expect(p.firstRoadDay).toBe(1);
    expect(roadCapacity(p, 'SY-1', 0)).toBe(0);
    expect(roadCapacity(p, 'SY-1', 1)).toBe(300);
    for (const r of p.rakes.keys())
      for (const s of rakeSlots(p, r, DEFAULT_MODEL_OPTIONS)) expect(s.startH).toBeGreaterThanOrEqual(13);
    expect(prepare(sc, { nowIso: at(12) }).firstRoadDay).toBe(0);
  });

  it('the optimizer plans around an outage: nothing loads in it, and no explanation points there', async () => {
    const closures = down('LP-1', 0, 48);
    const plan = (await optimize(sc, { timeLimitS: 4, closures })).plan;
    expect(plan.rakes.filter((r) => r.loadingPoint === 'LP-1')).toEqual([]);
    expect(JSON.stringify([plan.unserved, plan.idleRakes])).not.toMatch(/\bLP-1\b/);
    // Without it the rake loads at LP-1 (the siding that reaches the HRC stock).
    const free = (await optimize(sc, { timeLimitS: 4 })).plan;
    expect(free.rakes.some((r) => r.loadingPoint === 'LP-1')).toBe(true);
  }, 60_000);
});
