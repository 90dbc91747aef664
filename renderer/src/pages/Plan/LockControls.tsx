import { useState } from 'react';
import type { Plan } from '../../../../core/domain/plan';
import { Button } from '../../components/ui';
import { formatDateTime } from '../../lib/dates';
import { formatT } from '../../lib/format';
import { violationMessage } from '../../lib/refusalText';
import { t } from '../../i18n';
import { usePlanLoop } from './planLoopStore';

/**
 * Lock whole rakes, road lots or an order's assignment (kept exactly on re-planning); each click
 * is an undoable edit. The checker's complaints about a rake or lot are shown on its row.
 */
export function LockControls({ plan }: { plan: Plan }) {
  const apply = usePlanLoop((s) => s.apply);
  const busy = usePlanLoop((s) => s.busy);
  // Select stable references: a selector building a new array each call re-renders without end.
  const cursor = usePlanLoop((s) => s.cursor);
  const result = usePlanLoop((s) => s.result);
  const violations = cursor > 0 && result ? result.check.violations : [];
  const [order, setOrder] = useState('');
  const locked = plan.rakes.filter((r) => r.locked).length;
  const onRow = (prefix: string) => violations.filter((v) => v.where === prefix || v.where.startsWith(`${prefix},`));
  const orders = [
    ...new Set([...plan.rakes.flatMap((r) => r.lines.map((l) => l.order)), ...plan.road.map((r) => r.order)]),
  ].sort();
  return (
    <details className="rounded border border-slate-200 p-2 text-sm" open>
      <summary className="cursor-pointer font-medium">
        {t('locks.summary', {
          rakes: locked,
          road: plan.road.filter((r) => r.locked).length,
          orders: plan.lockedOrders?.length ?? 0,
        })}
      </summary>
      <div className="mt-2 max-h-72 overflow-auto" data-testid="lock-controls">
        <table className="w-full">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th>{t('locks.lock')}</th>
              <th>{t('col.rake')}</th>
              <th>{t('col.siding')}</th>
              <th>{t('locks.start')}</th>
              <th className="text-right">{t('col.load')}</th>
              <th>{t('locks.orders')}</th>
              <th>{t('locks.checker')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.rakes.map((r) => {
              const vs = onRow(`rake ${r.rakeId}`);
              return (
                <tr key={r.rakeId} className={`border-t border-slate-100 ${vs.length ? 'bg-red-50' : ''}`}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('locks.lockRake', { rake: r.rakeId })}
                      checked={Boolean(r.locked)}
                      disabled={busy !== null}
                      onChange={(e) => void apply({ op: 'lock', target: `rake:${r.rakeId}`, locked: e.target.checked })}
                    />
                  </td>
                  <td className="whitespace-nowrap font-mono">{r.rakeId}</td>
                  <td>{r.loadingPoint}</td>
                  <td className="whitespace-nowrap">{formatDateTime(r.loadingStart)}</td>
                  <td className="tabular whitespace-nowrap text-right">{formatT(r.loadT)}</td>
                  <td className="text-xs">{r.lines.map((l) => l.order).join(', ')}</td>
                  <td className="text-xs text-red-800" data-testid={vs.length ? 'row-violation' : undefined}>
                    {vs.map((v) => t('locks.rule', { rule: v.rule, message: violationMessage(v) })).join('; ')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {plan.road.length > 0 && (
          <table className="mt-2 w-full">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th>{t('locks.lock')}</th>
                <th>{t('locks.roadLot')}</th>
                <th className="text-right">{t('col.tonnes')}</th>
                <th>{t('locks.checker')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.road.map((r) => {
                const vs = onRow(`road ${r.stockyard} ${r.date}, order ${r.order}`);
                return (
                  <tr
                    key={`${r.stockyard}${r.date}${r.order}`}
                    className={`border-t border-slate-100 ${vs.length ? 'bg-red-50' : ''}`}
                  >
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t('locks.lockRoad', { yard: r.stockyard, date: r.date, order: r.order })}
                        checked={Boolean(r.locked)}
                        disabled={busy !== null}
                        onChange={(e) =>
                          void apply({
                            op: 'lock',
                            target: `road:${r.stockyard}:${r.date}:${r.order}`,
                            locked: e.target.checked,
                          })
                        }
                      />
                    </td>
                    <td>
                      {r.stockyard} · {r.date} · <span className="font-mono">{r.order}</span>
                    </td>
                    <td className="tabular text-right">{formatT(r.tonnes)}</td>
                    <td className="text-xs text-red-800">
                      {vs.map((v) => t('locks.rule', { rule: v.rule, message: violationMessage(v) })).join('; ')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
      <form
        className="mt-2 flex items-end gap-2"
        aria-label={t('locks.orderForm')}
        onSubmit={(e) => {
          e.preventDefault();
          const o = order || orders[0];
          if (o) void apply({ op: 'lock', target: `order:${o}`, locked: !plan.lockedOrders?.includes(o) });
        }}
      >
        <label className="flex flex-col">
          {t('locks.assignment')}
          <select
            aria-label={t('locks.orderToLock')}
            value={order || orders[0] || ''}
            onChange={(e) => setOrder(e.target.value)}
            className="rounded border px-1 py-1"
          >
            {orders.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="secondary" disabled={busy !== null || orders.length === 0}>
          {plan.lockedOrders?.includes(order || orders[0] || '') ? t('locks.unlockOrder') : t('locks.lockOrder')}
        </Button>
        {plan.lockedOrders?.length ? (
          <span className="text-xs text-slate-600">
            {t('locks.lockedOrders', { orders: plan.lockedOrders.join(', ') })}
          </span>
        ) : null}
      </form>
    </details>
  );
}
