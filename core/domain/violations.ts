// A checker violation as data: its rule, the ids of the place it names, a code and the figures
// behind it. The English `where` and `message` are written here from those (the command line, logs
// and older readers show them as they are); the interface writes its own language from the same
// code and figures (renderer/src/pages/Plan/violationText.ts), so nothing is parsed back.

/** One part of a violation's place: `rake R-12`, `order O-7`, `road SY-1 2026-11-23`, a plan field. */
export interface PlacePart {
  kind: 'rake' | 'order' | 'road' | 'roadLot' | 'loadingPoint' | 'stockyard' | 'product' | 'unserved' | 'field';
  id: string;
}

export type PlaceKind = PlacePart['kind'];

/**
 * The ids and figures a violation names; a number is a figure, written as `figure` writes it, and
 * a list holds several ids (the rakes a siding holds), kept apart because an id may itself hold a comma.
 */
export type ViolationParams = Record<string, string | number | readonly string[]>;

/** How each place part reads in English. */
export const PLACE_EN: Record<PlaceKind, string> = {
  rake: 'rake {id}',
  order: 'order {id}',
  road: 'road {id}',
  roadLot: 'road lot {id}',
  loadingPoint: 'loading point {id}',
  stockyard: 'stockyard {id}',
  product: 'product {id}',
  unserved: 'unserved {id}',
  field: '{id}',
};

