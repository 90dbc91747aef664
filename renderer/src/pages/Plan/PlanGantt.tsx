import type { Plan } from '../../../../core/domain/plan';

/** Loading Gantt: one lane per loading point over the horizon, one bar per rake's loading. */
export function PlanGantt({ plan }: { plan: Plan }) {
  const t0 = Date.parse(plan.scenario.horizonStart);
  const spanH = plan.scenario.horizonDays * 24;
  const lanes = [...new Set(plan.rakes.map((r) => r.loadingPoint))].sort();
  if (lanes.length === 0) return <p className="text-sm text-slate-500">No loadings to show.</p>;
  const x = (iso: string) => Math.max(0, Math.min(100, ((Date.parse(iso) - t0) / 3.6e6 / spanH) * 100));
  return (
    <div className="space-y-1" data-testid="plan-gantt" aria-label="Loading schedule per loading point">
      <div className="ml-20 flex justify-between text-xs text-slate-500">
        {Array.from({ length: plan.scenario.horizonDays + 1 }, (_, d) => <span key={d}>day {d + 1 > plan.scenario.horizonDays ? '' : d + 1}</span>)}
      </div>
      {lanes.map((lp) => (
        <div key={lp} className="flex items-center gap-2">
          <span className="w-18 shrink-0 font-mono text-xs">{lp}</span>
          <div className="relative h-6 flex-1 rounded bg-slate-100">
            {plan.rakes.filter((r) => r.loadingPoint === lp).map((r) => (
              <div key={r.rakeId} title={`${r.rakeId}: ${r.loadingStart} → ${r.loadingEnd}, ${r.destinations.join(' + ')}`}
                className="absolute top-0.5 h-5 overflow-hidden rounded bg-brand-600 px-1 text-[10px] leading-5 text-white"
                style={{ left: `${x(r.loadingStart)}%`, width: `${Math.max(0.5, x(r.loadingEnd) - x(r.loadingStart))}%` }}>
                {r.rakeId}
              </div>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
