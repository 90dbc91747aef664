import { Fragment, type ReactNode } from 'react';
import type { ColumnSpec, TableName } from '../../../../core/domain/scenario-tables';
import type { Plan, SolverMethod } from '../../../../core/domain/plan';
import { formatPct, formatRs } from '../../lib/format';
import { CATALOGUES, t, translate, useLang, type Lang, type MessageKey } from '../../i18n';

/**
 * Catalogue look-ups the Plan page makes from values the data carries (a table name, a solver
 * method, a rake status): each has its message, and a value the catalogue does not know yet (a
 * newer host) is shown as it came rather than as a raw key.
 */
export function tKnown(key: string, fallback: string, params?: Record<string, string | number>): string {
  return key in CATALOGUES.en ? t(key as MessageKey, params) : fallback;
}

/**
 * A message with elements in its placeholders (a coloured figure inside a sentence): the sentence
 * stays whole in the catalogue, in the word order of each language.
 */
export function tNodes(key: MessageKey, params: Record<string, ReactNode>): ReactNode {
  return t(key)
    .split(/(\{\w+\})/)
    .map((part, i) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return <Fragment key={i}>{name !== undefined && name in params ? params[name] : part}</Fragment>;
    });
}

export const methodLabel = (m: SolverMethod | string) => tKnown(`solver.method.${m}`, m);

/**
 * How good the plan is, in a planner's words; the solver's own status is one click away. An edited
 * plan's solver figures are of the plan it was edited from, and a re-plan's of the part it
 * re-optimized: neither claims the solver's gap for itself.
 */
export function solverHeadline(plan: Plan): string {
  const s = plan.solver;
  if (plan.edits) {
    if (plan.solverTotalCost === undefined) return t('plan.editedNoBase');
    const rs = plan.summary.totalCost - plan.solverTotalCost;
    const pct = plan.solverTotalCost > 0 ? (rs / plan.solverTotalCost) * 100 : 0;
    return t('plan.edited', {
      total: formatRs(plan.summary.totalCost),
      delta: `${rs >= 0 ? '+' : '−'}${formatRs(Math.abs(rs))} (${pct >= 0 ? '+' : '−'}${Math.abs(pct).toFixed(2)} %)`,
      base: formatRs(plan.solverTotalCost),
    });
  }
  if (s.method.startsWith('re-plan')) return t('plan.replanned');
  if (s.method === 'rule-based' || s.method === 'rule-based fallback') return t('plan.ruleBased');
  if (s.gap === null) return t('plan.noBound');
  if (s.gap <= 1e-4 && /optimal/i.test(s.status)) return t('plan.optimal');
  return t('plan.withinGap', { gap: formatPct(s.gap) });
}
export const tableLabel = (name: TableName, fallback: string) => tKnown(`table.${name}`, fallback);
export const rakeStatusLabel = (s: string) => tKnown(`rakeStatus.${s}`, s);

const UNITS: Record<string, MessageKey> = {
  't/day': 'unit.tPerDay',
  wagons: 'unit.wagons',
  '₹/wagon·h': 'unit.rsPerWagonH',
  '₹/t·day': 'unit.rsPerTDay',
};
/** Units are symbols (t, h, ₹/t, km) except the few spelled in words. */
export const unitLabel = (u: string, lang: Lang = useLang.getState().lang) =>
  UNITS[u] ? translate(lang, UNITS[u]) : u;

/** A scenario column's heading with its unit, as the editor shows it. */
export function columnLabel(table: TableName, c: ColumnSpec): string {
  const base = tKnown(`field.${table}.${c.field}`, '') || tKnown(`field.${c.field}`, '');
  if (!base) return c.label;
  return c.unit ? `${base} [${unitLabel(c.unit)}]` : base;
}
