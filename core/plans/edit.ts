import type { PlanEdit } from '../contract/api/plan-loop';
import type { PlanCheckResult } from '../contract/api/plans';
import type { Plan } from '../domain/plan';
import type { Scenario } from '../domain/scenario';
import { lineTonnes, type Draft, type DraftLine } from '../optimizer/draft';
import { PlanInputError, dayIndex, hoursOf, planToDraft, pricePlan, rakeIndex, roadKey } from '../optimizer/plan-draft';
import { annotatePlanRisk, scenarioForPlan } from '../forecasts/plan-risk';
import { checkWithOutages } from './outages';
import { key, prepare, type Prep } from '../optimizer/prep';

const EPS = 1e-6;
const roundT = (t: number) => Math.round(t * 1000) / 1000;

export interface EditOutcome {
  plan: Plan;
  check: PlanCheckResult;
  costDelta: { rs: number; pct: number };
}

/**
 * Apply the planner's edits to a plan, in order, then price the result by the optimizer's own
 * pricing and verify it with the independent checker. An edit may break a rule (that is the point
 * of the verdict); an edit that cannot be read (an unknown rake, more tonnes than are there) throws
 * a PlanInputError naming the edit. `sc` is the scenario as the planner has it: the plan is priced
 * and checked on its derivation for the base plan's mode, and its risk is read on `sc` itself.
 */
export function applyEdits(sc: Scenario, base: Plan, edits: readonly PlanEdit[]): EditOutcome {
  const planned = scenarioForPlan(sc, base);
  const p = prepare(planned);
  const draft = planToDraft(p, base);
  const locks = {
    rakes: new Set(base.rakes.filter((r) => r.locked).map((r) => r.rakeId)),
    road: new Set(base.road.filter((r) => r.locked).map(roadKey)),
    orders: new Set(base.lockedOrders ?? []),
  };
  edits.forEach((e, i) => {
    try {
      applyOne(p, draft, e, locks);
    } catch (err) {
      if (err instanceof PlanInputError) throw new PlanInputError(`edits[${i}] (${e.op}): ${err.message}`);
      throw err;
    }
  });
  const priced = pricePlan(
    p,
    draft,
    {
      ...base.solver,
      status:
        `edited by the planner (${edits.length} edit${edits.length === 1 ? '' : 's'}) from: ${base.solver.status}`.slice(
          0,
          500,
        ),
    },
    base.summary.ruleBasedCost,
    base.notes
      .filter((n) => !n.startsWith('Edited'))
      .concat(
        edits.length
          ? [
              `Edited by the planner: ${edits.length} edit${edits.length === 1 ? '' : 's'} on the ${base.solver.method} plan.`,
            ]
          : [],
      ),
    null,
  );
  // An edited plan answers the same risk questions as the plan it came from.
  const plan = base.planning ? annotatePlanRisk(priced, sc, base.planning.mode) : priced;
  for (const r of plan.rakes) if (locks.rakes.has(r.rakeId)) r.locked = true;
  for (const r of plan.road) if (locks.road.has(roadKey(r))) r.locked = true;
  if (locks.orders.size) plan.lockedOrders = [...locks.orders];
  plan.edits = (base.edits ?? 0) + edits.length;
  const solverCost = base.edits ? base.solverTotalCost : base.summary.totalCost;
  if (plan.edits && solverCost !== undefined) plan.solverTotalCost = solverCost;
  // Outages the base was re-planned around still hold; `changes` and `stability` describe that
  // re-plan against its own base, not this version, and stay with it.
  if (base.outages) plan.outages = base.outages;
  // The checker knows the scenario, not the outages: an edit into one is named too, as the
  // re-planner refuses its own candidates (rule 5: where and when a rake may load).
  const check = checkWithOutages(planned, plan);
  const rs = Math.round((plan.summary.totalCost - base.summary.totalCost) * 100) / 100;
  return {
    plan,
    check,
    costDelta: { rs, pct: base.summary.totalCost > 0 ? Math.round((rs / base.summary.totalCost) * 10_000) / 100 : 0 },
  };
}

type Place = { kind: 'rake'; rake: string } | { kind: 'road'; stockyard: string; date: string } | { kind: 'unserved' };

function parsePlace(s: string): Place {
  if (s === 'unserved') return { kind: 'unserved' };
  const [kind, a, b] = s.split(':');
  return kind === 'rake' ? { kind: 'rake', rake: a! } : { kind: 'road', stockyard: a!, date: b! };
}

