// Edit latency on a week plan: every edit the planner makes is re-applied, priced and checked.
// Run: npm run bench:plan-edit
import { optimize } from '../core/optimizer/optimize';
import { applyEdits } from '../core/plans/edit';
import type { PlanEdit } from '../core/contract/api/plan-loop';
import { generateScenario } from '../core/synth/scenario';

async function main(): Promise<void> {
  const sc = generateScenario({ seed: 1, size: 'week' });
  const { plan } = await optimize(sc, { timeLimitS: 20 });
  console.log(
    `week plan: ${sc.orders.length} orders, ${plan.rakes.length} rakes, ${plan.road.length} road lots (${plan.solver.method})`,
  );
  const moves: PlanEdit[] = plan.rakes.slice(1).map((r) => ({
    op: 'move',
    order: r.lines[0]!.order,
    from: `rake:${r.rakeId}`,
    to: 'unserved',
  }));
  for (const n of [1, 10, Math.min(50, moves.length)]) {
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      applyEdits(sc, plan, moves.slice(0, n));
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${n} edit(s): median ${times[7]!.toFixed(1)} ms, max ${times[14]!.toFixed(1)} ms (apply + price + check)`,
    );
  }
}

void main();
