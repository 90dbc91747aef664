import type { Corridor, Destination, LoadingPoint, Product, WagonType } from '../domain/entities';

/**
 * The fixed figures of the "Bokaro demo" plant: realistic, not official. Distances are rail
 * kilometres from Bokaro Steel City (BKSC) by the usual route; speeds are average freight speeds
 * including halts, lower on the congested Grand Chord (north) and Howrah (east) routes.
 */

export const WAGON_TYPES: WagonType[] = [
  { code: 'BFNS', name: 'BFNS flat wagon with coil cradles', pccT: 63, wagonsPerRake: 42 },
  { code: 'BRN', name: 'BRN/BRNA flat wagon', pccT: 60, wagonsPerRake: 43 },
  { code: 'BOST', name: 'BOST open steel wagon', pccT: 70, wagonsPerRake: 45 },
  { code: 'BCN', name: 'BCN/BCNHL covered wagon (keeps CR and GP dry)', pccT: 60, wagonsPerRake: 41 },
  { code: 'BOXN', name: 'BOXN open high-sided wagon', pccT: 63, wagonsPerRake: 58 },
];

/** Products with the product–wagon matrix; the first wagon type is the usual one. */
export const PRODUCTS: Product[] = [
  { code: 'HRC', name: 'HR coil, commercial', family: 'HR_COIL', wagonTypes: ['BFNS', 'BRN', 'BOST'] },
  { code: 'HRC-PO', name: 'HR coil, pickled and oiled', family: 'HR_COIL', wagonTypes: ['BFNS', 'BCN'] },
  { code: 'HRPL', name: 'HR plate', family: 'HR_PLATE', wagonTypes: ['BOST', 'BRN', 'BOXN'] },
  { code: 'HRSH', name: 'HR sheet, cut to length', family: 'HR_PLATE', wagonTypes: ['BRN', 'BOST', 'BOXN'] },
  { code: 'CRC', name: 'CR coil', family: 'CR_COIL', wagonTypes: ['BCN'] },
  { code: 'CRS', name: 'CR sheet', family: 'CR_SHEET', wagonTypes: ['BCN'] },
  { code: 'GPS', name: 'Galvanised plain sheet', family: 'GP_SHEET', wagonTypes: ['BCN'] },
  { code: 'CRNO', name: 'CRNO electrical steel coil', family: 'CRNO', wagonTypes: ['BCN'] },
];

/** Share of the plant's saleable output by product (sums to 1). */
export const PRODUCT_SHARE: Record<string, number> = {
  HRC: 0.28,
  'HRC-PO': 0.07,
  HRPL: 0.15,
  HRSH: 0.06,
  CRC: 0.16,
  CRS: 0.09,
  GPS: 0.12,
  CRNO: 0.07,
};

/** Products whose buyers are mostly construction (slowed by the monsoon). */
export const CONSTRUCTION_PRODUCTS = new Set(['HRPL', 'HRSH', 'GPS', 'HRC']);
/** Products sold to consumer-durable and auto makers (festive-season rise). */
export const CONSUMER_PRODUCTS = new Set(['CRC', 'CRS', 'GPS', 'CRNO', 'HRC-PO']);

export interface StockyardSpec {
  code: string;
  name: string;
  roadCapacityTPerDay: number;
  products: string[];
}

export const STOCKYARDS: StockyardSpec[] = [
  { code: 'SY-HSM1', name: 'Hot strip mill coil yard 1', roadCapacityTPerDay: 1000, products: ['HRC', 'HRC-PO'] },
  { code: 'SY-HSM2', name: 'Hot strip mill coil yard 2', roadCapacityTPerDay: 800, products: ['HRC', 'HRSH'] },
  { code: 'SY-PM', name: 'Plate mill yard', roadCapacityTPerDay: 900, products: ['HRPL', 'HRSH'] },
  { code: 'SY-CRM1', name: 'Cold rolling mill yard', roadCapacityTPerDay: 700, products: ['CRC', 'CRS'] },
  { code: 'SY-CRM3', name: 'CRM-3 yard', roadCapacityTPerDay: 600, products: ['CRC', 'CRNO', 'HRC-PO'] },
  { code: 'SY-GAL', name: 'Galvanising lines yard', roadCapacityTPerDay: 700, products: ['GPS', 'CRS'] },
];

