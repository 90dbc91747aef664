import { describe, expect, it } from 'vitest';
import { costParametersSchema } from './entities';

describe('cost parameters', () => {
  it('fills the DOMAIN.md defaults', () => {
    const c = costParametersSchema.parse({ effectiveFrom: '2026-04-01' });
    expect(c).toMatchObject({
      railBaseRsPerT: 150,
      railRsPerTKm: 1.45,
      freeTimeH: 9,
      unservedRsPerT: { p1: 3000, p2: 1500, p3: 700 },
    });
  });

  it('refuses absurd rates with the unit in the message', () => {
    const r = costParametersSchema.safeParse({
      effectiveFrom: '2026-04-01',
      railRsPerTKm: 1e30,
      latenessRsPerTDay: { p1: 400, p2: 200, p3: Infinity },
    });
    expect(r.success).toBe(false);
    const msgs = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(msgs).toEqual(
      expect.arrayContaining([
        'railRsPerTKm: must be at most ₹1,000 per t·km',
        expect.stringMatching(/^latenessRsPerTDay\.p3: .*Infinity/),
      ]),
    );
  });
});
