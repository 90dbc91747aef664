import { useEffect, useMemo, useState } from 'react';
import type { Plan } from '../../../../core/domain/plan';
import { Combobox } from '../../components/combobox/Combobox';
import { Button, Card, ErrorBanner } from '../../components/ui';
import { formatDateTime, formatInstant } from '../../lib/dates';
import { formatRs, formatT } from '../../lib/format';
import { DisruptionForm } from './DisruptionForm';
import { LockControls } from './LockControls';
import { PlanEditorVerdict } from './PlanEditorVerdict';
import { issueBlock, usePlanLoop } from './planLoopStore';
import { usePlans } from './planStore';
import { parseTonnes } from './tonnesInput';
import { t } from '../../i18n';

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement &&
  (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);

/**
 * Edit the plan shown: move an order's tonnes between rakes, road and unserved, move a rake in
 * siding or time; each edit is checked and priced by the host at once. Undo/redo (Ctrl+Z /
 * Ctrl+Y), save as a new version, lock decisions, enter disruptions and re-plan, issue, print.
 */
export function PlanEditor({ id, plan }: { id: string; plan: Plan }) {
  const loop = usePlanLoop();
  const item = usePlans((s) => s.plans.find((p) => p.id === id));
  const attach = usePlanLoop((s) => s.attach);
  // Opened from the list, the plan came with the host's verdict: no second call to check it.
  const opened = usePlans((s) => (s.current?.id === id ? s.current.check : undefined));
  useEffect(() => {
    attach(id, opened);
  }, [id, attach, opened]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isTyping(e.target)) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        void usePlanLoop.getState().undo();
      } else if (k === 'y' || (k === 'z' && e.shiftKey)) {
        e.preventDefault();
        void usePlanLoop.getState().redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const working = loop.planId === id && loop.result ? loop.result.plan : plan;
  const issued = Boolean(item?.issuedAt);
  const block = issueBlock(loop, issued);
  return (
    <Card title={t('edit.title')} className="space-y-3">
      <div data-testid="plan-editor" className="space-y-3">
        <p className="text-sm text-slate-600">
          {t('edit.version', { n: item?.version ?? 1 })}
          {issued && (
            <span data-testid="plan-issued" className="ml-2 rounded bg-emerald-100 px-2 py-0.5 text-emerald-800">
              {t('edit.issued', { time: formatInstant(item!.issuedAt!) })}
            </span>
          )}
        </p>
        <MoveForm plan={working} />
        <RakeForm plan={working} />
        <RoadForm plan={working} />
        <div className="flex flex-wrap items-center gap-2">
          <Button
            variant="secondary"
            disabled={loop.cursor === 0 || loop.busy !== null}
            onClick={() => void loop.undo()}
            title={t('edit.undoKeys')}
          >
            {t('edit.undo')}
          </Button>
          <Button
            variant="secondary"
            disabled={loop.cursor >= loop.edits.length || loop.busy !== null}
            onClick={() => void loop.redo()}
            title={t('edit.redoKeys')}
          >
            {t('edit.redo')}
          </Button>
          <span className="text-sm text-slate-600" data-testid="edit-count">
            {editCount(loop.cursor, loop.edits.length - loop.cursor)}
          </span>
          <Button disabled={loop.cursor === 0 || loop.busy !== null} onClick={() => void loop.saveVersion()}>
            {t('edit.saveVersion')}
          </Button>
          {loop.busy && (
            <span role="status" className="text-sm text-slate-500">
              {t(`edit.busy.${loop.busy}`)}
            </span>
          )}
        </div>
        <PlanEditorVerdict />
        <ErrorBanner error={loop.error} />
        <LockControls plan={working} />
        <DisruptionForm plan={working} />
        <div className="flex flex-wrap gap-2 border-t border-slate-100 pt-3">
          <Button
            variant="secondary"
            disabled={block !== null}
            onClick={() => void loop.issue()}
            title={t('edit.issueTitle')}
          >
            {t('edit.issue')}
          </Button>
          <Button variant="secondary" onClick={() => void loop.documents('pdf')}>
            {t('edit.docsPdf')}
          </Button>
          <Button variant="secondary" onClick={() => void loop.documents('xlsx')}>
            {t('edit.docsXlsx')}
          </Button>
          {block === 'broken' && (
            <p data-testid="issue-blocked" className="basis-full text-sm text-red-800">
              {t('edit.issueBroken')}
            </p>
          )}
        </div>
      </div>
    </Card>
  );
}

/** "3 edits (1 to redo)": the count of edits applied and of those undone. */
function editCount(n: number, redo: number): string {
  if (redo > 0) return n === 1 ? t('edit.countOneRedo', { redo }) : t('edit.countManyRedo', { n, redo });
  return n === 1 ? t('edit.countOne') : t('edit.countMany', { n });
}

/** Places an order's tonnes can be: its rakes and road lots, any rake, unserved. */
function MoveForm({ plan }: { plan: Plan }) {
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

/** Move a rake to another siding or start time (local clock of the plan, as written). */
function RakeForm({ plan }: { plan: Plan }) {
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

/** Add, change or remove (0 t) a road lot: an order's trucks from a stockyard on a day. */
function RoadForm({ plan }: { plan: Plan }) {
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

/** Why the typed tonnes were not sent, under the form that has them. */
function BadTonnes({ text }: { text: string }) {
  return (
    <p role="alert" className="w-full text-xs text-red-700 dark:text-red-300">
      {text}
    </p>
  );
}
