import { useState } from 'react';
import type { Plan } from '../../../../core/domain/plan';
import { Button } from '../../components/ui';
import { formatDateTime } from '../../lib/dates';
import { formatRs } from '../../lib/format';
import { usePlanLoop } from './planLoopStore';
import { t } from '../../i18n';

/** Move a rake to another siding or start time (local clock of the plan, as written). */
export function RakeForm({ plan }: { plan: Plan }) {
  const apply = usePlanLoop((s) => s.apply);
  const busy = usePlanLoop((s) => s.busy);
  const [rakeId, setRakeId] = useState('');
  const rake = plan.rakes.find((r) => r.rakeId === rakeId) ?? plan.rakes[0];
  const [lp, setLp] = useState('');
  const [start, setStart] = useState('');
  const lps = [...new Set(plan.rakes.map((r) => r.loadingPoint))];
  if (!rake) return null;
  return (
    <form
      className="flex flex-wrap items-end gap-2 text-sm"
      aria-label={t('edit.rakeForm')}
      onSubmit={(e) => {
        e.preventDefault();
        void apply({
          op: 'rake',
          rake: rake.rakeId,
          ...(lp ? { loadingPoint: lp } : {}),
          ...(start ? { loadingStart: start } : {}),
        });
      }}
    >
      <label className="flex flex-col">
        {t('col.rake')}
        <select
          aria-label={t('edit.rakeToMove')}
          value={rake.rakeId}
          onChange={(e) => {
            setRakeId(e.target.value);
            setStart('');
            setLp('');
          }}
          className="rounded border px-1 py-1"
        >
          {plan.rakes.map((r) => (
            <option key={r.rakeId} value={r.rakeId}>
              {t('edit.rakeOption', {
                rake: r.rakeId,
                siding: r.loadingPoint,
                time: formatDateTime(r.placement),
              })}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        {t('edit.loadingPoint')}
        <select
          aria-label={t('edit.loadingPoint')}
          value={lp || rake.loadingPoint}
          onChange={(e) => setLp(e.target.value)}
          className="rounded border px-1 py-1"
        >
          {lps.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        {t('edit.loadingStartIso')}
        <input
          aria-label={t('col.loadingStart')}
          value={start || rake.loadingStart}
          onChange={(e) => setStart(e.target.value)}
          className="w-64 rounded border px-1 py-1 font-mono"
        />
      </label>
      <Button type="submit" disabled={busy !== null}>
        {t('edit.moveRake')}
      </Button>
      <span className="text-xs text-slate-500">{t('edit.demurrageNow', { cost: formatRs(rake.demurrageRs) })}</span>
    </form>
  );
}
