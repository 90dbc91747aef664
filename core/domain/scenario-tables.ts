import type { z } from 'zod';
import {
  corridorSchema,
  destinationSchema,
  inventorySchema,
  loadingPointSchema,
  MODES,
  orderSchema,
  PRODUCT_FAMILIES,
  productSchema,
  RAKE_STATUSES,
  rakeSchema,
  roadCapacitySchema,
  roadLaneSchema,
  stockyardSchema,
  wagonTypeSchema,
} from './entities';
import type { Scenario } from './scenario';

/**
 * One description of each scenario table, shared by storage (SQL columns), import/export (CSV and
 * sheet headers, with the header variants planners actually type) and the editor (labels, units,
 * input kinds). Field names are the JSON names; a column's label carries its unit.
 */
export type ColumnKind = 'text' | 'number' | 'int' | 'bool' | 'list' | 'timestamp' | 'date' | 'enum' | 'priority';

export interface ColumnSpec {
  field: string;
  label: string;
  kind: ColumnKind;
  unit?: string;
  options?: readonly (string | number)[];
  optional?: boolean;
  /** Other headers accepted on import (compared case- and punctuation-insensitively). */
  aliases?: readonly string[];
}

export interface TableSpec {
  /** Name used in calls, file names and messages. */
  name: TableName;
  label: string;
  /** Where the rows live in a scenario: `orders` or `plant.destinations`. */
  path: readonly ['plant', string] | readonly [string];
  sqlTable: string;
  columns: readonly ColumnSpec[];
  /** Fields that identify a row (unique within the table). */
  key: readonly string[];
  schema: z.ZodType;
}