function applyOne(
  p: Prep,
  draft: Draft,
  e: PlanEdit,
  locks: { rakes: Set<string>; road: Set<string>; orders: Set<string> },
): void {
  if (e.op === 'lock') {
    const [kind, ...rest] = e.target.split(':');
    const set = kind === 'rake' ? locks.rakes : kind === 'order' ? locks.orders : locks.road;
    const id = kind === 'road' ? rest.slice(0, 2).join(' ') + ' ' + rest[2] : rest[0]!;
    const verb = e.locked ? 'lock' : 'unlock';
    if (kind === 'rake' && !draft.rakes.some((r) => p.rakes[r.rakeIdx]!.rake.id === id))
      throw new PlanInputError(`rake ${id} carries nothing in this plan: there is no decision to ${verb}`);
    // A lot mistyped (another date, yard or order) would otherwise lock nothing without a word.
    if (kind === 'road') {
      const [yard, date, order] = rest as [string, string, string];
      const day = dayIndex(p, date, `road lot ${id}`);
      if (!draft.road.some((r) => r.stockyard === yard && r.day === day && r.orderId === order))
        throw new PlanInputError(`road lot ${id} is not in this plan: there is no decision to ${verb}`);
    }
    if (kind === 'order' && !p.orderById.has(id)) throw new PlanInputError(`order ${id} is not in the scenario`);
    if (e.locked) set.add(id);
    else set.delete(id);
    return;
  }
  // A lock keeps a decision through re-plans; an edit of it would change it without a word.
  const refuseLocked = (what: string) => {
    throw new PlanInputError(`${what} is locked: unlock it first`);
  };
  const checkPlace = (pl: Place, order: string) => {
    if (pl.kind === 'rake' && locks.rakes.has(pl.rake)) refuseLocked(`rake ${pl.rake}`);
    if (pl.kind === 'road' && locks.road.has(roadKey({ ...pl, order })))
      refuseLocked(`road lot ${pl.stockyard} ${pl.date} ${order}`);
  };
  if (e.op !== 'rake' && locks.orders.has(e.order)) refuseLocked(`order ${e.order}`);
  if (e.op === 'rake') {
    if (locks.rakes.has(e.rake)) refuseLocked(`rake ${e.rake}`);
    const dr = findRake(p, draft, e.rake);
    if (e.loadingPoint !== undefined) {
      if (!p.lps.has(e.loadingPoint))
        throw new PlanInputError(`loading point ${e.loadingPoint} is not in the scenario`);
      dr.lp = e.loadingPoint;
    }
    if (e.loadingStart !== undefined) dr.startH = hoursOf(p, e.loadingStart, `rake ${e.rake}`);
    return;
  }
  if (e.op === 'road') {
    const o = p.orderById.get(e.order);
    if (!o) throw new PlanInputError(`order ${e.order} is not in the scenario`);
    if (!p.stockyards.has(e.stockyard)) throw new PlanInputError(`stockyard ${e.stockyard} is not in the scenario`);
    const day = dayIndex(p, e.date, `road ${e.stockyard}`);
    checkPlace({ kind: 'road', stockyard: e.stockyard, date: e.date }, e.order);
    const lot = draft.road.find((r) => r.orderId === e.order && r.stockyard === e.stockyard && r.day === day);
    if (lot) lot.tonnes = e.tonnes;
    else if (e.tonnes > 0) draft.road.push({ orderId: e.order, stockyard: e.stockyard, day, tonnes: e.tonnes });
    draft.road = draft.road.filter((r) => r.tonnes > EPS);
    return;
  }
  // move
  const o = p.orderById.get(e.order);
  if (!o) throw new PlanInputError(`order ${e.order} is not in the scenario`);
  const from = parsePlace(e.from);
  const to = parsePlace(e.to);
  // Wagons are those of the source rake's line (their tonnes are known there); a road lot or
  // the unserved tonnes have no wagons, and another rake's PCC would price a figure never shown.
  if (e.wagons !== undefined && e.tonnes === undefined && from.kind !== 'rake')
    throw new PlanInputError(
      `wagons count the wagons of the rake a move comes from, and ${e.from} has none: give tonnes`,
    );
  checkPlace(from, o.id);
  checkPlace(to, o.id);
  // What is there to move, and from which stockyards.
  let avail: number;
  let srcLine: DraftLine | undefined;
  let srcRoad: Draft['road'][number] | undefined;
  let pcc = 0;
  let byWagons = 0;
  if (from.kind === 'rake') {
    const dr = findRake(p, draft, from.rake);
    pcc = p.rakes[dr.rakeIdx]!.pccT;
    srcLine = dr.lines.find((l) => l.orderId === o.id);
    if (!srcLine) throw new PlanInputError(`order ${o.id} is not on rake ${from.rake}`);
    avail = lineTonnes(srcLine);
    if (e.wagons !== undefined && e.wagons > srcLine.wagons)
      throw new PlanInputError(
        `only ${srcLine.wagons} wagons of order ${o.id} are on rake ${from.rake}, asked to move ${e.wagons}`,
      );
    // All the line's wagons are all its tonnes (its last wagon is part full); fewer are full wagons.
    byWagons = e.wagons === srcLine.wagons ? avail : Math.min((e.wagons ?? 0) * pcc, avail);
  } else if (from.kind === 'road') {
    const day = dayIndex(p, from.date, `road ${from.stockyard}`);
    srcRoad = draft.road.find((r) => r.orderId === o.id && r.stockyard === from.stockyard && r.day === day);
    if (!srcRoad) throw new PlanInputError(`order ${o.id} has no road lot at ${from.stockyard} on ${from.date}`);
    avail = srcRoad.tonnes;
  } else {
    const shipped =
      draft.rakes
        .flatMap((r) => r.lines)
        .filter((l) => l.orderId === o.id)
        .reduce((a, l) => a + lineTonnes(l), 0) +
      draft.road.filter((r) => r.orderId === o.id).reduce((a, r) => a + r.tonnes, 0);
    avail = Math.max(0, o.quantityT - shipped);
  }
  const asked = e.tonnes ?? (e.wagons !== undefined ? byWagons : avail);
  if (asked > avail + 1e-3)
    throw new PlanInputError(
      `only ${roundT(avail)} t of order ${o.id} are at ${e.from}, asked to move ${roundT(asked)} t`,
    );
  const t = Math.min(asked, avail);
  if (t <= EPS) throw new PlanInputError(`nothing of order ${o.id} is at ${e.from}`);
  // Take t out of the source, keeping track of the stockyards it came from.
  const taken = new Map<string, number>();
  if (srcLine) {
    let left = t;
    for (const y of [...srcLine.sources.keys()].reverse()) {
      const have = srcLine.sources.get(y)!;
      const take = Math.min(have, left);
      srcLine.sources.set(y, roundT(have - take));
      taken.set(y, take);
      left -= take;
      if (left <= EPS) break;
    }
    for (const [y, v] of srcLine.sources) if (v <= EPS) srcLine.sources.delete(y);
    const rest = lineTonnes(srcLine);
    srcLine.wagons = Math.ceil(rest / pcc - 1e-9);
    for (const dr of draft.rakes) dr.lines = dr.lines.filter((l) => lineTonnes(l) > EPS);
  } else if (srcRoad) {
    srcRoad.tonnes = roundT(srcRoad.tonnes - t);
    taken.set(srcRoad.stockyard, t);
    draft.road = draft.road.filter((r) => r.tonnes > EPS);
  }
  if (to.kind === 'unserved') return;
  if (to.kind === 'road') {
    const day = dayIndex(p, to.date, `road ${to.stockyard}`);
    if (!p.stockyards.has(to.stockyard)) throw new PlanInputError(`stockyard ${to.stockyard} is not in the scenario`);
    const lot = draft.road.find((r) => r.orderId === o.id && r.stockyard === to.stockyard && r.day === day);
    if (lot) lot.tonnes = roundT(lot.tonnes + t);
    else draft.road.push({ orderId: o.id, stockyard: to.stockyard, day, tonnes: roundT(t) });
    return;
  }
  const dr = findRake(p, draft, to.rake, true);
  const pr = p.rakes[dr.rakeIdx]!;
  if (taken.size === 0) {
    // From unserved: the stockyard asked for, else the first the siding serves that holds the product.
    const lp = p.lps.get(dr.lp);
    const y =
      e.stockyard ?? lp?.stockyards.find((s) => (p.stock.get(key(s, o.product)) ?? 0) > EPS) ?? lp?.stockyards[0];
    if (!y) throw new PlanInputError(`no stockyard to draw order ${o.id} from at ${dr.lp}`);
    taken.set(y, t);
  }
  let line = dr.lines.find((l) => l.orderId === o.id);
  if (!line) {
    line = { orderId: o.id, wagons: 0, sources: new Map() };
    dr.lines.push(line);
  }
  for (const [y, v] of taken) line.sources.set(y, roundT((line.sources.get(y) ?? 0) + v));
  line.wagons = Math.ceil(lineTonnes(line) / pr.pccT - 1e-9);
}

/** The draft rake of a rake id; with `create`, an unused rake of the scenario joins at its placement and first siding. */
function findRake(p: Prep, draft: Draft, rakeId: string, create = false) {
  const idx = rakeIndex(p, rakeId, `rake ${rakeId}`);
  let dr = draft.rakes.find((r) => r.rakeIdx === idx);
  if (!dr) {
    if (!create) throw new PlanInputError(`rake ${rakeId} carries nothing in this plan`);
    const pr = p.rakes[idx]!;
    const lp = [...p.lps.values()].find((l) => l.wagonTypes.includes(pr.rake.wagonType)) ?? [...p.lps.values()][0]!;
    dr = { rakeIdx: idx, lp: lp.code, startH: Math.max(0, pr.placeH), lines: [] };
    draft.rakes.push(dr);
  }
  return dr;
}
