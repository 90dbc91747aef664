import { describe, expect, it } from 'vitest';
import type { Choices } from './disruptionInput';
import { readDisruption } from './disruptionInput';

const start = '2026-02-12T06:00:00+05:30';
const c: Choices = {
  rakes: ['RK-1', 'RK-2'],
  loadingPoints: ['LP-1'],
  usable: new Map([['SY-1', new Map([['HRC', 800]])]]),
  destinations: ['DEL'],
  products: ['HRC'],
  orderIds: new Set(['O-1']),
};
const errors = (r: ReturnType<typeof readDisruption>) => (r.ok ? [] : r.errors);

describe('the disruption form adds only what the host can apply, naming each bad field', () => {
  it('refuses a delay that is not a number of hours above 0', () => {
    expect(errors(readDisruption('rake-delayed', { hours: 'ten' }, c, start))).toEqual([
      'Delay [h]: “ten” is not a number',
    ]);
    expect(errors(readDisruption('rake-delayed', { hours: '-30' }, c, start))).toEqual([
      'Delay [h]: must be above 0 h',
    ]);
    expect(readDisruption('rake-delayed', { rake: 'RK-2', hours: '6' }, c, start)).toEqual({
      ok: true,
      value: { kind: 'rake-delayed', rake: 'RK-2', hours: 6 },
    });
  });

  it('refuses blank or higher-than-usable stock, and takes the yard and product from the scenario', () => {
    expect(errors(readDisruption('stock-lower', {}, c, start))).toEqual(['Usable [t]: enter a number']);
    expect(errors(readDisruption('stock-lower', { usable: '900' }, c, start))).toEqual([
      'Usable [t]: must be at most the 800 t usable now: stock can only be lower',
    ]);
    expect(readDisruption('stock-lower', { usable: '300' }, c, start)).toEqual({
      ok: true,
      value: { kind: 'stock-lower', stockyard: 'SY-1', product: 'HRC', usableT: 300 },
    });
  });

  it('refuses an urgent order with an id in use, no tonnes or no due time, naming each', () => {
    expect(errors(readDisruption('urgent-order', { id: 'O-1', qty: '', due: 'soon' }, c, start))).toEqual([
      'Order id: order O-1 already exists in the scenario',
      'Tonnes [t]: enter a number',
      `Due (ISO): “soon” is not a date and time (e.g. ${start})`,
    ]);
  });

  it('refuses an outage that ends before it starts', () => {
    expect(errors(readDisruption('siding-down', { to: '2026-02-12T05:00:00+05:30' }, c, start))).toEqual([
      'Down to (ISO): must be after Down from (ISO)',
    ]);
  });
});