export const LOADING_POINTS: LoadingPoint[] = [
  {
    code: 'LP-1',
    name: 'HSM siding 1',
    stockyards: ['SY-HSM1', 'SY-HSM2'],
    wagonTypes: ['BFNS', 'BRN', 'BOST'],
    loadingRateTph: 450,
    maxRakes: 2,
    workStartH: 0,
    workEndH: 24,
  },
  {
    code: 'LP-2',
    name: 'HSM siding 2',
    stockyards: ['SY-HSM1', 'SY-CRM3'],
    wagonTypes: ['BFNS', 'BOST', 'BCN'],
    loadingRateTph: 400,
    maxRakes: 1,
    workStartH: 0,
    workEndH: 24,
  },
  {
    code: 'LP-3',
    name: 'Plate mill siding',
    stockyards: ['SY-PM', 'SY-HSM2'],
    wagonTypes: ['BRN', 'BOST', 'BOXN'],
    loadingRateTph: 350,
    maxRakes: 2,
    workStartH: 0,
    workEndH: 24,
  },
  {
    code: 'LP-4',
    name: 'Plate yard siding',
    stockyards: ['SY-PM'],
    wagonTypes: ['BOXN', 'BOST', 'BRN'],
    loadingRateTph: 300,
    maxRakes: 1,
    workStartH: 6,
    workEndH: 22,
  },
  {
    code: 'LP-5',
    name: 'CRM covered shed 1',
    stockyards: ['SY-CRM1'],
    wagonTypes: ['BCN', 'BFNS'],
    loadingRateTph: 300,
    maxRakes: 1,
    workStartH: 0,
    workEndH: 24,
  },
  {
    code: 'LP-6',
    name: 'CRM covered shed 2',
    stockyards: ['SY-CRM1', 'SY-CRM3'],
    wagonTypes: ['BCN'],
    loadingRateTph: 280,
    maxRakes: 2,
    workStartH: 0,
    workEndH: 24,
  },
  {
    code: 'LP-7',
    name: 'CRM-3 siding',
    stockyards: ['SY-CRM3', 'SY-HSM1'],
    wagonTypes: ['BCN', 'BFNS'],
    loadingRateTph: 320,
    maxRakes: 1,
    workStartH: 6,
    workEndH: 22,
  },
  {
    code: 'LP-8',
    name: 'Galvanising siding',
    stockyards: ['SY-GAL', 'SY-CRM1'],
    wagonTypes: ['BCN'],
    loadingRateTph: 260,
    maxRakes: 1,
    workStartH: 6,
    workEndH: 22,
  },
];

export interface CorridorSpec extends Corridor {
  /** Average freight speed including halts [km/h]. */
  speedKmph: number;
  /** How congested the route is: 1 = free, higher = more variable and slower when busy. */
  congestion: number;
}

export const CORRIDORS: CorridorSpec[] = [
  { code: 'EAST', name: 'East: Howrah–Durgapur–Tata', speedKmph: 20, congestion: 1.3 },
  { code: 'NORTH', name: 'North: Grand Chord to Delhi NCR and Punjab', speedKmph: 26, congestion: 1.4 },
  { code: 'WEST', name: 'West: Nagpur–Mumbai–Gujarat', speedKmph: 30, congestion: 1.1 },
  { code: 'SOUTH', name: 'South: East Coast to Vizag, Chennai, Bengaluru', speedKmph: 30, congestion: 1.15 },
  { code: 'CENTRAL', name: 'Central: Rourkela–Raipur–Nagpur–Bhopal', speedKmph: 27, congestion: 1.05 },
  { code: 'NE', name: 'North-east: Bihar, Siliguri, Guwahati', speedKmph: 22, congestion: 1.2 },
];

