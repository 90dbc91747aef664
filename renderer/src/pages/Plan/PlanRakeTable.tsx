import { Fragment, useState } from 'react';
import type { PlannedRake } from '../../../../core/domain/plan';
import { formatPct, formatRs, formatT } from '../../lib/format';

const time = (iso: string) => iso.slice(5, 16).replace('T', ' ');

/** One row per rake; click to expand to its wagons per order. */
export function PlanRakeTable({ rakes }: { rakes: PlannedRake[] }) {
  const [open, setOpen] = useState<string | null>(null);
  if (rakes.length === 0) return <p className="text-sm text-slate-500">No rakes in this plan.</p>;
  return (
    <table className="w-full text-sm" data-testid="plan-rakes">
      <thead className="text-left text-xs uppercase text-slate-500">
        <tr><th>Rake</th><th>Siding</th><th>Loading</th><th>Destinations</th><th className="text-right">Load</th><th className="text-right">Utilisation</th><th className="text-right">Freight + idle</th><th className="text-right">Demurrage</th></tr>
      </thead>
      <tbody>
        {rakes.map((r) => (
          <Fragment key={r.rakeId}>
            <tr className="cursor-pointer border-t border-slate-100 hover:bg-slate-50" onClick={() => setOpen(open === r.rakeId ? null : r.rakeId)} aria-expanded={open === r.rakeId}>
              <td className="font-mono">{open === r.rakeId ? '▾' : '▸'} {r.rakeId} <span className="text-slate-500">{r.wagonType}</span></td>
              <td>{r.loadingPoint}</td>
              <td className="tabular">{time(r.loadingStart)} → {time(r.loadingEnd)}</td>
              <td>{r.destinations.join(' + ')}</td>
              <td className="tabular text-right">{formatT(r.loadT)} / {formatT(r.capacityT)}</td>
              <td className="tabular text-right">{formatPct(r.utilisation)}</td>
              <td className="tabular text-right">{formatRs(r.railFreightRs + r.idleFreightRs)}</td>
              <td className="tabular text-right">{formatRs(r.demurrageRs)}</td>
            </tr>
            {open === r.rakeId && (
              <tr><td colSpan={8} className="bg-slate-50 p-2">
                <table className="w-full text-xs">
                  <thead className="text-left text-slate-500"><tr><th>Order</th><th>Product</th><th>Destination</th><th className="text-right">Wagons</th><th className="text-right">Tonnes</th><th>Stockyards</th><th>ETA</th><th className="text-right">Days late</th></tr></thead>
                  <tbody>
                    {r.lines.map((l) => (
                      <tr key={l.order}>
                        <td className="font-mono">{l.order}</td><td>{l.product}</td><td>{l.destination}</td>
                        <td className="tabular text-right">{l.wagons}</td><td className="tabular text-right">{formatT(l.tonnes)}</td>
                        <td>{l.sources.map((s) => `${s.stockyard} ${formatT(s.tonnes)}`).join(', ')}</td>
                        <td className="tabular">{time(l.eta)}</td><td className="tabular text-right">{l.lateDays}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </td></tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
