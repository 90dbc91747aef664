import type { Disruption } from '../../../../core/contract/api/plan-loop';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/dates';
import { refusalText } from '../../lib/refusalText';

/** A disruption in the planner's words, as listed under the form. */
export function describeDisruption(d: Disruption): string {
  switch (d.kind) {
    case 'rake-delayed':
      return t('disrupt.desc.rake-delayed', { rake: d.rake, hours: d.hours });
    case 'rake-cancelled':
      return t('disrupt.desc.rake-cancelled', { rake: d.rake });
    case 'siding-down':
      return t('disrupt.desc.siding-down', {
        siding: d.loadingPoint,
        from: formatDateTime(d.from),
        to: formatDateTime(d.to),
      });
    case 'stock-lower':
      return t('disrupt.desc.stock-lower', { product: d.product, yard: d.stockyard, usable: d.usableT });
    case 'urgent-order':
      return t('disrupt.desc.urgent-order', {
        id: d.id,
        qty: d.quantityT,
        product: d.product,
        dest: d.destination,
        due: formatDateTime(d.dueDate),
      });
  }
}

/** `disruptions[2].hours` (a payload issue) or `disruptions[2] (rake-delayed)` (the host's refusal). */
const AT = /^disruptions(?:\[(\d+)\]|\.(\d+))(?:\.([\w.]+))?(?: \([^)]*\))?(?::\s*)?/;

/**
 * Why a re-plan was refused, one line per cause, in the planner's words: a cause about one
 * disruption names it by its place in the list (from 1) and its own description, not by a
 * 0-based field path.
 */
export function replanErrorLines(error: unknown, disruptions: readonly Disruption[]): string[] {
  const e = error as { issues?: { path: string; message: string }[] };
  const line = (path: string, why: string) => {
    const m = AT.exec(path);
    const i = m ? Number(m[1] ?? m[2]) : NaN;
    const d = disruptions[i];
    if (!m || !d) return t('disrupt.refused', { why: path ? `${path}: ${why}` : why });
    const field = m[3];
    const rest = path.slice(m[0].length);
    return t('disrupt.refusedAt', {
      n: i + 1,
      what: describeDisruption(d),
      why: [field, rest, why].filter(Boolean).join(': '),
    });
  };
  if (e.issues?.length) return e.issues.map((i) => line(i.path, i.message));
  // A refusal the host sends as data (its reason, violations and causes) reads in the interface's language.
  const msg = refusalText(error);
  return AT.test(msg) ? [line(msg, '')] : [t('disrupt.refused', { why: msg })];
}