/** [code, city, state, corridor, rail km, demand weight]. */
type DestRow = [string, string, string, string, number, number];
export const DESTINATIONS: DestRow[] = [
  ['HWH', 'Howrah', 'West Bengal', 'EAST', 330, 3],
  ['DGR', 'Durgapur', 'West Bengal', 'EAST', 190, 1.5],
  ['HLZ', 'Haldia', 'West Bengal', 'EAST', 440, 1],
  ['DHN', 'Dhanbad', 'Jharkhand', 'EAST', 45, 1],
  ['ASN', 'Asansol', 'West Bengal', 'EAST', 130, 1],
  ['TATA', 'Jamshedpur', 'Jharkhand', 'EAST', 160, 2],
  ['RNC', 'Ranchi', 'Jharkhand', 'EAST', 120, 1.2],
  ['BSB', 'Varanasi', 'Uttar Pradesh', 'NORTH', 560, 1],
  ['CNB', 'Kanpur', 'Uttar Pradesh', 'NORTH', 900, 1.5],
  ['LKO', 'Lucknow', 'Uttar Pradesh', 'NORTH', 860, 1.3],
  ['AGC', 'Agra', 'Uttar Pradesh', 'NORTH', 1150, 0.8],
  ['GZB', 'Ghaziabad', 'Uttar Pradesh', 'NORTH', 1280, 3],
  ['FDB', 'Faridabad', 'Haryana', 'NORTH', 1320, 2.5],
  ['TKD', 'Delhi (Tughlakabad)', 'Delhi', 'NORTH', 1300, 2.5],
  ['LDH', 'Ludhiana', 'Punjab', 'NORTH', 1620, 2],
  ['JP', 'Jaipur', 'Rajasthan', 'NORTH', 1400, 1],
  ['KLMG', 'Mumbai (Kalamboli)', 'Maharashtra', 'WEST', 1780, 3],
  ['PUNE', 'Pune', 'Maharashtra', 'WEST', 1900, 2],
  ['ADI', 'Ahmedabad', 'Gujarat', 'WEST', 1850, 2],
  ['BRC', 'Vadodara', 'Gujarat', 'WEST', 1750, 1],
  ['ST', 'Surat', 'Gujarat', 'WEST', 1700, 1],
  ['INDB', 'Indore', 'Madhya Pradesh', 'WEST', 1300, 1],
  ['VSKP', 'Visakhapatnam', 'Andhra Pradesh', 'SOUTH', 980, 1.5],
  ['BZA', 'Vijayawada', 'Andhra Pradesh', 'SOUTH', 1330, 1],
  ['SNF', 'Hyderabad (Sanathnagar)', 'Telangana', 'SOUTH', 1480, 2],
  ['MAS', 'Chennai', 'Tamil Nadu', 'SOUTH', 1750, 2.5],
  ['SBC', 'Bengaluru', 'Karnataka', 'SOUTH', 2050, 2],
  ['CBE', 'Coimbatore', 'Tamil Nadu', 'SOUTH', 2150, 1],
  ['ERS', 'Kochi (Ernakulam)', 'Kerala', 'SOUTH', 2400, 0.8],
  ['ROU', 'Rourkela', 'Odisha', 'CENTRAL', 330, 1],
  ['R', 'Raipur', 'Chhattisgarh', 'CENTRAL', 680, 1.5],
  ['BIA', 'Bhilai', 'Chhattisgarh', 'CENTRAL', 660, 1],
  ['NGP', 'Nagpur', 'Maharashtra', 'CENTRAL', 960, 1.5],
  ['BPL', 'Bhopal', 'Madhya Pradesh', 'CENTRAL', 1150, 1],
  ['JBP', 'Jabalpur', 'Madhya Pradesh', 'CENTRAL', 960, 0.8],
  ['PNBE', 'Patna', 'Bihar', 'NE', 400, 1.8],
  ['MFP', 'Muzaffarpur', 'Bihar', 'NE', 510, 0.8],
  ['BJU', 'Barauni', 'Bihar', 'NE', 450, 0.8],
  ['NJP', 'Siliguri (New Jalpaiguri)', 'West Bengal', 'NE', 720, 1],
  ['GHY', 'Guwahati', 'Assam', 'NE', 1150, 1.5],
];

/** Road is offered only for shorter hauls: trucks beyond this are uncompetitive [km]. */
export const ROAD_LIMIT_KM = 700;
/** Terminal time at both ends of a rail trip [h]. */
export const RAIL_TERMINAL_H = 10;
/** Average truck speed including breaks [km/h]. */
export const ROAD_SPEED_KMPH = 35;

export function railTransitH(railKm: number, corridor: CorridorSpec): number {
  return RAIL_TERMINAL_H + railKm / corridor.speedKmph;
}

export function destinationFromRow(row: DestRow, roadFactor: number): Destination {
  const [code, city, state, corridorCode, railKm] = row;
  const corridor = CORRIDORS.find((c) => c.code === corridorCode)!;
  const roadKm = Math.round(railKm * roadFactor);
  return {
    code,
    name: city,
    state,
    corridor: corridorCode,
    railDistanceKm: railKm,
    roadDistanceKm: roadKm,
    railTransitH: Math.round(railTransitH(railKm, corridor)),
    roadTransitH: Math.round(3 + roadKm / ROAD_SPEED_KMPH),
    roadPossible: roadKm <= ROAD_LIMIT_KM,
  };
}