export const TABLE_NAMES = [
  'orders',
  'inventory',
  'rakes',
  'loadingPoints',
  'destinations',
  'stockyards',
  'products',
  'wagonTypes',
  'corridors',
  'roadCapacity',
  'roadLanes',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

const text = (field: string, label: string, aliases: string[] = []): ColumnSpec => ({
  field,
  label,
  kind: 'text',
  aliases,
});
const num = (field: string, label: string, unit: string, aliases: string[] = [], optional = false): ColumnSpec => ({
  field,
  label: `${label} [${unit}]`,
  kind: 'number',
  unit,
  aliases,
  optional,
});

export const SCENARIO_TABLES: Record<TableName, TableSpec> = {
  orders: {
    name: 'orders',
    label: 'Orders',
    path: ['orders'],
    sqlTable: 'sc_orders',
    key: ['id'],
    schema: orderSchema,
    columns: [
      text('id', 'Order id', ['order', 'order no', 'order number', 'order_id', 'so', 'so no', 'sales order']),
      text('customer', 'Customer', ['customer name', 'party', 'buyer', 'consignee']),
      text('destination', 'Destination', ['dest', 'destination code', 'station', 'to', 'destination station']),
      text('product', 'Product', ['product code', 'item', 'material', 'grade']),
      num('quantityT', 'Quantity', 't', [
        'quantity',
        'qty',
        'qty t',
        'tonnes',
        'tons',
        'quantity t',
        'quantity (t)',
        'quantity mt',
        'mt',
      ]),
      {
        field: 'dueDate',
        label: 'Due date',
        kind: 'timestamp',
        aliases: ['due', 'due by', 'delivery date', 'required by', 'due_date'],
      },
      { field: 'priority', label: 'Priority', kind: 'priority', options: [1, 2, 3], aliases: ['prio', 'pri'] },
      {
        field: 'modes',
        label: 'Modes',
        kind: 'enum',
        options: MODES,
        aliases: ['mode', 'allowed modes', 'transport mode'],
      },
      {
        field: 'splittable',
        label: 'Splittable',
        kind: 'bool',
        aliases: ['split', 'may split', 'split allowed', 'part shipment'],
      },
    ],
  },
  inventory: {
    name: 'inventory',
    label: 'Inventory',
    path: ['inventory'],
    sqlTable: 'sc_inventory',
    key: ['stockyard', 'product'],
    schema: inventorySchema,
    columns: [
      text('stockyard', 'Stockyard', ['yard', 'stock yard', 'stockyard code', 'location']),
      text('product', 'Product', ['product code', 'item', 'material']),
      num('onHandT', 'On hand', 't', [
        'on hand',
        'stock',
        'stock t',
        'available',
        'qty',
        'quantity',
        'tonnes',
        'on_hand',
      ]),
      num('safetyStockT', 'Safety stock', 't', ['safety', 'safety stock', 'buffer', 'reserve']),
    ],
  },
  rakes: {
    name: 'rakes',
    label: 'Rakes',
    path: ['rakes'],
    sqlTable: 'sc_rakes',
    key: ['id'],
    schema: rakeSchema,
    columns: [
      text('id', 'Rake id', ['rake', 'rake no', 'rake number', 'rake_id']),
      text('wagonType', 'Wagon type', ['wagon', 'wagon type', 'type', 'stock type']),
      { field: 'wagons', label: 'Wagons', kind: 'int', aliases: ['wagon count', 'no of wagons', 'units'] },
      {
        field: 'expectedPlacement',
        label: 'Expected placement',
        kind: 'timestamp',
        aliases: ['placement', 'eta', 'expected', 'placement time', 'arrival'],
      },
      { field: 'status', label: 'Status', kind: 'enum', options: RAKE_STATUSES, aliases: ['state'] },
    ],
  },
  loadingPoints: {
    name: 'loadingPoints',
    label: 'Loading points',
    path: ['plant', 'loadingPoints'],
    sqlTable: 'sc_loading_points',
    key: ['code'],
    schema: loadingPointSchema,
    columns: [
      text('code', 'Code', ['siding', 'loading point']),
      text('name', 'Name'),
      { field: 'stockyards', label: 'Stockyards', kind: 'list' },
      { field: 'wagonTypes', label: 'Wagon types', kind: 'list' },
      num('loadingRateTph', 'Loading rate', 't/h', ['rate', 'loading rate']),
      { field: 'maxRakes', label: 'Max rakes at once', kind: 'int', aliases: ['max rakes', 'berths'] },
      num('workStartH', 'Work start', 'h', ['start hour']),
      num('workEndH', 'Work end', 'h', ['end hour']),
      num('handlingRsPerT', 'Handling charge', '₹/t', ['handling'], true),
    ],
  },
  destinations: {
    name: 'destinations',
    label: 'Destinations',
    path: ['plant', 'destinations'],
    sqlTable: 'sc_destinations',
    key: ['code'],
    schema: destinationSchema,
    columns: [
      text('code', 'Code', ['station code', 'destination']),
      text('name', 'Name'),
      text('state', 'State'),
      text('corridor', 'Corridor'),
      num('railDistanceKm', 'Rail distance', 'km', ['rail km']),
      num('roadDistanceKm', 'Road distance', 'km', ['road km']),
      num('railTransitH', 'Rail transit', 'h', ['rail transit']),
      num('roadTransitH', 'Road transit', 'h', ['road transit']),
      { field: 'roadPossible', label: 'Road possible', kind: 'bool', aliases: ['road'] },
    ],
  },
  stockyards: {
    name: 'stockyards',
    label: 'Stockyards',
    path: ['plant', 'stockyards'],
    sqlTable: 'sc_stockyards',
    key: ['code'],
    schema: stockyardSchema,
    columns: [
      text('code', 'Code'),
      text('name', 'Name'),
      { field: 'loadingPoints', label: 'Loading points', kind: 'list' },
      num('roadCapacityTPerDay', 'Road capacity', 't/day', ['road capacity']),
    ],
  },
  products: {
    name: 'products',
    label: 'Products',
    path: ['plant', 'products'],
    sqlTable: 'sc_products',
    key: ['code'],
    schema: productSchema,
    columns: [
      text('code', 'Code'),
      text('name', 'Name'),
      { field: 'family', label: 'Family', kind: 'enum', options: PRODUCT_FAMILIES },
      { field: 'wagonTypes', label: 'Wagon types', kind: 'list' },
    ],
  },
  wagonTypes: {
    name: 'wagonTypes',
    label: 'Wagon types',
    path: ['plant', 'wagonTypes'],
    sqlTable: 'sc_wagon_types',
    key: ['code'],
    schema: wagonTypeSchema,
    columns: [
      text('code', 'Code'),
      text('name', 'Name'),
      num('pccT', 'Capacity per wagon (PCC)', 't', ['pcc']),
      { field: 'wagonsPerRake', label: 'Wagons per rake', kind: 'int' },
    ],
  },
  corridors: {
    name: 'corridors',
    label: 'Corridors',
    path: ['plant', 'corridors'],
    sqlTable: 'sc_corridors',
    key: ['code'],
    schema: corridorSchema,
    columns: [text('code', 'Code'), text('name', 'Name')],
  },
  roadCapacity: {
    name: 'roadCapacity',
    label: 'Road capacity by day',
    path: ['roadCapacity'],
    sqlTable: 'sc_road_capacity',
    key: ['stockyard', 'date'],
    schema: roadCapacitySchema,
    columns: [
      text('stockyard', 'Stockyard'),
      { field: 'date', label: 'Date', kind: 'date' },
      num('capacityT', 'Capacity', 't', ['capacity']),
    ],
  },
  roadLanes: {
    name: 'roadLanes',
    label: 'Road lane rates',
    path: ['roadLanes'],
    sqlTable: 'sc_road_lanes',
    key: ['stockyard', 'destination'],
    schema: roadLaneSchema,
    columns: [
      text('stockyard', 'Stockyard'),
      text('destination', 'Destination'),
      num('rsPerT', 'Rate', '₹/t', ['rate']),
    ],
  },
};

/** The rows of one table in a scenario. */
export function tableRows(s: Scenario, table: TableName): Record<string, unknown>[] {
  const spec = SCENARIO_TABLES[table];
  const holder =
    spec.path.length === 2
      ? (s.plant as unknown as Record<string, unknown>)
      : (s as unknown as Record<string, unknown>);
  return holder[rowsField(spec)] as Record<string, unknown>[];
}

/** The field of its holder (the scenario, or its plant) that a table's rows sit under. */
export function rowsField(spec: TableSpec): string {
  return spec.path.length === 2 ? spec.path[1] : spec.path[0];
}

/** The validation table name of a table (`plant.destinations`, `orders`). */
export function issueTable(table: TableName): string {
  return SCENARIO_TABLES[table].path.join('.');
}