/** Each violation's English sentence, by code, `{name}` standing for a parameter (docs/plan-format.md, Rules). */
export const VIOLATION_EN = {
  // Rule 0: a malformed plan (its shape, timestamps, the figures it writes)
  'shape-not-object': 'is not a JSON object',
  'shape-not-list': 'must be a list',
  'shape-no-lines': 'needs a list of lines',
  'shape-no-sources': 'needs a list of sources',
  'shape-item-not-object': 'must be an object',
  'shape-no-costs': 'needs its costs',
  'not-timestamp': "'{value}' is not a timestamp",
  'sources-differ': 'sources add to {sources} t but the line says {line} t',
  'negative-source': 'negative tonnes from {stockyard}',
  'road-tonnes-not-positive': 'road tonnes must be above 0, got {tonnes}',
  'unserved-not-positive': 'unserved tonnes must be above 0, got {tonnes}',
  'says-wagons': "says {said} wagons, the scenario's rake has {wagons}",
  'says-wagons-used': 'says {said} wagons used, its lines allot {used}',
  'says-capacity': 'says capacity {said} t, its {wagons} wagons carry {capacity} t',
  'says-load': 'says load {said} t, its lines carry {load} t',
  'says-utilisation': 'says utilisation {said} %, {load} t of {capacity} t is {actual} %',
  'says-placement': 'says placement {said}, the scenario says {placement}',
  'says-destinations': 'says destinations {said}, its lines go to {destinations}',
  'road-line-differs': 'says {product} to {destination}, the order is {orderProduct} to {orderDestination}',
  'unserved-line-differs':
    'says {product} to {destination}, priority {priority}; the order is {orderProduct} to {orderDestination}, priority {orderPriority}',
  'summary-ordered': 'says {said} t ordered, the lines add to {tonnes} t',
  'summary-rail': 'says {said} t rail, the lines add to {tonnes} t',
  'summary-road': 'says {said} t road, the lines add to {tonnes} t',
  'summary-unserved': 'says {said} t unserved, the lines add to {tonnes} t',
  'summary-rakes': 'says {said} rakes used, the plan loads {rakes}',
  'summary-cost-per-t': 'says ₹{said}/t, ₹{total} over {shipped} t shipped is ₹{perT}/t',
  'summary-utilisation': 'says average utilisation {said} %, its rakes average {actual} %',
  'summary-on-time': 'says {said} % of shipped tonnes on time, the rules give {actual} %',
  'summary-saving': 'says a saving of ₹{said}, ₹{ruleBased} − ₹{total} is ₹{saving}',
  'summary-saving-pct': 'says a saving of {said} %, ₹{saving} of ₹{ruleBased} is {pct} %',
  // Rule 1: stock
  'stockyard-unknown': 'stockyard {stockyard} is unknown',
  'stock-over-usable': 'draws {tonnes} t but only {usable} t is usable',
  // Rule 2: orders
  'order-unknown': 'order is not in the scenario',
  'road-order-unknown': 'order or its destination is not in the scenario',
  'unserved-no-reason': 'unserved tonnes carry no reason',
  'order-over-shipped': '{shipped} t shipped exceeds the {ordered} t ordered',
  'order-unbalanced': 'rail {rail} + road {road} + unserved {unserved} ≠ {ordered} t ordered',
  'unsplittable-split': 'may not be split but goes in {shipments} shipments',
  'unsplittable-part': 'may not be split but only part of it ships',
  // Rule 3: rakes, wagons and load
  'rake-unknown': 'is not a rake of the scenario',
  'rake-twice': 'is used twice',
  'rake-cancelled': 'has status cancelled and cannot be loaded',
  'rake-dispatched': 'has status dispatched and cannot be loaded',
  'wagon-type-unknown': 'wagon type {wagonType} is unknown',
  'wagon-type-differs': 'plan says wagon type {planned}, scenario says {actual}',
  'line-differs': 'line says {product} to {destination}, the order is {orderProduct} to {orderDestination}',
  'wagons-may-not-carry': '{wagonType} wagons may not carry {product}',
  'wagons-not-whole': 'wagons must be a whole number ≥ 1, got {wagons}',
  'line-over-wagons': '{tonnes} t does not fit {wagons} wagons × {pcc} t',
  'empty-wagons': '{wagons} wagons for {tonnes} t: {empty} would travel empty ({pcc} t a wagon)',
  'wagons-over-rake': 'allots {allotted} wagons but the rake has {wagons}',
  'load-over-capacity': 'load {load} t exceeds capacity {capacity} t',
  // Rule 4: destinations of a rake
  'too-many-destinations': 'serves {n} destinations (max 2)',
  'corridors-differ': 'two destinations on different corridors ({a}, {b})',
  'two-point-min-wagons': 'only {wagons} wagons for {destination} on a two-point rake (min {min})',
  // Rule 5: where and when a rake loads
  'loading-point-unknown': 'loading point {loadingPoint} is unknown',
  'siding-wagon-type': '{loadingPoint} cannot handle {wagonType} wagons',
  'siding-not-serving': '{loadingPoint} does not serve stockyard {stockyard}',
  'loading-before-placement': 'loading starts {hours} h before the rake is placed',
  'loading-before-horizon': 'loading starts {hours} h before the horizon starts',
  'loading-after-horizon': 'loading ends {hours} h after the horizon ends',
  'loading-duration': 'loading lasts {hours} h but {load} t at {rate} t/h takes {needed} h',
  'outside-working-hours': "loading {start}–{end} is outside {loadingPoint}'s working hours {from}–{to} h",
  'siding-over-capacity': 'holds {n} rakes at once ({rakes}), limit {max}',
  'loads-in-outage': 'loads at {loadingPoint} from {start} to {end}, inside its outage from {from} to {to}',
  'rake-before-now': '{change}, loading from {start}, before now ({now})',
  // Rule 6: road
  'road-only-on-rake': 'order allows road only but is on a rake',
  'rail-only-by-road': 'order allows rail only but goes by road',
  'no-road': '{destination} cannot be reached by road',
  'dispatch-outside-horizon': 'dispatch is outside the horizon',
  'dispatch-wrong-day': 'dispatch {dispatch} is not on planning day {date}',
  'trucks-differ': '{trucks} trucks for {tonnes} t (truck {truckT} t)',
  'road-over-capacity': '{tonnes} t by road exceeds the capacity {capacity} t/day',
  'lot-before-now': '{change}, leaving at {dispatch}, before now ({now})',
  // Rule 7: costs and arrival
  'rail-freight-differs': 'rail freight is ₹{got} but the cost rules give ₹{want}',
  'idle-freight-differs': 'idle freight is ₹{got} but the cost rules give ₹{want}',
  'two-point-differs': 'two-point surcharge is ₹{got} but the cost rules give ₹{want}',
  'demurrage-differs': 'demurrage is ₹{got} but the cost rules give ₹{want}',
  'loading-cost-differs': 'loading cost is ₹{got} but the cost rules give ₹{want}',
  'eta-rail': 'ETA {eta} is not loading end + {transit} h transit',
  'lateness-rail': 'lateness is {gotDays} d / ₹{got} but the rules give {days} d / ₹{want}',
  'road-freight-differs': 'road freight is ₹{got} but the rules give ₹{want}',
  'eta-road': 'ETA {eta} is not dispatch + {transit} h',
  'lateness-road': 'lateness is ₹{got} but the rules give ₹{want}',
  'unserved-penalty-differs': 'unserved penalty ₹{got} but the rules give ₹{want}',
  'deferred-freight-differs': 'deferred freight ₹{got} but the rules give ₹{want}',
  'cost-missing':
    'missing (the rules give ₹{want}): the plan was priced before this cost category existed — plan again',
  'cost-differs': '₹{got} but the rules give ₹{want}',
  'cost-differs-lines': "₹{got} but the plan's own lines add to ₹{lines}",
} as const;

