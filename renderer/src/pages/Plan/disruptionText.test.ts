import { describe, expect, it } from 'vitest';
import type { Disruption } from '../../../../core/contract/api/plan-loop';
import { useLang } from '../../i18n';
import { describeDisruption, replanErrorLines } from './disruptionText';

const list: Disruption[] = [
  { kind: 'rake-cancelled', rake: 'RK-1' },
  { kind: 'rake-delayed', rake: 'RK-2', hours: 6 },
];

describe('why a re-plan was refused, in the planner’s words', () => {
  it('names a disruption by its place from 1 and its own description, not a 0-based path', () => {
    expect(
      replanErrorLines(
        { code: 'INVALID_DATA', message: 'disruptions[1] (rake-delayed): rake RK-2 is not in the scenario' },
        list,
      ),
    ).toEqual(['Re-plan refused: disruption 2 (Rake RK-2 placed 6 h later): rake RK-2 is not in the scenario']);
    expect(
      replanErrorLines(
        {
          code: 'BAD_PAYLOAD',
          message: 'Invalid payload',
          issues: [{ path: 'disruptions[1].hours', message: 'must be > 0' }],
        },
        list,
      ),
    ).toEqual(['Re-plan refused: disruption 2 (Rake RK-2 placed 6 h later): hours: must be > 0']);
  });

  it('says other refusals as they are, without a code', () => {
    expect(replanErrorLines({ code: 'INVALID_DATA', message: 'rake RK-1 (cancelled): locked' }, list)).toEqual([
      'Re-plan refused: rake RK-1 (cancelled): locked',
    ]);
  });
});

describe('a disruption in the planner’s words', () => {
  const down: Disruption = {
    kind: 'siding-down',
    loadingPoint: 'LP-2',
    from: '2026-02-12T12:00:00+05:30',
    to: '2026-02-14T12:00:00+05:30',
  };
  const urgent: Disruption = {
    kind: 'urgent-order',
    id: 'U-1',
    customer: 'C-1',
    destination: 'D-1',
    product: 'HRC',
    quantityT: 500,
    dueDate: '2026-02-15T12:00:00+05:30',
    priority: 1,
    modes: 'either',
    splittable: true,
  };

  it('writes its times as the rest of the page does, on the plant clock, in either language', () => {
    useLang.getState().setLang('en');
    expect(describeDisruption(down)).toBe('LP-2 down 12 Feb 2026, 12:00 – 14 Feb 2026, 12:00');
    expect(describeDisruption(urgent)).toBe('Urgent order U-1: 500 t HRC to D-1 by 15 Feb 2026, 12:00');
    useLang.getState().setLang('hi');
    try {
      expect(describeDisruption(down)).not.toMatch(/2026-02/);
      expect(describeDisruption(down)).toMatch(/^LP-2 बंद 12 \S+ 2026, 12:00 – 14 \S+ 2026, 12:00$/);
    } finally {
      useLang.getState().setLang('en');
    }
  });
});
