import { describe, expect, it } from 'vitest';
import type { Disruption } from '../../../../core/contract/api/plan-loop';
import { replanErrorLines } from './disruptionText';

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
