import type { IdleRake, UnservedLine } from '../../../../core/domain/plan';
import { readProductionClause } from '../../../../core/domain/plan-notes';
import { format, type Lang } from '../../i18n';
import { hiSolver } from '../../i18n/hi-solver';
import { formatDate } from '../../lib/dates';
import { formatRs, formatT } from '../../lib/format';

type Key = keyof typeof hiSolver;
const hi = (key: Key, params: Record<string, string | number>) => format(hiSolver[key], params);
/** ₹/t with paise, as the core writes it (₹3,125.70/t). */
const perT = (v: number) => `₹${v.toLocaleString('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}/t`;

/**
 * Why an order's tonnes stay unserved, in the interface's language. English is the core's own
 * text; Hindi is written from the reason's code and figures where they carry the whole reason,
 * else the core's English text is shown as it is (a rule whose figures the plan does not carry,
 * a two-point rake that would pay, plans from before reason codes).
 */
export function unservedReasonText(u: UnservedLine, lang: Lang): string {
  if (lang === 'en' || !u.reasonCode) return u.reason;
  const f = u.figures;
  // The rules that block a mode, each in Hindi; null when one of them has no figures to write it from.
  const blocks = (f?.blocks ?? []).map((code) => blockText(code, u));
  if (blocks.includes(null)) return u.reason;
  switch (u.reasonCode) {
    case 'no-inventory':
    case 'stock-used-up':
      return hi(u.reasonCode, { product: u.product });
    case 'unsplittable-short-stock':
      return f?.stockLeftT === undefined
        ? u.reason
        : hi(u.reasonCode, { product: u.product, stock: formatT(f.stockLeftT) });
    case 'dearer-than-leaving':
    case 'cheaper-option-left': {
      if (!f || f.leaveRsPerT === undefined || f.penaltyRsPerT === undefined || f.deferredFreightRsPerT === undefined)
        return u.reason;
      const options: string[] = [];
      const rail = f.cheapestRail;
      const road = f.cheapestRoad;
      const dearer = u.reasonCode === 'dearer-than-leaving';
      // "Cheaper left" names only the options that cost less than leaving the tonnes.
      if (rail && (dearer || rail.rsPerT < rail.leaveRsPerT))
        options.push(
          rail.how === 'fill'
            ? hi('fill', { rake: rail.rakeId, tonnes: formatT(rail.tonnes), rate: perT(rail.rsPerT) })
            : hi('rake', {
                rake: rail.rakeId,
                dest: u.destination,
                tonnes: formatT(rail.tonnes),
                rate: perT(rail.rsPerT),
                leave: perT(rail.leaveRsPerT),
              }),
        );
      if (road && (dearer || road.rsPerT < f.leaveRsPerT))
        options.push(
          hi('road', {
            stockyard: road.stockyard,
            date: formatDate(road.date),
            tonnes: formatT(road.tonnes),
            rate: perT(road.rsPerT),
          }),
        );
      // A two-point rake that would pay has no figures: the core's sentence says which.
      if (options.length === 0) return u.reason;
      const leave = hi('leave', {
        penalty: perT(f.penaltyRsPerT),
        deferred: perT(f.deferredFreightRsPerT),
        total: perT(f.leaveRsPerT),
      });
      const railAllowed = rail !== undefined || (f.blocks ?? []).some((b) => RAIL_BLOCKS.has(b));
      return [
        hi(dearer ? 'dearer' : 'cheaper', { options: options.join(hiSolver.or), leave }),
        // As the core's text: the blocks of the other mode follow only when nothing pays.
        ...(dearer ? [...(railAllowed ? [hiSolver.noTwoPoint] : []), ...blocks] : []),
      ].join('; ');
    }
    default:
      // A rule-blocked line: its blocks are the whole reason.
      return blocks.length > 0 && f?.blocks?.[0] === u.reasonCode ? blocks.join('; ') : u.reason;
  }
}

/** Rail blocks (core/optimizer/rail-block.ts railBlock): the order may go by rail, and nothing does. */
const RAIL_BLOCKS = new Set([
  'no-compatible-rake',
  'no-reachable-stock',
  'too-big-for-rake',
  'rakes-busy',
  'no-siding-slot',
  'late-costs-more',
  'no-whole-rake',
]);

/** One block in Hindi, or null when its figures are not in the plan (its English text then stands). */
function blockText(code: string, u: UnservedLine): string | null {
  const f = u.figures;
  if (code === 'no-road') return hi('no-road', { dest: u.destination });
  if (code === 'rakes-busy') return f?.rakesBusy ? busyText(f.rakesBusy, u) : null;
  if (code !== 'no-siding-slot' || !f?.idleRakes) return null;
  // As the core writes it: the busy rakes' clause first, when some are busy.
  const idle = hi('block-no-siding-slot', {
    n: f.idleRakes.count,
    types: f.idleRakes.wagonTypes.join('/'),
    product: u.product,
  });
  return f.rakesBusy ? `${busyText(f.rakesBusy, u)}; ${idle}` : idle;
}

function busyText(busy: NonNullable<NonNullable<UnservedLine['figures']>['rakesBusy']>, u: UnservedLine): string {
  const params = { n: busy.compatible, types: busy.wagonTypes.join('/'), dest: u.destination };
  return busy.loadingForDestination > 0
    ? hi('rakes-busy-dest', { ...params, k: busy.loadingForDestination })
    : hi('rakes-busy', params);
}

/** Why a rake placed in the horizon stays idle, in the interface's language (as unservedReasonText). */
export function idleReasonText(r: IdleRake, lang: Lang): string {
  if (lang === 'en') return r.reason;
  const f = r.figures;
  switch (r.reasonCode) {
    case 'no-siding':
    case 'no-siding-slot':
    case 'no-demand':
      return hi(r.reasonCode, { wagonType: r.wagonType });
    case 'dearer-than-leaving':
    case 'cheaper-option-left': {
      if (!f) return r.reason;
      const to = f.secondDestination
        ? hi('twoPoint', { dest: f.destination, second: f.secondDestination })
        : f.destination;
      return hi(r.reasonCode === 'dearer-than-leaving' ? 'idle-dearer' : 'idle-cheaper', {
        from: f.loadingPoint,
        to,
        tonnes: formatT(f.tonnes),
        cost: formatRs(f.rakeCostRs),
        leave: formatRs(f.leaveRs),
      });
    }
    default:
      return r.reason;
  }
}

/**
 * Why a product should be made next, as the planner should read it: older plans said "exceed
 * usable stock by 0 t" when the shortfall came only from unserved tonnes, so zero clauses are
 * dropped; in Hindi each clause the core wrote (core/domain/plan-notes.ts) is written from its figures.
 */
export function productionReasonText(because: string, lang: Lang): string {
  const clauses = because.split('; ').filter((part) => !/\bby 0 t$/.test(part) && !/^0 t /.test(part));
  if (clauses.length === 0) return because;
  if (lang === 'en') return clauses.join('; ');
  return clauses
    .map((text) => {
      const c = readProductionClause(text);
      if (!c) return text;
      const figures = 'tonnes' in c ? { ...c, tonnes: formatT(c.tonnes) } : { ...c };
      return hi(`production-${c.kind}`, figures);
    })
    .join('; ');
}
