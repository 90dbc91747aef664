import type { Disruption } from '../../../../core/contract/api/plan-loop';
import type { Scenario } from '../../../../core/domain/scenario';
import { fieldError, parseNumber } from '../../lib/numberInput';
import { formatT } from '../../lib/format';
import { t } from '../../i18n';

/**
 * The disruption form's fields, read into a disruption only when every field holds something the
 * host can apply: each refusal names its field and why, so nothing is added that would read
 * "NaN h later" or fail only at Re-plan.
 */
export type Kind = Disruption['kind'];
export type Fields = Partial<Record<string, string>>;
export type Read<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** The scenario's codes the form offers to choose from (selects, never free text). */
export interface Choices {
  rakes: string[];
  loadingPoints: string[];
  /** Stockyard → product → tonnes usable now (on hand − safety stock). */
  usable: Map<string, Map<string, number>>;
  destinations: string[];
  products: string[];
  orderIds: Set<string>;
}

export function choicesOf(sc: Scenario): Choices {
  const usable = new Map<string, Map<string, number>>();
  for (const r of sc.inventory) {
    const yard = usable.get(r.stockyard) ?? new Map<string, number>();
    yard.set(r.product, (yard.get(r.product) ?? 0) + Math.max(0, r.onHandT - r.safetyStockT));
    usable.set(r.stockyard, yard);
  }
  return {
    rakes: sc.rakes.map((r) => r.id),
    loadingPoints: sc.plant.loadingPoints.map((l) => l.code),
    usable,
    destinations: sc.plant.destinations.map((d) => d.code),
    products: sc.plant.products.map((p) => p.code),
    orderIds: new Set(sc.orders.map((o) => o.id)),
  };
}

/** An ISO date and time as the host reads it (Date.parse), or why not. */
export function readIso(label: string, text: string, example: string): Read<string> {
  const s = text.trim();
  if (s === '') return { ok: false, errors: [fieldError(label, t('input.emptyTime'))] };
  return Number.isFinite(Date.parse(s))
    ? { ok: true, value: s }
    : { ok: false, errors: [fieldError(label, t('input.notTime', { text: s, example }))] };
}

/** A code picked from `options` (the select's first option when none was picked). */
function pick(label: string, value: string | undefined, options: readonly string[]): Read<string> {
  const v = value ?? options[0];
  return v && options.includes(v)
    ? { ok: true, value: v }
    : { ok: false, errors: [fieldError(label, t('input.choose'))] };
}

function number(label: string, text: string, rule: Parameters<typeof parseNumber>[1]): Read<number> {
  const r = parseNumber(text, rule);
  return r.ok ? r : { ok: false, errors: [fieldError(label, r.why)] };
}

/** Collect the fields' refusals; the disruption only when there are none. */
function all<T>(parts: Read<unknown>[], make: () => T): Read<T> {
  const errors = parts.flatMap((p) => (p.ok ? [] : p.errors));
  return errors.length ? { ok: false, errors } : { ok: true, value: make() };
}

/** The fields' defaults, shown in the form until the planner types over them. */
export const defaults = (horizonStart: string): Fields => ({
  hours: '10',
  from: horizonStart,
  to: horizonStart,
  usable: '',
  id: 'URGENT-1',
  qty: '500',
  due: horizonStart,
});

export function readDisruption(kind: Kind, f: Fields, c: Choices, horizonStart: string): Read<Disruption> {
  const v = (name: string) => f[name] ?? defaults(horizonStart)[name] ?? '';
  const L = {
    rake: t('col.rake'),
    hours: t('disrupt.delay'),
    lp: t('edit.loadingPoint'),
    from: t('disrupt.downFrom'),
    to: t('disrupt.downTo'),
    yard: t('col.stockyard'),
    product: t('col.product'),
    usable: t('disrupt.usable'),
    id: t('disrupt.orderId'),
    dest: t('col.destination'),
    qty: t('disrupt.tonnes'),
    due: t('disrupt.due'),
  };
  switch (kind) {
    case 'rake-delayed': {
      const rake = pick(L.rake, f.rake, c.rakes);
      const hours = number(L.hours, v('hours'), { above: 0, max: 24 * 31, unit: 'h' });
      return all([rake, hours], () => ({ kind, rake: ok(rake), hours: ok(hours) }));
    }
    case 'rake-cancelled': {
      const rake = pick(L.rake, f.rake, c.rakes);
      return all([rake], () => ({ kind, rake: ok(rake) }));
    }
    case 'siding-down': {
      const lp = pick(L.lp, f.lp, c.loadingPoints);
      const from = readIso(L.from, v('from'), horizonStart);
      let to = readIso(L.to, v('to'), horizonStart);
      if (from.ok && to.ok && !(Date.parse(to.value) > Date.parse(from.value)))
        to = { ok: false, errors: [fieldError(L.to, t('input.after', { field: L.from }))] };
      return all([lp, from, to], () => ({ kind, loadingPoint: ok(lp), from: ok(from), to: ok(to) }));
    }
    case 'stock-lower': {
      const yard = pick(L.yard, f.yard, [...c.usable.keys()]);
      const products = yard.ok ? [...(c.usable.get(yard.value)?.keys() ?? [])] : [];
      const product = pick(L.product, f.stockProduct, products);
      const now = yard.ok && product.ok ? (c.usable.get(yard.value)?.get(product.value) ?? 0) : Infinity;
      let usable = number(L.usable, v('usable'), { min: 0, unit: 't' });
      // Stock can only be lower than thought: the host refuses more than is usable now.
      if (usable.ok && usable.value > now + 1e-6)
        usable = {
          ok: false,
          errors: [fieldError(L.usable, t('disrupt.bad.moreThanUsable', { usable: formatT(now) }))],
        };
      return all([yard, product, usable], () => ({
        kind,
        stockyard: ok(yard),
        product: ok(product),
        usableT: ok(usable),
      }));
    }
    case 'urgent-order': {
      const idText = v('id').trim();
      const id: Read<string> =
        idText === ''
          ? { ok: false, errors: [fieldError(L.id, t('input.emptyText'))] }
          : c.orderIds.has(idText)
            ? { ok: false, errors: [fieldError(L.id, t('disrupt.bad.orderTaken', { id: idText }))] }
            : { ok: true, value: idText };
      const dest = pick(L.dest, f.dest, c.destinations);
      const product = pick(L.product, f.product, c.products);
      const qty = number(L.qty, v('qty'), { above: 0, unit: 't' });
      const due = readIso(L.due, v('due'), horizonStart);
      return all([id, dest, product, qty, due], () => ({
        kind,
        id: ok(id),
        customer: 'Urgent',
        destination: ok(dest),
        product: ok(product),
        quantityT: ok(qty),
        dueDate: ok(due),
        priority: 1 as const,
        modes: 'either' as const,
        splittable: true,
      }));
    }
  }
}

/** The value of a field already known to be good (all() makes the disruption only then). */
function ok<T>(r: Read<T>): T {
  if (!r.ok) throw new Error('read before its errors were checked');
  return r.value;
}
