import type { Migration } from '../migrate';

/**
 * The plant's history (core/domain/history.ts): column names are the CSV headers the forecasting
 * models train on. Nullable columns hold the values that were never recorded.
 */
export const m011History: Migration = {
  version: 11,
  name: 'history',
  up: `
    CREATE TABLE history_demand (
      rid INTEGER PRIMARY KEY,
      "date" TEXT NOT NULL,
      "destination" TEXT NOT NULL,
      "product" TEXT NOT NULL,
      "corridor" TEXT NOT NULL,
      "tonnes" REAL
    ) STRICT;
    CREATE TABLE history_rake_placements (
      rid INTEGER PRIMARY KEY,
      "rakeId" TEXT NOT NULL,
      "wagonType" TEXT NOT NULL,
      "loadingPoint" TEXT NOT NULL,
      "promisedAt" TEXT NOT NULL,
      "actualAt" TEXT NOT NULL,
      "delayH" REAL
    ) STRICT;
    CREATE TABLE history_trips (
      rid INTEGER PRIMARY KEY,
      "date" TEXT NOT NULL,
      "rakeId" TEXT NOT NULL,
      "corridor" TEXT NOT NULL,
      "destination" TEXT NOT NULL,
      "distanceKm" REAL NOT NULL,
      "wagonType" TEXT NOT NULL,
      "month" INTEGER NOT NULL,
      "loadT" REAL,
      "transitH" REAL
    ) STRICT;
    CREATE TABLE history_loading_events (
      rid INTEGER PRIMARY KEY,
      "date" TEXT NOT NULL,
      "rakeId" TEXT NOT NULL,
      "loadingPoint" TEXT NOT NULL,
      "product" TEXT NOT NULL,
      "wagonType" TEXT NOT NULL,
      "tonnes" REAL NOT NULL,
      "hours" REAL,
      "rateTph" REAL
    ) STRICT;
    CREATE TABLE history_shipments (
      rid INTEGER PRIMARY KEY,
      "date" TEXT NOT NULL,
      "orderId" TEXT NOT NULL,
      "stockyard" TEXT NOT NULL,
      "destination" TEXT NOT NULL,
      "corridor" TEXT NOT NULL,
      "product" TEXT NOT NULL,
      "priority" INTEGER NOT NULL,
      "mode" TEXT NOT NULL,
      "tonnes" REAL NOT NULL,
      "distanceKm" REAL NOT NULL,
      "costRsPerT" REAL
    ) STRICT;
    CREATE INDEX history_demand_date ON history_demand(date);
    CREATE INDEX history_trips_date ON history_trips(date);
    CREATE INDEX history_shipments_date ON history_shipments(date);
  `,
};
