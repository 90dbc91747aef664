import type { PlanComparison } from '../../../../core/contract/api/plans';
import { Button, Card } from '../../components/ui';
import { formatRs } from '../../lib/format';
import { t } from '../../i18n';
import { tKnown } from './planText';

const fmt = (v: number, unit: string) => {
  if (unit === '₹') return formatRs(v);
  if (unit === '%') return `${v.toFixed(1)} %`;
  const n = Math.round(v).toLocaleString('en-IN');
  return unit === 'rakes' ? t('compare.rakes', { n }) : `${n} ${unit}`;
};
/** A difference with its sign in front of the unit: `+₹49,31,615`, `−₹54,737` (a true minus). */
const signed = (v: number, unit: string) => (v > 0 ? '+' : v < 0 ? '−' : '') + fmt(Math.abs(v), unit);
const VERDICT_CLASS = { better: 'text-green-700', worse: 'text-red-700', same: 'text-slate-500', neutral: '' } as const;

/**
 * Two plans side by side, every KPI and cost category with the difference B − A, coloured by
 * what is better for the plant (green: B is better on that row; red: worse).
 */
export function PlanCompare({ cmp, onClose }: { cmp: PlanComparison; onClose: () => void }) {
  return (
    <Card
      title={t('compare.title')}
      actions={
        <Button variant="secondary" onClick={onClose}>
          {t('compare.close')}
        </Button>
      }
    >
      <table className="w-full text-sm" data-testid="plan-compare">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th />
            <th className="text-right">{t('compare.colA', { name: cmp.a.name })}</th>
            <th className="text-right">{t('compare.colB', { name: cmp.b.name })}</th>
            <th className="text-right">B − A</th>
          </tr>
        </thead>
        <tbody>
          {cmp.rows.map((r) => (
            <tr key={r.key} className="border-t border-slate-100">
              <td>{tKnown(`compare.row.${r.key}`, r.label)}</td>
              <td className="tabular text-right">{fmt(r.a, r.unit)}</td>
              <td className="tabular text-right">{fmt(r.b, r.unit)}</td>
              <td
                className={`tabular text-right ${VERDICT_CLASS[r.verdict]}`}
                data-testid={`compare-diff-${r.key}`}
                data-verdict={r.verdict}
              >
                {r.verdict === 'same' ? '±0' : signed(r.diff, r.unit)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
