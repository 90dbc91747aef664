import { describe, expect, it } from 'vitest';
import type { Rake } from '../../../../core/domain/entities';
import type { Plan } from '../../../../core/domain/plan';
import { unusedRakes } from './unusedRakes';

const rake = (id: string, expectedPlacement: string, status: Rake['status'] = 'placed') =>
  ({ id, wagonType: 'BCN', wagons: 41, expectedPlacement, status }) as Rake;

const plan = (idleRakes?: Plan['idleRakes']) =>
  ({
    scenario: { name: 'demo', hash: 'h', horizonStart: '2026-02-12T00:00:00+05:30', horizonDays: 7 },
    rakes: [{ rakeId: 'RK-1' }],
    idleRakes,
  }) as unknown as Plan;

describe('rakes not used', () => {
  const rakes = [
    rake('RK-1', '2026-02-12T06:00:00+05:30'),
    rake('RK-2', '2026-02-16T19:30:00+05:30'),
    rake('RK-3', '2026-02-25T00:00:00+05:30'),
  ];
  const why = 'its cheapest whole load, 2,400 t to GZB, costs ₹6,122.65/t against ₹3,280.86/t for leaving those tonnes';

  it("gives the solver's reason for an idle rake, and says when a rake is placed after the horizon", () => {
    const rows = unusedRakes(
      plan([
        {
          rakeId: 'RK-2',
          wagonType: 'BCN',
          placement: rakes[1]!.expectedPlacement,
          reasonCode: 'dearer-than-leaving',
          reason: why,
        },
      ]),
      rakes,
    );
    expect(rows.map((r) => r.rake.id)).toEqual(['RK-2', 'RK-3']);
    expect(rows[0]!.reason).toBe(why);
    expect(rows[1]!.reason).toContain('25 Feb 2026');
  });

  it('claims nothing for a plan that records no reason', () => {
    expect(unusedRakes(plan(), rakes)[0]!.reason).toBe('Left idle by this plan (it records no reason).');
  });
});
