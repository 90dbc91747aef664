import { describe, expect, it } from 'vitest';
import {
  productionClause,
  productionNote,
  readProductionClause,
  readProductionNote,
  type ProductionClause,
  type ProductionNote,
} from './plan-notes';

describe('production notes', () => {
  it('reads back every note it writes, brackets inside the detail included', () => {
    const notes: ProductionNote[] = [
      { kind: 'no-history' },
      { kind: 'synthetic-history' },
      { kind: 'no-forecast', why: 'no demand model in the registry (none pinned or in production)' },
      { kind: 'included', days: 14, source: 'baseline demand (demand@2 does not beat its baseline (mae))' },
      { kind: 'failed', error: 'Worker exited (code 1).' },
    ];
    for (const n of notes) expect(readProductionNote(productionNote(n))).toEqual(n);
  });

  it('reads the bracketed form that plans saved earlier carry', () => {
    expect(
      readProductionNote(
        'Production suggestion from open orders only: no demand forecast (no demand model in the registry (none pinned or in production)).',
      ),
    ).toEqual({ kind: 'no-forecast', why: 'no demand model in the registry (none pinned or in production)' });
  });

  it('reads no other note as one', () => {
    expect(readProductionNote('The scenario has no orders: there is nothing to plan.')).toBeNull();
    expect(readProductionNote('Production suggestion from open orders only: something else.')).toBeNull();
  });
});

describe('production clauses', () => {
  it('reads back every clause it writes, tonnes grouped as written', () => {
    const clauses: ProductionClause[] = [
      { kind: 'short', product: 'HRSH', tonnes: 1497 },
      { kind: 'lack', product: 'CRC', tonnes: 123456 },
      { kind: 'need', product: 'GPS' },
      { kind: 'forecast', days: 14, tonnes: 2300, source: 'baseline demand (no demand model (none pinned))' },
    ];
    for (const c of clauses) expect(readProductionClause(productionClause(c))).toEqual(c);
    expect(readProductionClause('open orders for HRC exceed usable stock')).toBeNull();
  });
});
