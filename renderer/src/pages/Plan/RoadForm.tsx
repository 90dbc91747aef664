import { useState } from 'react';
import type { Plan } from '../../../../core/domain/plan';
import { Combobox } from '../../components/combobox/Combobox';
import { Button } from '../../components/ui';
import { BadTonnes } from './BadTonnes';
import { usePlanLoop } from './planLoopStore';
import { parseTonnes } from './tonnesInput';
import { t } from '../../i18n';

/** Add, change or remove (0 t) a road lot: an order's trucks from a stockyard on a day. */
export function RoadForm({ plan }: { plan: Plan }) {
  const apply = usePlanLoop((s) => s.apply);
  const busy = usePlanLoop((s) => s.busy);
  // Every order the plan names, found by id, destination or product: a plant's plan names ~2,000.
  const orders = [
    ...new Map(
      [...plan.unserved, ...plan.road, ...plan.rakes.flatMap((r) => r.lines)].map((l) => [
        l.order,
        { value: l.order, label: l.order, search: `${l.destination} ${l.product}` },
      ]),
    ).values(),
  ];
  const yards = [
    ...new Set([
      ...plan.road.map((r) => r.stockyard),
      ...plan.rakes.flatMap((r) => r.lines.flatMap((l) => l.sources.map((s) => s.stockyard))),
    ]),
  ].sort();
  const days = [...Array(plan.scenario.horizonDays).keys()].map((d) =>
    new Date(Date.parse(`${plan.scenario.horizonStart.slice(0, 10)}T00:00:00Z`) + d * 86_400_000)
      .toISOString()
      .slice(0, 10),
  );
  const [f, setF] = useState<{ order?: string; yard?: string; date?: string; tonnes: string; bad?: boolean }>({
    tonnes: '',
  });
  const order = f.order ?? orders[0]?.value ?? '';
  const yard = f.yard ?? yards[0] ?? '';
  const date = f.date ?? days[0] ?? '';
  return (
    <form
      className="flex flex-wrap items-end gap-2 text-sm"
      aria-label={t('edit.roadForm')}
      onSubmit={(e) => {
        e.preventDefault();
        const amount = parseTonnes(f.tonnes, { zeroAllowed: true });
        setF({ ...f, bad: !amount.ok });
        if (order && yard && date && amount.ok)
          void apply({ op: 'road', order, stockyard: yard, date, tonnes: amount.tonnes });
      }}
    >
      <label className="flex flex-col">
        {t('edit.roadOrder')}
        <Combobox
          label={t('edit.roadOrderAria')}
          options={orders}
          value={order}
          onChange={(o) => setF({ ...f, order: o })}
          detail={(o) => o.search}
        />
      </label>
      <label className="flex flex-col">
        {t('edit.from')}
        <select
          aria-label={t('edit.roadYard')}
          value={yard}
          onChange={(e) => setF({ ...f, yard: e.target.value })}
          className="rounded border px-1 py-1"
        >
          {yards.map((y) => (
            <option key={y}>{y}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        {t('edit.on')}
        <select
          aria-label={t('edit.roadDate')}
          value={date}
          onChange={(e) => setF({ ...f, date: e.target.value })}
          className="rounded border px-1 py-1"
        >
          {days.map((d) => (
            <option key={d}>{d}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        {t('edit.tonnesRemove')}
        <input
          aria-label={t('edit.roadTonnes')}
          inputMode="decimal"
          value={f.tonnes}
          onChange={(e) => setF({ ...f, tonnes: e.target.value })}
          aria-invalid={f.bad || undefined}
          className="w-24 rounded border px-1 py-1"
        />
      </label>
      <Button type="submit" variant="secondary" disabled={busy !== null || f.tonnes === ''}>
        {t('edit.setRoad')}
      </Button>
      {f.bad && <BadTonnes text={t('edit.badRoadTonnes', { text: f.tonnes })} />}
    </form>
  );
}
