import type { Destination, LoadingPoint, Stockyard } from '../domain/entities';
import type { Plant } from '../domain/scenario';
import {
  CONSUMER_PRODUCTS,
  CORRIDORS,
  DESTINATIONS,
  LOADING_POINTS,
  PRODUCTS,
  PRODUCT_SHARE,
  STOCKYARDS,
  WAGON_TYPES,
  destinationFromRow,
  type StockyardSpec,
} from './bokaro';
import { createRng } from './prng';

/**
 * A plant plus what the generators need to know about it but a scenario does not store: which
 * products each stockyard holds, which products each destination buys and how much, and how
 * congested each corridor is.
 */
export interface PlantProfile {
  plant: Plant;
  stockyardProducts: Map<string, string[]>;
  destinationWeight: Map<string, number>;
  destinationProducts: Map<string, string[]>;
  /** Average freight speed [km/h] and congestion (≥ 1) by corridor code. */
  corridors: Map<string, { speedKmph: number; congestion: number }>;
  /** Share of output by product (sums to 1). */
  productShare: Map<string, number>;
}

export type PlantSize = 'bokaro' | 'large';

/**
 * The plant is fixed for a size (not drawn from the seed), so the demo scenario, every seed's
 * orders and the history all describe the same Bokaro demo plant.
 */
export function buildPlantProfile(size: PlantSize): PlantProfile {
  const rng = createRng(1).fork(`plant:${size}`);
  const yards: StockyardSpec[] = [...STOCKYARDS];
  const lps: LoadingPoint[] = LOADING_POINTS.map((lp) => ({
    ...lp,
    stockyards: [...lp.stockyards],
    wagonTypes: [...lp.wagonTypes],
  }));
  const destRows = [...DESTINATIONS];
  const weights = new Map<string, number>();

  if (size === 'large') {
    // A network of 20 yards: 14 more built on the Bokaro yards' product mixes, each with its own siding.
    for (let i = 7; i <= 20; i++) {
      // The index is taken modulo the length of a non-empty constant table.
      const template = STOCKYARDS[(i - 7) % STOCKYARDS.length]!;
      const code = `SY-${String(i).padStart(2, '0')}`;
      yards.push({
        code,
        name: `${template.name}, annexe ${i}`,
        roadCapacityTPerDay: rng.int(5, 10) * 100,
        products: [...template.products],
      });
      const templateLp = LOADING_POINTS.find((lp) => lp.stockyards.includes(template.code))!;
      lps.push({
        code: `LP-${i + 2}`,
        name: `Siding ${i + 2} (${code})`,
        stockyards: [code],
        wagonTypes: [...templateLp.wagonTypes],
        loadingRateTph: rng.int(25, 50) * 10,
        maxRakes: rng.chance(0.4) ? 2 : 1,
        workStartH: 0,
        workEndH: 24,
      });
    }
    // 110 more customer sidings near the 40 Bokaro destinations.
    for (let i = 0; i < 110; i++) {
      const base = DESTINATIONS[i % DESTINATIONS.length]!;
      const n = Math.floor(i / DESTINATIONS.length) + 1;
      destRows.push([
        `${base[0]}-C${n}`,
        `${base[1]} customer siding ${n}`,
        base[2],
        base[3],
        Math.max(30, base[4] + rng.int(-40, 80)),
        base[5] * 0.4,
      ]);
    }
  }

  const destinations: Destination[] = destRows.map((row) => destinationFromRow(row, 1 + rng.uniform(0, 0.12)));
  for (const row of destRows) weights.set(row[0], row[5]);

  const stockyards: Stockyard[] = yards.map((y) => ({
    code: y.code,
    name: y.name,
    loadingPoints: lps.filter((lp) => lp.stockyards.includes(y.code)).map((lp) => lp.code),
    roadCapacityTPerDay: y.roadCapacityTPerDay,
  }));

  // Every destination buys HR coil; bigger hubs buy more of the range, consumer goods hubs buy CR/GP.
  const destinationProducts = new Map<string, string[]>();
  for (const row of destRows) {
    const weight = row[5];
    const bought = PRODUCTS.filter((p) => {
      if (p.code === 'HRC') return true;
      const base = CONSUMER_PRODUCTS.has(p.code) ? 0.35 : 0.5;
      return rng.chance(Math.min(0.95, base + 0.15 * weight));
    }).map((p) => p.code);
    destinationProducts.set(row[0], bought);
  }

  return {
    plant: {
      name: size === 'large' ? 'Bokaro demo (large network)' : 'Bokaro demo',
      products: PRODUCTS.map((p) => ({ ...p, wagonTypes: [...p.wagonTypes] })),
      wagonTypes: WAGON_TYPES.map((w) => ({ ...w })),
      stockyards,
      loadingPoints: lps,
      corridors: CORRIDORS.map((c) => ({ code: c.code, name: c.name })),
      destinations,
    },
    stockyardProducts: new Map(yards.map((y) => [y.code, [...y.products]])),
    destinationWeight: weights,
    destinationProducts,
    corridors: new Map(CORRIDORS.map((c) => [c.code, { speedKmph: c.speedKmph, congestion: c.congestion }])),
    productShare: new Map(Object.entries(PRODUCT_SHARE)),
  };
}

/**
 * A profile for a plant someone else made (e.g. an imported scenario): each stockyard holds the
 * products its sidings can load, every destination buys everything, corridors are average.
 * Speeds come from the destinations' own transit times.
 */
export function profileFromPlant(plant: Plant): PlantProfile {
  const lpByCode = new Map(plant.loadingPoints.map((lp) => [lp.code, lp]));
  const stockyardProducts = new Map<string, string[]>();
  for (const y of plant.stockyards) {
    const wagonTypes = new Set(
      plant.loadingPoints
        .filter((lp) => lp.stockyards.includes(y.code) || y.loadingPoints.includes(lp.code))
        .flatMap((lp) => lpByCode.get(lp.code)!.wagonTypes),
    );
    stockyardProducts.set(
      y.code,
      plant.products.filter((p) => p.wagonTypes.some((w) => wagonTypes.has(w))).map((p) => p.code),
    );
  }
  const corridors = new Map<string, { speedKmph: number; congestion: number }>();
  for (const c of plant.corridors) {
    const dests = plant.destinations.filter((d) => d.corridor === c.code && d.railTransitH > 10);
    const speed =
      dests.length > 0
        ? dests.reduce((s, d) => s + d.railDistanceKm / Math.max(1, d.railTransitH - 10), 0) / dests.length
        : 27;
    corridors.set(c.code, { speedKmph: speed, congestion: 1.1 });
  }
  return {
    plant,
    stockyardProducts,
    destinationWeight: new Map(plant.destinations.map((d) => [d.code, 1])),
    destinationProducts: new Map(plant.destinations.map((d) => [d.code, plant.products.map((p) => p.code)])),
    corridors,
    productShare: new Map(plant.products.map((p) => [p.code, 1 / plant.products.length])),
  };
}
