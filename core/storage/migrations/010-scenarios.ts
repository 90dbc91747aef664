import type { Migration } from '../migrate';

/**
 * Scenarios and their rows. Each table mirrors a scenario table of core/domain/scenario-tables.ts
 * (column names are the JSON field names; lists are JSON text; booleans 0/1). `rid` is the row's
 * stable handle for edits; rows keep insertion order by rid. Deleting a scenario deletes its rows.
 */
export const m010Scenarios: Migration = {
  version: 10,
  name: 'scenarios',
  up: `
    CREATE TABLE scenarios (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      plant_name TEXT NOT NULL,
      horizon_start TEXT NOT NULL,
      horizon_days INTEGER NOT NULL,
      costs TEXT NOT NULL,
      parent_id TEXT REFERENCES scenarios(id) ON DELETE SET NULL,
      source TEXT NOT NULL CHECK (source IN ('demo','generated','import','empty','copy')),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE sc_orders (
      rid INTEGER PRIMARY KEY,
      scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
      "id" TEXT NOT NULL,
      "customer" TEXT NOT NULL,
      "destination" TEXT NOT NULL,
      "product" TEXT NOT NULL,
      "quantityT" REAL NOT NULL,
      "dueDate" TEXT NOT NULL,
      "priority" INTEGER NOT NULL,
      "modes" TEXT NOT NULL,
      "splittable" INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX sc_orders_scenario ON sc_orders(scenario_id, rid);
    CREATE TABLE sc_inventory (
      rid INTEGER PRIMARY KEY,
      scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
      "stockyard" TEXT NOT NULL,
      "product" TEXT NOT NULL,
      "onHandT" REAL NOT NULL,
      "safetyStockT" REAL NOT NULL
    ) STRICT;
    CREATE INDEX sc_inventory_scenario ON sc_inventory(scenario_id, rid);
    CREATE TABLE sc_rakes (
      rid INTEGER PRIMARY KEY,
      scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
      "id" TEXT NOT NULL,
      "wagonType" TEXT NOT NULL,
      "wagons" INTEGER NOT NULL,
      "expectedPlacement" TEXT NOT NULL,
      "status" TEXT NOT NULL
    ) STRICT;
    CREATE INDEX sc_rakes_scenario ON sc_rakes(scenario_id, rid);
    CREATE TABLE sc_loading_points (
      rid INTEGER PRIMARY KEY,
      scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
      "code" TEXT NOT NULL,
      "name" TEXT NOT NULL,
      "stockyards" TEXT NOT NULL,
      "wagonTypes" TEXT NOT NULL,
      "loadingRateTph" REAL NOT NULL,
      "maxRakes" INTEGER NOT NULL,
      "workStartH" REAL NOT NULL,
      "workEndH" REAL NOT NULL,
      "handlingRsPerT" REAL
    ) STRICT;
    CREATE INDEX sc_loading_points_scenario ON sc_loading_points(scenario_id, rid);
    CREATE TABLE sc_destinations (
      rid INTEGER PRIMARY KEY,
      scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
      "code" TEXT NOT NULL,
      "name" TEXT NOT NULL,
      "state" TEXT NOT NULL,
      "corridor" TEXT NOT NULL,
      "railDistanceKm" REAL NOT NULL,
      "roadDistanceKm" REAL NOT NULL,
      "railTransitH" REAL NOT NULL,
      "roadTransitH" REAL NOT NULL,
      "roadPossible" INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX sc_destinations_scenario ON sc_destinations(scenario_id, rid);
    CREATE TABLE sc_stockyards (
      rid INTEGER PRIMARY KEY,
      scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
      "code" TEXT NOT NULL,
      "name" TEXT NOT NULL,
      "loadingPoints" TEXT NOT NULL,
      "roadCapacityTPerDay" REAL NOT NULL
    ) STRICT;
    CREATE INDEX sc_stockyards_scenario ON sc_stockyards(scenario_id, rid);
    CREATE TABLE sc_products (
      rid INTEGER PRIMARY KEY,
      scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
      "code" TEXT NOT NULL,
      "name" TEXT NOT NULL,
      "family" TEXT NOT NULL,
      "wagonTypes" TEXT NOT NULL
    ) STRICT;
    CREATE INDEX sc_products_scenario ON sc_products(scenario_id, rid);
    CREATE TABLE sc_wagon_types (
      rid INTEGER PRIMARY KEY,
      scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
      "code" TEXT NOT NULL,
      "name" TEXT NOT NULL,
      "pccT" REAL NOT NULL,
      "wagonsPerRake" INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX sc_wagon_types_scenario ON sc_wagon_types(scenario_id, rid);
    CREATE TABLE sc_corridors (
      rid INTEGER PRIMARY KEY,
      scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
      "code" TEXT NOT NULL,
      "name" TEXT NOT NULL
    ) STRICT;
    CREATE INDEX sc_corridors_scenario ON sc_corridors(scenario_id, rid);
    CREATE TABLE sc_road_capacity (
      rid INTEGER PRIMARY KEY,
      scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
      "stockyard" TEXT NOT NULL,
      "date" TEXT NOT NULL,
      "capacityT" REAL NOT NULL
    ) STRICT;
    CREATE INDEX sc_road_capacity_scenario ON sc_road_capacity(scenario_id, rid);
    CREATE TABLE sc_road_lanes (
      rid INTEGER PRIMARY KEY,
      scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
      "stockyard" TEXT NOT NULL,
      "destination" TEXT NOT NULL,
      "rsPerT" REAL NOT NULL
    ) STRICT;
    CREATE INDEX sc_road_lanes_scenario ON sc_road_lanes(scenario_id, rid);
  `,
};
