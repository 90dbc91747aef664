import type { Order } from '../../domain/entities';
import { scenarioSchema, type Scenario, type ScenarioInput } from '../../domain/scenario';

/**
 * A hand-built plant small enough to reason about: two stockyards, two sidings, two wagon types,
 * three destinations on two corridors. `tiny(edit)` lets each test change one thing.
 */
export function tinyInput(): ScenarioInput {
  return {
    format: 'rakeplan.scenario/1',
    name: 'tiny',
    horizon: { start: '2026-11-22T06:00:00+05:30', days: 2 },
    plant: {
      name: 'Tiny plant',
      products: [
        { code: 'HRC', name: 'HR coil', family: 'HR_COIL', wagonTypes: ['BFNS'] },
        { code: 'CRC', name: 'CR coil', family: 'CR_COIL', wagonTypes: ['BCN'] },
      ],
      wagonTypes: [
        { code: 'BFNS', name: 'BFNS', pccT: 60, wagonsPerRake: 20 },
        { code: 'BCN', name: 'BCN', pccT: 50, wagonsPerRake: 20 },
      ],
      stockyards: [
        { code: 'SY-1', name: 'Yard 1', loadingPoints: ['LP-1'], roadCapacityTPerDay: 300 },
        { code: 'SY-2', name: 'Yard 2', loadingPoints: ['LP-2'], roadCapacityTPerDay: 200 },
      ],
      loadingPoints: [
        {
          code: 'LP-1',
          name: 'Siding 1',
          stockyards: ['SY-1'],
          wagonTypes: ['BFNS'],
          loadingRateTph: 400,
          maxRakes: 1,
        },
        {
          code: 'LP-2',
          name: 'Siding 2',
          stockyards: ['SY-2'],
          wagonTypes: ['BCN', 'BFNS'],
          loadingRateTph: 300,
          maxRakes: 1,
          workStartH: 6,
          workEndH: 22,
        },
      ],
      corridors: [
        { code: 'E', name: 'East' },
        { code: 'S', name: 'South' },
      ],
      destinations: [
        {
          code: 'HWH',
          name: 'Howrah',
          corridor: 'E',
          railDistanceKm: 350,
          roadDistanceKm: 330,
          railTransitH: 20,
          roadTransitH: 14,
          roadPossible: true,
        },
        {
          code: 'KGP',
          name: 'Kharagpur',
          corridor: 'E',
          railDistanceKm: 300,
          roadDistanceKm: 280,
          railTransitH: 18,
          roadTransitH: 12,
          roadPossible: true,
        },
        {
          code: 'MAS',
          name: 'Chennai',
          corridor: 'S',
          railDistanceKm: 1700,
          roadDistanceKm: 1650,
          railTransitH: 70,
          roadTransitH: 60,
          roadPossible: false,
        },
      ],
    },
    orders: [
      order('O-1', 'HWH', 'HRC', 600, 1, '2026-11-24T06:00:00+05:30'),
      order('O-2', 'KGP', 'HRC', 600, 2, '2026-11-24T06:00:00+05:30'),
      order('O-3', 'HWH', 'HRC', 100, 3, '2026-11-23T06:00:00+05:30', { modes: 'either' }),
      order('O-4', 'MAS', 'CRC', 900, 1, '2026-11-26T06:00:00+05:30', { splittable: false }),
      order('O-5', 'KGP', 'CRC', 150, 2, '2026-11-23T18:00:00+05:30', { modes: 'road' }),
    ],
    inventory: [
      { stockyard: 'SY-1', product: 'HRC', onHandT: 1500, safetyStockT: 100 },
      { stockyard: 'SY-2', product: 'CRC', onHandT: 1200 },
      { stockyard: 'SY-2', product: 'HRC', onHandT: 200 },
    ],
    rakes: [
      { id: 'R-1', wagonType: 'BFNS', wagons: 20, expectedPlacement: '2026-11-22T08:00:00+05:30' },
      { id: 'R-2', wagonType: 'BCN', wagons: 20, expectedPlacement: '2026-11-22T20:00:00+05:30' },
    ],
    costs: { effectiveFrom: '2026-11-01' },
  };
}

export function order(
  id: string,
  destination: string,
  product: string,
  quantityT: number,
  priority: 1 | 2 | 3,
  dueDate: string,
  extra: Partial<Order> = {},
): Order {
  return {
    id,
    customer: `Customer ${id}`,
    destination,
    product,
    quantityT,
    dueDate,
    priority,
    modes: 'rail',
    splittable: true,
    ...extra,
  };
}

export function tiny(edit: (s: ScenarioInput) => void = () => {}): Scenario {
  const input = tinyInput();
  edit(input);
  return scenarioSchema.parse(input);
}
