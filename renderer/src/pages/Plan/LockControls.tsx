import type { Plan } from '../../../../core/domain/plan';
import { formatT } from '../../lib/format';
import { usePlanLoop } from './planLoopStore';

/** Lock whole rakes (kept exactly on re-planning); each click is an undoable edit. */
export function LockControls({ plan }: { plan: Plan }) {
  const apply = usePlanLoop((s) => s.apply);
  const busy = usePlanLoop((s) => s.busy);
  const locked = plan.rakes.filter((r) => r.locked).length;
  return (
    <details className="rounded border border-slate-200 p-2 text-sm" open>
      <summary className="cursor-pointer font-medium">Locks ({locked} rake{locked === 1 ? '' : 's'} locked{plan.lockedOrders?.length ? `, ${plan.lockedOrders.length} orders` : ''})</summary>
      <div className="mt-2 max-h-64 overflow-auto" data-testid="lock-controls">
        <table className="w-full">
          <thead className="text-left text-xs uppercase text-slate-500"><tr><th>Lock</th><th>Rake</th><th>Siding</th><th>Start</th><th className="text-right">Load</th><th>Orders</th></tr></thead>
          <tbody>{plan.rakes.map((r) => (
            <tr key={r.rakeId} className="border-t border-slate-100">
              <td><input type="checkbox" aria-label={`Lock rake ${r.rakeId}`} checked={Boolean(r.locked)} disabled={busy !== null}
                onChange={(e) => void apply({ op: 'lock', target: `rake:${r.rakeId}`, locked: e.target.checked })} /></td>
              <td className="font-mono">{r.rakeId}</td><td>{r.loadingPoint}</td><td>{r.loadingStart.slice(5, 16).replace('T', ' ')}</td>
              <td className="tabular text-right">{formatT(r.loadT)}</td><td className="text-xs">{r.lines.map((l) => l.order).join(', ')}</td>
            </tr>
          ))}</tbody>
        </table>
      </div>
    </details>
  );
}
