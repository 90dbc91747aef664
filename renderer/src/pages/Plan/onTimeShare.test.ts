import { describe, expect, it } from 'vitest';
import { onTimeTonnesShare } from './onTimeShare';

const line = (tonnes: number, onTimeP?: number) => ({
  order: 'SO-1',
  product: 'HRC',
  destination: 'HWH',
  wagons: 1,
  tonnes,
  sources: [],
  eta: '2026-02-13T00:00:00Z',
  lateDays: 0,
  latenessRs: 0,
  onTimeP,
});

describe('onTimeTonnesShare', () => {
  it('weights each order by its tonnes: one small overdue order does not make the rake 0 %', () => {
    // 3,000 t at 90 % and 100 t already overdue (0 %): the least likely order reads 0 %, the tonnes 87.1 %.
    expect(onTimeTonnesShare({ lines: [line(3000, 0.9), line(100, 0)] })).toBeCloseTo(2700 / 3100, 9);
  });

  it('is undefined when an order has no computed chance, or the rake carries nothing', () => {
    expect(onTimeTonnesShare({ lines: [line(3000, 0.9), line(100)] })).toBeUndefined();
    expect(onTimeTonnesShare({ lines: [] })).toBeUndefined();
  });
});
