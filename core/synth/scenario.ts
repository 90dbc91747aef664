import {
  costParametersSchema,
  type InventoryRow,
  type Mode,
  type Order,
  type Rake,
  type RoadCapacity,
  type RoadLane,
} from '../domain/entities';
import { SCENARIO_FORMAT, scenarioSchema, type Scenario } from '../domain/scenario';
import { customerName } from './names';
import { buildPlantProfile, type PlantProfile } from './plant';
import { createRng, type Rng } from './prng';
import { DAY_MS, HOUR_MS, istCalendar, istDate, toIst } from '../domain/plant-time';
import { planStartForSeed } from './time';

export type ScenarioSize = 'day' | 'week' | 'large';

interface SizeSpec {
  orders: number;
  rakes: number;
  days: number;
  plant: 'bokaro' | 'large';
}
export const SCENARIO_SIZES: Record<ScenarioSize, SizeSpec> = {
  day: { orders: 120, rakes: 10, days: 3, plant: 'bokaro' },
  week: { orders: 400, rakes: 25, days: 7, plant: 'bokaro' },
  large: { orders: 2000, rakes: 120, days: 7, plant: 'large' },
};

/**
 * Rail tonnage that only rail can carry, as a share of rake capacity: just under 1 so a good plan
 * fills rakes; road-able tonnage a little above road capacity. Together the open orders exceed
 * what can move in the horizon by a few per cent, which is the tightness a real plant lives with.
 */
const RAIL_FILL = 0.92;
const ROAD_FILL = 1.15;
/** Usable stock against order tonnage, by product: most comfortable, one product short. */
const STOCK_COVER: readonly [number, number] = [1.1, 1.35];
const SHORT_COVER = 0.8;

/** A valid `rakeplan.scenario/1` for a seed and size; the same seed always gives the same file. */
export function generateScenario(opts: { seed: number; size: ScenarioSize }): Scenario {
  const spec = SCENARIO_SIZES[opts.size];
  if (!spec) throw new Error(`Unknown scenario size '${String(opts.size)}': use day, week or large.`);
  const profile = buildPlantProfile(spec.plant);
  const rng = createRng(opts.seed).fork(`scenario:${opts.size}`);
  const start = planStartForSeed(opts.seed);
  const end = start + spec.days * DAY_MS;

  const rakes = makeRakes(rng.fork('rakes'), profile, spec, start, end);
  const railCapT = rakes.reduce((s, r) => s + r.wagons * pcc(profile, r.wagonType), 0);
  const roadCapT = profile.plant.stockyards.reduce((s, y) => s + y.roadCapacityTPerDay, 0) * spec.days;
  const orders = makeOrders(rng.fork('orders'), profile, spec, start, railCapT, roadCapT);
  const inventory = makeInventory(rng.fork('inventory'), profile, orders);
  const roadCapacity = makeRoadCapacity(profile, start, spec.days);
  const roadLanes = makeRoadLanes(rng.fork('lanes'), profile);

  const scenario: Scenario = {
    format: SCENARIO_FORMAT,
    name: `${profile.plant.name}: ${opts.size} (seed ${opts.seed})`,
    horizon: { start: toIst(start), days: spec.days },
    plant: profile.plant,
    orders,
    inventory,
    rakes,
    roadCapacity,
    roadLanes,
    costs: costParametersSchema.parse({ effectiveFrom: istDate(start) }),
  };
  // The generator's output is the reference for "valid": fail loudly here, never downstream.
  return scenarioSchema.parse(scenario);
}

function pcc(profile: PlantProfile, wagonType: string): number {
  return profile.plant.wagonTypes.find((w) => w.code === wagonType)!.pccT;
}

/** Rake wagon types follow the product mix: each product's tonnage goes to its usual wagon types. */
function makeRakes(rng: Rng, profile: PlantProfile, spec: SizeSpec, start: number, end: number): Rake[] {
  const typeWeight = new Map<string, number>();
  for (const p of profile.plant.products) {
    const share = profile.productShare.get(p.code) ?? 0;
    // The first listed wagon type is the usual one; the others take a smaller part.
    const parts = p.wagonTypes.map((w, i) => [w, i === 0 ? 3 : 1] as const);
    const total = parts.reduce((a, [, part]) => a + part, 0);
    for (const [w, part] of parts) typeWeight.set(w, (typeWeight.get(w) ?? 0) + (share * part) / total);
  }
  const types = [...typeWeight.keys()];
  const weights = types.map((t) => typeWeight.get(t)!);
  const rakes: Rake[] = [];
  for (let i = 0; i < spec.rakes; i++) {
    const wagonType = rng.weighted(types, weights);
    const wt = profile.plant.wagonTypes.find((w) => w.code === wagonType)!;
    // A few rakes arrive short of a full formation (sick wagons detached on the way).
    const wagons = wt.wagonsPerRake - (rng.chance(0.2) ? rng.int(1, 3) : 0);
    // Placements spread over the horizon; some rakes are already at the plant.
    const placement = Math.round((start - 6 * HOUR_MS + rng.next() * (end - start - 6 * HOUR_MS)) / HOUR_MS) * HOUR_MS;
    rakes.push({
      id: '',
      wagonType,
      wagons,
      expectedPlacement: toIst(placement),
      status: placement <= start ? 'placed' : 'expected',
    });
  }
  rakes.sort((a, b) => a.expectedPlacement.localeCompare(b.expectedPlacement));
  const day = istDate(start).replaceAll('-', '').slice(2);
  rakes.forEach((r, i) => {
    r.id = `RK-${day}-${String(i + 1).padStart(3, '0')}`;
  });
  return rakes;
}

