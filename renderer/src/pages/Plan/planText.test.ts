import { createElement, type ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { SCENARIO_TABLES, TABLE_NAMES } from '../../../../core/domain/scenario-tables';
import { useLang } from '../../i18n';
import type { Plan } from '../../../../core/domain/plan';
import { formatPct, formatRs } from '../../lib/format';
import { columnLabel, methodLabel, solverHeadline, tableLabel, tKnown, tNodes } from './planText';

afterEach(() => useLang.setState({ lang: 'en' }));

describe('Plan page text from data values', () => {
  it('names every scenario table and column in English exactly as the files and the core do', () => {
    for (const name of TABLE_NAMES) {
      const spec = SCENARIO_TABLES[name];
      expect(tableLabel(name, '?')).toBe(spec.label);
      for (const c of spec.columns) expect(columnLabel(name, c), `${name}.${c.field}`).toBe(c.label);
    }
  });

  it('names them in Hindi with the unit kept as a symbol', () => {
    useLang.setState({ lang: 'hi' });
    const qty = SCENARIO_TABLES.orders.columns.find((c) => c.field === 'quantityT')!;
    expect(columnLabel('orders', qty)).toBe('मात्रा [t]');
    const road = SCENARIO_TABLES.stockyards.columns.find((c) => c.field === 'roadCapacityTPerDay')!;
    expect(columnLabel('stockyards', road)).toBe('सड़क क्षमता [t/दिन]');
    for (const name of TABLE_NAMES) {
      expect(tableLabel(name, '?')).toMatch(/[\u0900-\u097F]/);
      for (const c of SCENARIO_TABLES[name].columns) expect(columnLabel(name, c)).toMatch(/[\u0900-\u097F]/);
    }
    expect(methodLabel('rule-based')).toBe('नियम-आधारित');
  });

  it('shows a value the catalogue does not know as it came', () => {
    expect(methodLabel('quantum annealing')).toBe('quantum annealing');
    expect(tKnown('compare.row.newKpi', 'New KPI')).toBe('New KPI');
  });

  it('puts elements into a sentence in the word order of the language', () => {
    const strong = createElement('strong', null, '+₹5');
    const parts = (key: 'verdict.delta') =>
      (tNodes(key, { total: '₹100', delta: strong }) as ReactElement<{ children: unknown }>[]).map((p) =>
        p.props.children === strong ? '<delta>' : p.props.children,
      );
    expect(parts('verdict.delta').join('')).toBe('Total ₹100: <delta> against the saved plan');
    useLang.setState({ lang: 'hi' });
    expect(parts('verdict.delta').join('')).toBe('कुल ₹100: सहेजी गई योजना की तुलना में <delta>');
  });
});

describe("the plan's headline claims the solver's gap only for the solver's own plan", () => {
  const plan = (p: { method?: string; edits?: number; solverTotalCost?: number }) =>
    ({
      solver: { method: p.method ?? 'milp', status: 'Time limit reached', gap: 0.001 },
      summary: { totalCost: 1_050_000 },
      ...(p.edits ? { edits: p.edits } : {}),
      ...(p.solverTotalCost !== undefined ? { solverTotalCost: p.solverTotalCost } : {}),
    }) as Plan;

  it("the solver's plan: within its gap", () => {
    expect(solverHeadline(plan({}))).toBe(`Within ${formatPct(0.001)} of the best possible plan.`);
  });

  it("an edited plan: its cost against the optimizer's plan, no gap", () => {
    expect(solverHeadline(plan({ edits: 2, solverTotalCost: 1_000_000 }))).toBe(
      `Edited by the planner: total ${formatRs(1_050_000)}, +${formatRs(50_000)} (+5.00 %) against the plan the optimizer returned (${formatRs(1_000_000)}).`,
    );
    expect(solverHeadline(plan({ edits: 1 }))).toBe(
      'Edited by the planner: how close to the best possible plan is not known.',
    );
  });

  it('a re-plan: named as one in both languages, with no gap claimed', () => {
    const re = plan({ method: 're-plan (keep + re-optimize)' });
    expect(solverHeadline(re)).not.toMatch(/Within/);
    expect(solverHeadline(re)).toMatch(/^Re-planned from a base plan/);
    expect(methodLabel('re-plan (keep + re-optimize)')).toBe('re-plan (keep + re-optimize)');
    expect(methodLabel('re-plan (locks only)')).toBe('re-plan (locks only)');
    useLang.setState({ lang: 'hi' });
    for (const m of ['re-plan (keep)', 're-plan (keep + re-optimize)', 're-plan (locks only)'])
      expect(methodLabel(m)).toMatch(/^पुनर्योजना \(/);
    expect(solverHeadline(re)).toMatch(/[\u0900-\u097F]/);
  });
});
