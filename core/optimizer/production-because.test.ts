import { describe, expect, it } from 'vitest';
import { productionBecause } from './production';

describe('production reason', () => {
  it('names only the clauses that hold, never "by 0 t"', () => {
    expect(productionBecause('HRC', 0, 120)).toBe('120 t of HRC unserved for lack of stock');
    expect(productionBecause('HRC', 300.4, 0)).toBe('open orders for HRC exceed usable stock by 300 t');
    expect(productionBecause('HRC', 300, 120)).toBe(
      'open orders for HRC exceed usable stock by 300 t; 120 t of HRC unserved for lack of stock',
    );
    expect(productionBecause('HRC', 0.2, 0.3)).not.toMatch(/\b0 t/);
    // Tonnes as the rest of the plan writes them.
    expect(productionBecause('HRSH', 1497, 12345)).toBe(
      'open orders for HRSH exceed usable stock by 1,497 t; 12,345 t of HRSH unserved for lack of stock',
    );
  });
});