interface Draft {
  order: Order;
  railOnly: boolean;
}

function makeOrders(
  rng: Rng,
  profile: PlantProfile,
  spec: SizeSpec,
  start: number,
  railCapT: number,
  roadCapT: number,
): Order[] {
  const dests = profile.plant.destinations;
  const destWeights = dests.map((d) => profile.destinationWeight.get(d.code) ?? 1);
  const day = istDate(start).replaceAll('-', '').slice(2);
  const drafts: Draft[] = [];
  for (let i = 0; i < spec.orders; i++) {
    const dest = rng.weighted(dests, destWeights);
    const bought = profile.destinationProducts.get(dest.code) ?? profile.plant.products.map((p) => p.code);
    const product = rng.weighted(
      bought,
      bought.map((p) => profile.productShare.get(p) ?? 0.1),
    );
    let modes: Mode = 'rail';
    if (dest.roadPossible) modes = rng.weighted<Mode>(['rail', 'either', 'road'], [0.3, 0.5, 0.2]);
    const quantityT =
      modes === 'road'
        ? rng.lognormal(80, 0.5)
        : modes === 'either'
          ? rng.lognormal(160, 0.6)
          : rng.lognormal(380, 0.6);
    const dueMs = start + Math.round(rng.uniform(12, (spec.days + 2) * 24)) * HOUR_MS;
    drafts.push({
      railOnly: modes === 'rail',
      order: {
        id: `SO-${day}-${String(i + 1).padStart(4, '0')}`,
        customer: customerName(rng),
        destination: dest.code,
        product,
        quantityT,
        dueDate: toIst(dueMs),
        priority: rng.weighted([1, 2, 3] as const, [0.2, 0.5, 0.3]),
        modes,
        splittable: true,
      },
    });
  }
  // Scale rail-only and road-able tonnage to the capacities, so supply and demand balance.
  const railOnly = drafts.filter((d) => d.railOnly);
  const roadable = drafts.filter((d) => !d.railOnly);
  const railSum = railOnly.reduce((s, d) => s + d.order.quantityT, 0);
  const roadSum = roadable.reduce((s, d) => s + d.order.quantityT, 0);
  const railScale = railSum > 0 ? (railCapT * RAIL_FILL) / railSum : 1;
  // Road-able orders also top up rail when road-able destinations are few.
  const roadTarget = roadCapT * ROAD_FILL + Math.max(0, railCapT * RAIL_FILL - railSum * railScale);
  const roadScale = roadSum > 0 ? roadTarget / roadSum : 1;
  const smallestRakeT = Math.min(...profile.plant.wagonTypes.map((w) => w.pccT * w.wagonsPerRake));
  for (const d of drafts) {
    const q = d.order.quantityT * (d.railOnly ? railScale : roadScale);
    d.order.quantityT = Math.max(10, Math.min(smallestRakeT * 1.5, Math.round(q / 5) * 5));
    // A big order must be splittable; a quarter of the small ones must go whole.
    d.order.splittable = d.order.quantityT > 1000 || !rng.chance(0.25);
  }
  return drafts.map((d) => d.order);
}

function makeInventory(rng: Rng, profile: PlantProfile, orders: Order[]): InventoryRow[] {
  const demand = new Map<string, number>();
  for (const o of orders) demand.set(o.product, (demand.get(o.product) ?? 0) + o.quantityT);
  const products = profile.plant.products.map((p) => p.code);
  const short = rng.pick(products);
  const rows: InventoryRow[] = [];
  for (const product of products) {
    const holders = profile.plant.stockyards.filter((y) => profile.stockyardProducts.get(y.code)?.includes(product));
    if (holders.length === 0) continue;
    const cover = product === short ? SHORT_COVER : rng.uniform(STOCK_COVER[0], STOCK_COVER[1]);
    const usable = (demand.get(product) ?? 0) * cover + 200;
    const split = holders.map((y) => [y, rng.uniform(0.5, 1.5)] as const);
    const splitSum = split.reduce((a, [, share]) => a + share, 0);
    split.forEach(([y, share]) => {
      const usableT = (usable * share) / splitSum;
      const safetyStockT = Math.round(usableT * 0.05);
      rows.push({ stockyard: y.code, product, onHandT: Math.round(usableT + safetyStockT), safetyStockT });
    });
  }
  return rows;
}

/** Sundays run half the trucks (fewer drivers, permit limits): a per-day override. */
function makeRoadCapacity(profile: PlantProfile, start: number, days: number): RoadCapacity[] {
  const rows: RoadCapacity[] = [];
  for (let d = 0; d < days; d++) {
    const t = start + d * DAY_MS;
    if (istCalendar(t).weekday !== 0) continue;
    for (const y of profile.plant.stockyards)
      rows.push({ stockyard: y.code, date: istDate(t), capacityT: Math.round(y.roadCapacityTPerDay / 2) });
  }
  return rows;
}

/** A few negotiated truck rates on busy short lanes, below the distance formula. */
function makeRoadLanes(rng: Rng, profile: PlantProfile): RoadLane[] {
  const roadDests = profile.plant.destinations.filter((d) => d.roadPossible);
  const lanes: RoadLane[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < Math.min(5, roadDests.length); i++) {
    const dest = rng.pick(roadDests);
    const yard = rng.pick(profile.plant.stockyards);
    const key = `${yard.code}|${dest.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lanes.push({
      stockyard: yard.code,
      destination: dest.code,
      rsPerT: Math.round((250 + 3.2 * dest.roadDistanceKm) * rng.uniform(0.8, 0.92)),
    });
  }
  return lanes;
}
