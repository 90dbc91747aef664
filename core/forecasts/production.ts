import type { Plan, ProductionSuggestion } from '../domain/plan';
import { productionClause } from '../domain/plan-notes';
import type { Scenario } from '../domain/scenario';
import type { DemandDay } from './indent';

const dayOf = (start: string, k: number) =>
  new Date(Date.parse(`${start.slice(0, 10)}T00:00:00Z`) + k * 86_400_000).toISOString().slice(0, 10);

/**
 * The production suggestion with the demand forecast: per product, the forecast new orders over
 * the next `days` days beyond the usable stock left after today's open orders, needed by the day
 * the forecast first exceeds that stock. Added to the plan's own suggestion (shortfalls of open
 * orders), or as a new line; `because` names the forecast's source.
 */
export function productionWithForecast(
  production: readonly ProductionSuggestion[],
  sc: Scenario,
  demand: readonly DemandDay[],
  days: number,
  source: string,
): ProductionSuggestion[] {
  const left = new Map<string, number>();
  for (const i of sc.inventory)
    left.set(i.product, (left.get(i.product) ?? 0) + Math.max(0, i.onHandT - i.safetyStockT));
  for (const o of sc.orders) left.set(o.product, Math.max(0, (left.get(o.product) ?? 0) - o.quantityT));
  const byDay = new Map<string, number[]>();
  for (const d of demand) {
    if (d.day < 0 || d.day >= days || !(d.tonnes > 0)) continue;
    const a = byDay.get(d.product) ?? new Array<number>(days).fill(0);
    a[d.day]! += d.tonnes;
    byDay.set(d.product, a);
  }
  const out = production.map((p) => ({ ...p }));
  for (const [product, perDay] of [...byDay].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    let stock = left.get(product) ?? 0;
    let short = 0;
    let first: number | null = null;
    perDay.forEach((t, k) => {
      const take = Math.min(stock, t);
      stock -= take;
      if (t - take > 1e-6) {
        short += t - take;
        first ??= k;
      }
    });
    if (short < 1) continue;
    const why = productionClause({ kind: 'forecast', days, tonnes: Math.round(short), source });
    const had = out.find((p) => p.product === product);
    if (had) {
      had.tonnes = Math.round((had.tonnes + short) * 1000) / 1000;
      had.because = `${had.because}; ${why}`;
    } else
      out.push({
        product,
        tonnes: Math.round(short * 1000) / 1000,
        neededBy: `${dayOf(sc.horizon.start, first!)}T00:00:00${sc.horizon.start.slice(19)}`,
        because: why,
      });
  }
  return out;
}

export function withForecastProduction(
  plan: Plan,
  sc: Scenario,
  demand: readonly DemandDay[],
  days: number,
  source: string,
): Plan {
  return { ...plan, production: productionWithForecast(plan.production, sc, demand, days, source) };
}
