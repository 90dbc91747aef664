import { Fragment, useMemo, useState } from 'react';
import type { Plan } from '../../../../../core/domain/plan';
import { formatDateAt, formatDateTime, formatHourAt, offsetMinutes } from '../../../lib/dates';
import { formatPct, formatRs, formatT } from '../../../lib/format';
import { t } from '../../../i18n';
import { usePlanLookup } from '../planLookup';
import { labelEndH, layoutGantt, shortRakeId, ticks, windowFor, type GanttBar } from './ganttLayout';

/**
 * Loading Gantt: one lane per siding berth over real dates. Each rake's bar is its loading, ending
 * at its departure; its wait since placement (in the yard, while the berth may hold another rake) is
 * the hatched strip under the lane; time on demurrage is red. Bars are focusable
 * (Tab reaches the chart, arrow keys move between rakes) and show the rake's details on focus
 * or hover.
 */
export function LoadingGantt({ plan }: { plan: Plan }) {
  const lookup = usePlanLookup();
  const startMs = Date.parse(plan.scenario.horizonStart);
  const off = offsetMinutes(plan.scenario.horizonStart);
  const days = plan.scenario.horizonDays;
  const [zoomDay, setZoomDay] = useState<number | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const lanes = useMemo(
    () => layoutGantt(plan.rakes, lookup.sidings, startMs, lookup.freeTimeH),
    [plan.rakes, lookup, startMs],
  );
  const { fromH, toH } = windowFor(days, zoomDay);
  const span = toH - fromH;
  const pct = (h: number) => ((Math.max(fromH, Math.min(toH, h)) - fromH) / span) * 100;
  const visible = (b: GanttBar) => b.departH > fromH && b.placedH < toH;
  const order = lanes.flatMap((l) => l.bars.filter(visible).map((b) => b.rake.rakeId));
  const activeBar = lanes.flatMap((l) => l.bars).find((b) => b.rake.rakeId === active) ?? null;
  const focusIdx = Math.max(0, active ? order.indexOf(active) : 0);
  const destLabel = (codes: string[]) => codes.map((c) => lookup.destinationName(c) ?? c).join(' + ');

  function onBarKey(e: React.KeyboardEvent, rakeId: string) {
    const i = order.indexOf(rakeId);
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? i + 1
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? i - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? order.length - 1
              : null;
    if (next === null) return;
    e.preventDefault();
    const id = order[Math.max(0, Math.min(order.length - 1, next))];
    if (id === undefined) return;
    setActive(id);
    (document.querySelector(`[data-gantt-bar="${CSS.escape(id)}"]`) as HTMLElement | null)?.focus();
  }

  if (lanes.length === 0) return <p className="text-sm text-slate-500">{t('gantt.empty')}</p>;
  return (
    <div className="space-y-2" data-testid="plan-gantt">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-2">
          {t('gantt.show')}
          <select
            aria-label={t('gantt.zoom')}
            value={zoomDay ?? ''}
            onChange={(e) => setZoomDay(e.target.value === '' ? null : Number(e.target.value))}
            className="rounded border border-slate-300 bg-white px-2 py-1"
          >
            <option value="">{t('gantt.wholeHorizon', { days })}</option>
            {Array.from({ length: days }, (_, d) => (
              <option key={d} value={d}>
                {formatDateAt(startMs + d * 864e5, off)}
              </option>
            ))}
          </select>
        </label>
        <Legend />
      </div>
      <div className="overflow-x-auto">
        <div className="min-w-[720px]" role="group" aria-label={t('gantt.label')}>
          <div className="relative ml-40 h-8 border-b border-slate-300 text-[11px] text-slate-600" aria-hidden="true">
            {ticks(fromH, toH).map((tk) => (
              <span
                key={tk.h}
                // The window's last tick ends at the edge instead of being cut in half by it.
                className={`absolute top-0 whitespace-nowrap ${tk.h >= toH ? '-translate-x-full text-right' : '-translate-x-1/2'} ${tk.major ? 'font-semibold' : ''}`}
                style={{ left: `${pct(tk.h)}%` }}
              >
                {tk.major || span <= 24
                  ? tk.major
                    ? formatDateAt(startMs + tk.h * 3.6e6, off).replace(/ \d{4}$/, '')
                    : formatHourAt(startMs + tk.h * 3.6e6, off)
                  : formatHourAt(startMs + tk.h * 3.6e6, off)}
                {/* The tick mark under the label's centre (its end, for the last), where the hour is. */}
                <span className={`block h-2 w-px bg-slate-400 ${tk.h >= toH ? 'ml-auto' : 'mx-auto'}`} />
              </span>
            ))}
          </div>
          {lanes.map((lane) => (
            <div
              key={`${lane.siding}-${lane.berth}`}
              className="flex items-stretch border-b border-slate-100"
              data-testid={`gantt-lane-${lane.siding}-${lane.berth}`}
            >
              <div className="w-40 shrink-0 truncate py-1 pr-2 text-xs" title={lane.sidingName}>
                <span className="font-mono font-medium">{lane.siding}</span>
                {lane.berths > 1 && <span className="text-slate-500"> · {t('gantt.berth', { n: lane.berth })}</span>}
                {lane.overflow && (
                  <span className="ml-1 text-red-700" title={t('gantt.overflow')}>
                    ⚠
                  </span>
                )}
                {lane.bars.length === 0 && <span className="block text-[10px] text-slate-500">{t('gantt.idle')}</span>}
              </div>
              <div className="relative h-10 flex-1 bg-slate-50">
                {ticks(fromH, toH)
                  .filter((tk) => tk.major)
                  .map((tk) => (
                    <span
                      key={tk.h}
                      aria-hidden="true"
                      className="absolute inset-y-0 w-px bg-slate-200"
                      style={{ left: `${pct(tk.h)}%` }}
                    />
                  ))}
                {lane.bars.map((b, i) => {
                  if (!visible(b)) return null;
                  const id = b.rake.rakeId;
                  const left = pct(b.loadStartH);
                  const width = Math.max(0.4, pct(b.departH) - left);
                  const waitLeft = pct(b.placedH);
                  const demFrom = b.demurrageFromH;
                  const demW =
                    demFrom === null ? 0 : ((pct(b.departH) - pct(Math.max(demFrom, b.loadStartH))) / width) * 100;
                  // Demurrage that began while the rake waited: the wait strip's red end.
                  const waitDemLeft = demFrom !== null && demFrom < b.loadStartH ? pct(demFrom) : null;
                  const label = `${id} → ${destLabel(b.rake.destinations)}`;
                  // On the bar: the rake's number and destination codes, beside it when the bar is too short.
                  const short = `${shortRakeId(id)} → ${b.rake.destinations.join('+')}`;
                  return (
                    <Fragment key={id}>
                      {pct(b.loadStartH) > waitLeft && (
                        <span
                          aria-hidden="true"
                          data-testid={`gantt-wait-${id}`}
                          className="absolute bottom-0 h-1 bg-[repeating-linear-gradient(45deg,#94a3b8_0_3px,#e2e8f0_3px_6px)] dark:bg-[repeating-linear-gradient(45deg,#64748b_0_3px,#334155_3px_6px)]"
                          style={{ left: `${waitLeft}%`, width: `${pct(b.loadStartH) - waitLeft}%` }}
                        />
                      )}
                      {waitDemLeft !== null && (
                        <span
                          aria-hidden="true"
                          className="absolute bottom-0 h-1 bg-red-600"
                          style={{ left: `${waitDemLeft}%`, width: `${pct(b.loadStartH) - waitDemLeft}%` }}
                        />
                      )}
                      <button
                        type="button"
                        data-gantt-bar={id}
                        data-testid={`gantt-bar-${id}`}
                        tabIndex={order[focusIdx] === id ? 0 : -1}
                        aria-label={`${label}, ${t('gantt.placed')} ${formatDateTime(b.rake.placement)}, ${t('gantt.loading')} ${formatDateTime(b.rake.loadingStart)} – ${formatDateTime(b.rake.loadingEnd)}${b.rake.demurrageRs > 0 ? `, ${t('gantt.demurrage')} ${formatRs(b.rake.demurrageRs)}` : ''}`}
                        onMouseEnter={() => setActive(id)}
                        onFocus={() => setActive(id)}
                        onKeyDown={(e) => onBarKey(e, id)}
                        className={`absolute top-1 flex h-8 overflow-hidden rounded text-left text-[11px] leading-8 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-amber-500 ${b.rake.demurrageRs > 0 ? 'ring-2 ring-red-600' : ''} ${active === id ? 'z-10 shadow-lg' : ''}`}
                        style={{ left: `${left}%`, width: `${width}%` }}
                      >
                        <span aria-hidden="true" className="h-full flex-1 bg-brand-600" />
                        <span aria-hidden="true" className="h-full w-1 shrink-0 bg-slate-900" />
                        {demW > 0 && (
                          <span
                            aria-hidden="true"
                            data-testid={`gantt-demurrage-${id}`}
                            className="absolute bottom-0 right-1 h-1.5 bg-red-600"
                            style={{ width: `${Math.min(100, demW)}%` }}
                          />
                        )}
                      </button>
                      <span
                        aria-hidden="true"
                        className="pointer-events-none absolute top-0 overflow-hidden text-ellipsis whitespace-nowrap pl-0.5 text-[10px] font-medium leading-4 text-slate-800"
                        style={{
                          left: `${left + width}%`,
                          maxWidth: `${Math.max(0, pct(labelEndH(lane.bars, i, toH)) - left - width)}%`,
                        }}
                      >
                        {short}
                      </span>
                    </Fragment>
                  );
                })}
              </div>
            </div>
          ))}
        </div>
      </div>
      <div
        aria-live="polite"
        data-testid="gantt-details"
        className="min-h-16 rounded border border-slate-200 p-2 text-sm"
      >
        {activeBar ? (
          <div>
            <p className="font-medium">
              {activeBar.rake.rakeId} ({activeBar.rake.wagonType}, {activeBar.rake.wagons} {t('gantt.wagons')}) →{' '}
              {destLabel(activeBar.rake.destinations)}
            </p>
            <p className="tabular text-slate-600">
              {t('gantt.placed')} {formatDateTime(activeBar.rake.placement)} · {t('gantt.loading')}{' '}
              {formatDateTime(activeBar.rake.loadingStart)} – {formatDateTime(activeBar.rake.loadingEnd)} ·{' '}
              {formatT(activeBar.rake.loadT)} / {formatT(activeBar.rake.capacityT)} (
              {formatPct(activeBar.rake.utilisation)})
              {activeBar.rake.demurrageRs > 0 && (
                <span className="text-red-700">
                  {' '}
                  · {t('gantt.demurrage')} {formatRs(activeBar.rake.demurrageRs)}
                </span>
              )}
            </p>
            <p className="text-slate-600">
              {activeBar.rake.lines
                .map(
                  (l) =>
                    `${l.order}${lookup.customerOf(l.order) ? ` (${lookup.customerOf(l.order)})` : ''}: ${formatT(l.tonnes)}`,
                )
                .join(' · ')}
            </p>
          </div>
        ) : (
          <p className="text-slate-500">{t('gantt.hint')}</p>
        )}
      </div>
    </div>
  );
}

function Legend() {
  return (
    <ul className="flex flex-wrap items-center gap-3 text-xs text-slate-600" aria-label={t('gantt.legend')}>
      <li className="flex items-center gap-1">
        <span className="inline-block h-1 w-5 bg-[repeating-linear-gradient(45deg,#94a3b8_0_3px,#e2e8f0_3px_6px)]" />
        {t('gantt.waiting')}
      </li>
      <li className="flex items-center gap-1">
        <span className="inline-block h-3 w-5 bg-brand-600" />
        {t('gantt.loading')}
      </li>
      <li className="flex items-center gap-1">
        <span className="inline-block h-3 w-1 bg-slate-900" />
        {t('gantt.departure')}
      </li>
      <li className="flex items-center gap-1">
        <span className="inline-block h-3 w-5 bg-red-600" />
        {t('gantt.demurrage')}
      </li>
    </ul>
  );
}