export type ViolationCode = keyof typeof VIOLATION_EN;

/** A violation of the plan rules (docs/plan-format.md, Rules), as the checker finds it. */
export interface Violation {
  /** Rule number 1–7 (docs/plan-format.md, Rules), or 0 for a malformed plan. */
  rule: number;
  /** Where, in English: `rake R-12`, `order O-7`, `road SY-1 2026-11-23`… (written from `at`). */
  where: string;
  /** What, in English (written from `code` and `params`). */
  message: string;
  /** The place's parts, each an id: what `where` says. */
  at: PlacePart[];
  code: ViolationCode;
  params: ViolationParams;
}

/** A figure in a violation: two decimals at most, grouped as the plant writes them. */
export const figure = (x: number): string => (Math.round(x * 100) / 100).toLocaleString('en-IN');

/** Several ids in English, joined by commas; none as a dash. */
export const idList = (ids: readonly string[]): string => ids.join(', ') || '—';

/**
 * `{name}` in `template` filled from `params` (numbers as `figure` writes them, lists as `idList`);
 * an unknown one stays visible.
 */
export function fillViolation(template: string, params: ViolationParams): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = params[k];
    if (v === undefined) return m;
    return typeof v === 'number' ? figure(v) : typeof v === 'string' ? v : idList(v);
  });
}

/** A place in the given words, its parts joined by commas. */
export function placeText(at: readonly PlacePart[], words: Record<PlaceKind, string> = PLACE_EN): string {
  return at.map((p) => words[p.kind].replace('{id}', () => p.id)).join(', ');
}

/** A violation with its English place and sentence written from its data. */
export function violation(rule: number, at: PlacePart[], code: ViolationCode, params: ViolationParams = {}): Violation {
  return { rule, where: placeText(at), message: fillViolation(VIOLATION_EN[code], params), at, code, params };
}

/** Place builders for the places violations name. */
export const at = {
  rake: (id: string): PlacePart[] => [{ kind: 'rake', id }],
  rakeOrder: (rake: string, order: string): PlacePart[] => [
    { kind: 'rake', id: rake },
    { kind: 'order', id: order },
  ],
  road: (stockyard: string, date: string, order?: string): PlacePart[] => [
    { kind: 'road', id: `${stockyard} ${date}` },
    ...(order === undefined ? [] : [{ kind: 'order' as const, id: order }]),
  ],
  order: (id: string): PlacePart[] => [{ kind: 'order', id }],
  field: (id: string): PlacePart[] => [{ kind: 'field', id }],
};

/**
 * The first violations a refusal names, in one line as the checker prints them
 * (`rule 2 — order O-3: …; … and 4 more`): enough to act on, few enough to read.
 */
export function namedViolations(
  vs: readonly Violation[],
  limit = 3,
): { shown: Violation[]; more: number; text: string } {
  const shown = vs.slice(0, limit);
  const more = Math.max(0, vs.length - limit);
  const text =
    shown.map((v) => `rule ${v.rule} — ${v.where}: ${v.message}`).join('; ') + (more ? ` and ${more} more` : '');
  return { shown, more, text };
}
