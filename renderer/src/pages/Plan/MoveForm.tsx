import { useMemo, useState } from 'react';
import type { Plan } from '../../../../core/domain/plan';
import { Combobox } from '../../components/combobox/Combobox';
import { Button } from '../../components/ui';
import { formatT } from '../../lib/format';
import { BadTonnes } from './BadTonnes';
import { usePlanLoop } from './planLoopStore';
import { parseTonnes } from './tonnesInput';
import { t } from '../../i18n';

/** Places an order's tonnes can be: its rakes and road lots, any rake, unserved. */
export function MoveForm({ plan }: { plan: Plan }) {
  const apply = usePlanLoop((s) => s.apply);
  const busy = usePlanLoop((s) => s.busy);
  const shipments = useMemo(
    () => [
      ...plan.rakes.flatMap((r) =>
        r.lines.map((l) => ({
          value: `${l.order}|rake:${r.rakeId}`,
          search: `${l.destination} ${l.product}`,
          label: t('edit.onRake', { order: l.order, rake: r.rakeId, tonnes: formatT(l.tonnes) }),
        })),
      ),
      ...plan.road.map((r) => ({
        value: `${r.order}|road:${r.stockyard}:${r.date}`,
        search: `${r.destination} ${r.product}`,
        label: t('edit.byRoad', { order: r.order, yard: r.stockyard, date: r.date, tonnes: formatT(r.tonnes) }),
      })),
      ...plan.unserved.map((u) => ({
        value: `${u.order}|unserved`,
        search: `${u.destination} ${u.product}`,
        label: t('edit.unservedLot', { order: u.order, tonnes: formatT(u.tonnes) }),
      })),
    ],
    [plan],
  );
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('unserved');
  const [tonnes, setTonnes] = useState('');
  const picked = from || shipments[0]?.value || '';
  const [order, fromPlace] = picked.split('|') as [string, string];
  const targets = [
    ...plan.rakes.map((r) => `rake:${r.rakeId}`),
    ...[...new Set(plan.road.map((r) => `road:${r.stockyard}:${r.date}`))],
    'unserved',
  ].filter((p) => p !== fromPlace);
  const target = targets.includes(to) ? to : (targets[0] ?? 'unserved');
  // Blank moves all of it; anything typed must be a tonnage above 0.
  const amount = tonnes.trim() === '' ? null : parseTonnes(tonnes, { zeroAllowed: false });
  const [bad, setBad] = useState(false);
  return (
    <form
      className="flex flex-wrap items-end gap-2 text-sm"
      aria-label={t('edit.moveForm')}
      onSubmit={(e) => {
        e.preventDefault();
        setBad(amount?.ok === false);
        if (picked && amount?.ok !== false)
          void apply({ op: 'move', order, from: fromPlace, to: target, ...(amount ? { tonnes: amount.tonnes } : {}) });
      }}
    >
      <label className="flex flex-col">
        {t('edit.moveOrder')}
        <Combobox
          label={t('edit.orderToMove')}
          options={shipments}
          value={picked}
          onChange={setFrom}
          detail={(s) => s.search}
        />
      </label>
      <label className="flex flex-col">
        {t('edit.to')}
        <select
          aria-label={t('edit.moveTo')}
          value={target}
          onChange={(e) => setTo(e.target.value)}
          className="rounded border px-1 py-1"
        >
          {targets.map((p) => (
            <option key={p} value={p}>
              {targetLabel(p)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        {t('edit.tonnesAll')}
        <input
          aria-label={t('edit.tonnesToMove')}
          inputMode="decimal"
          value={tonnes}
          onChange={(e) => setTonnes(e.target.value)}
          aria-invalid={bad || undefined}
          className="w-28 rounded border px-1 py-1"
        />
      </label>
      <Button type="submit" disabled={!picked || busy !== null}>
        {t('edit.move')}
      </Button>
      {bad && <BadTonnes text={t('edit.badMoveTonnes', { text: tonnes })} />}
    </form>
  );
}

/** A place tonnes can move to (`rake:RK-1`, `road:SY-1:2026-11-23`, `unserved`) in words. */
function targetLabel(place: string): string {
  const [kind, a = '', b = ''] = place.split(':');
  if (kind === 'rake') return t('edit.targetRake', { rake: place.slice('rake:'.length) });
  if (kind === 'road') return t('edit.targetRoad', { yard: a, date: b });
  return t('edit.unserved');
}
