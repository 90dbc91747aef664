import type { PlantProfile } from '../plant';
import type { Rng } from '../prng';
import { HOUR_MS, istCalendar } from '../../domain/plant-time';
import { OrderBook } from './orders';
import { RailDespatch } from './rail';
import { Recorder, type HistoryTables } from './recording';
import { RoadDespatch } from './road';
import { Stockyards } from './stock';

/** What really happened, before recording defects: used to check the chain balances. */
export interface HistoryTruth {
  orderedT: number;
  shippedRailT: number;
  shippedRoadT: number;
  /** Open order tonnes at the end of the period. */
  backlogT: number;
  openingStockT: number;
  producedT: number;
  closingStockT: number;
  rakes: number;
}

/**
 * The plant's chain, one day at a time: orders arrive, the mills produce, trucks then rakes
 * take stock to the buyers. All chains draw from one stream in this order, so the history for
 * a seed depends on it.
 */
export class Simulation {
  private readonly rec: Recorder;
  private readonly orders: OrderBook;
  private readonly stock: Stockyards;
  private readonly road: RoadDespatch;
  private readonly rail: RailDespatch;

  constructor(
    profile: PlantProfile,
    private readonly rng: Rng,
  ) {
    const plant = profile.plant;
    this.rec = new Recorder(rng.fork('defects'));
    this.orders = new OrderBook(plant, profile, rng, this.rec);
    this.road = new RoadDespatch(plant, rng, this.rec);
    this.rail = new RailDespatch(plant, profile, rng, this.rec, this.orders.railDailyT);
    this.stock = new Stockyards(plant, profile, this.orders.meanDemand);
  }

  get tables(): HistoryTables {
    return this.rec.tables;
  }

  truth(): HistoryTruth {
    return {
      orderedT: this.orders.ordered,
      shippedRailT: this.rail.shippedT,
      shippedRoadT: this.road.shippedT,
      backlogT: this.orders.backlogT(),
      openingStockT: this.stock.openingT,
      producedT: this.stock.producedT,
      closingStockT: this.stock.totalT(),
      rakes: this.rail.rakes,
    };
  }

  day(d: number, dayStart: number): void {
    const cal = istCalendar(dayStart + 12 * HOUR_MS);
    this.orders.arrive(d, dayStart, cal);
    this.stock.produce(this.orders, this.rng);
    this.road.day(dayStart, cal.weekday, this.orders, this.stock);
    this.rail.day(d, dayStart, cal, this.orders, this.stock);
  }
}
