import type { PlanComparison } from '../../../../core/contract/api/plans';
import { Button, Card } from '../../components/ui';
import { formatRs } from '../../lib/format';

const fmt = (v: number, unit: string) => (unit === '₹' ? formatRs(v) : unit === '%' ? `${v.toFixed(1)} %` : `${Math.round(v).toLocaleString('en-IN')} ${unit}`);

/** Two plans side by side, every KPI and cost category with the difference b − a. */
export function PlanCompare({ cmp, onClose }: { cmp: PlanComparison; onClose: () => void }) {
  return (
    <Card title="Compare plans" actions={<Button variant="secondary" onClick={onClose}>Close</Button>}>
      <table className="w-full text-sm" data-testid="plan-compare">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr><th /><th className="text-right">A: {cmp.a.name}</th><th className="text-right">B: {cmp.b.name}</th><th className="text-right">B − A</th></tr>
        </thead>
        <tbody>
          {cmp.rows.map((r) => (
            <tr key={r.key} className="border-t border-slate-100">
              <td>{r.label}</td>
              <td className="tabular text-right">{fmt(r.a, r.unit)}</td>
              <td className="tabular text-right">{fmt(r.b, r.unit)}</td>
              <td className={`tabular text-right ${r.diff > 0 ? 'text-red-700' : r.diff < 0 ? 'text-green-700' : ''}`}>{r.diff > 0 ? '+' : ''}{fmt(r.diff, r.unit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
