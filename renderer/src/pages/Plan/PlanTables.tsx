import type { Plan, PlannedRake, ProductionSuggestion, RoadShipment, UnservedLine } from '../../../../core/domain/plan';
import type { Rake } from '../../../../core/domain/entities';
import { ListTable, type ListColumn } from '../../components/table/ListTable';
import { formatDate, formatDateTime } from '../../lib/dates';
import { formatPct, formatRs, formatT } from '../../lib/format';
import { t } from '../../i18n';
import { usePlanLookup, type PlanLookup } from './planLookup';

/** The plan's tables (rakes, road, unserved, produce next, rakes not used), each sortable and filterable. */
const num = (v: number) => v;

export function PlanRakesList({ plan }: { plan: Plan }) {
  const lookup = usePlanLookup();
  const dest = (codes: string[]) => codes.map((c) => lookup.destinationName(c) ?? c).join(' + ');
  const customers = (r: PlannedRake) => [...new Set(r.lines.map((l) => lookup.customerOf(l.order) ?? ''))].filter(Boolean).join(', ');
  const columns: ListColumn<PlannedRake>[] = [
    { id: 'rake', header: 'Rake', text: (r) => r.rakeId, mono: true },
    { id: 'wagonType', header: 'Wagon type', text: (r) => r.wagonType },
    { id: 'siding', header: 'Siding', text: (r) => r.loadingPoint },
    { id: 'start', header: 'Loading start', value: (r) => Date.parse(r.loadingStart), text: (r) => formatDateTime(r.loadingStart) },
    { id: 'end', header: 'Departure', value: (r) => Date.parse(r.loadingEnd), text: (r) => formatDateTime(r.loadingEnd) },
    { id: 'dest', header: 'Destinations', text: (r) => dest(r.destinations) },
    { id: 'customers', header: 'Customers', text: customers, wrap: true },
    { id: 'load', header: 'Load', value: (r) => r.loadT, text: (r) => `${formatT(r.loadT)} / ${formatT(r.capacityT)}`, align: 'right' },
    { id: 'util', header: 'Utilisation', value: (r) => r.utilisation, text: (r) => formatPct(r.utilisation), align: 'right' },
    { id: 'freight', header: 'Freight + idle', value: (r) => r.railFreightRs + r.idleFreightRs, text: (r) => formatRs(r.railFreightRs + r.idleFreightRs), align: 'right' },
    { id: 'demurrage', header: 'Demurrage', value: (r) => r.demurrageRs, text: (r) => formatRs(r.demurrageRs), align: 'right' },
  ];
  if (plan.rakes.length === 0) return <p className="text-sm text-slate-600">No rakes in this plan.</p>;
  return <ListTable rows={plan.rakes} columns={columns} label="Rakes" rowKey={(r) => r.rakeId} testId="plan-rakes" expand={(r) => <RakeLines rake={r} lookup={lookup} />} />;
}

function RakeLines({ rake, lookup }: { rake: PlannedRake; lookup: PlanLookup }) {
  return (
    <div className="overflow-x-auto" data-testid={`rake-details-${rake.rakeId}`}>
      <table className="w-full text-xs">
        <thead className="text-left text-slate-600">
          <tr>{['Order', 'Customer', 'Product', 'Destination', 'Wagons', 'Tonnes', 'Stockyards', 'ETA', 'Days late'].map((h) => <th key={h} scope="col" className={`whitespace-nowrap px-2 ${['Wagons', 'Tonnes', 'Days late'].includes(h) ? 'text-right' : ''}`}>{h}</th>)}</tr>
        </thead>
        <tbody>
          {rake.lines.map((l) => (
            <tr key={l.order}>
              <td className="whitespace-nowrap px-2 font-mono">{l.order}</td>
              <td className="px-2">{lookup.customerOf(l.order) ?? '—'}</td>
              <td className="whitespace-nowrap px-2">{l.product}</td>
              <td className="whitespace-nowrap px-2">{lookup.destinationName(l.destination) ?? l.destination}</td>
              <td className="tabular px-2 text-right">{l.wagons}</td>
              <td className="tabular whitespace-nowrap px-2 text-right">{formatT(l.tonnes)}</td>
              <td className="whitespace-nowrap px-2">{l.sources.map((s) => `${s.stockyard}: ${formatT(s.tonnes)}`).join(' · ')}</td>
              <td className="tabular whitespace-nowrap px-2">{formatDateTime(l.eta)}</td>
              <td className="tabular px-2 text-right">{l.lateDays}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PlanRoadList({ plan }: { plan: Plan }) {
  const lookup = usePlanLookup();
  const columns: ListColumn<RoadShipment>[] = [
    { id: 'date', header: 'Date', value: (r) => r.date, text: (r) => formatDate(r.date) },
    { id: 'stockyard', header: 'Stockyard', text: (r) => r.stockyard },
    { id: 'order', header: 'Order', text: (r) => r.order, mono: true },
    { id: 'customer', header: 'Customer', text: (r) => lookup.customerOf(r.order) ?? '', wrap: true },
    { id: 'product', header: 'Product', text: (r) => r.product },
    { id: 'dest', header: 'Destination', text: (r) => lookup.destinationName(r.destination) ?? r.destination },
    { id: 'tonnes', header: 'Tonnes', value: (r) => num(r.tonnes), text: (r) => formatT(r.tonnes), align: 'right' },
    { id: 'trucks', header: 'Trucks', value: (r) => r.trucks, text: (r) => String(r.trucks), align: 'right' },
    { id: 'freight', header: 'Freight', value: (r) => r.freightRs, text: (r) => formatRs(r.freightRs), align: 'right' },
  ];
  if (plan.road.length === 0) return <p className="text-sm text-slate-600">Nothing goes by road in this plan.</p>;
  return <ListTable rows={plan.road} columns={columns} label="Road" rowKey={(r) => `${r.date}|${r.stockyard}|${r.order}`} testId="plan-road" />;
}

export function PlanUnservedList({ plan }: { plan: Plan }) {
  const lookup = usePlanLookup();
  const columns: ListColumn<UnservedLine>[] = [
    { id: 'order', header: 'Order', text: (u) => u.order, mono: true },
    { id: 'customer', header: 'Customer', text: (u) => lookup.customerOf(u.order) ?? '', wrap: true },
    { id: 'product', header: 'Product', text: (u) => u.product },
    { id: 'dest', header: 'Destination', text: (u) => lookup.destinationName(u.destination) ?? u.destination },
    { id: 'priority', header: 'Priority', value: (u) => u.priority, text: (u) => `P${u.priority}` },
    { id: 'tonnes', header: 'Tonnes', value: (u) => u.tonnes, text: (u) => formatT(u.tonnes), align: 'right' },
    { id: 'penalty', header: 'Penalty', value: (u) => u.penaltyRs, text: (u) => formatRs(u.penaltyRs), align: 'right' },
    { id: 'deferred', header: 'Deferred freight', value: (u) => u.deferredFreightRs ?? 0, text: (u) => formatRs(u.deferredFreightRs ?? 0), align: 'right', title: 'Freight these tonnes still pay when shipped after the horizon' },
    { id: 'reason', header: 'Reason', text: (u) => u.reason, wrap: true },
  ];
  if (plan.unserved.length === 0) return <p className="text-sm text-slate-600">Every order is served.</p>;
  return <ListTable rows={plan.unserved} columns={columns} label="Unserved" rowKey={(u) => u.order} testId="plan-unserved" />;
}

/**
 * A reason as the planner should read it: older plans said "exceed usable stock by 0 t" when
 * the shortfall came only from unserved tonnes; such zero clauses are dropped.
 */
export function productionReason(because: string): string {
  return because.split('; ').filter((part) => !/\bby 0 t$/.test(part) && !/^0 t /.test(part)).join('; ') || because;
}

export function PlanProductionList({ plan }: { plan: Plan }) {
  const columns: ListColumn<ProductionSuggestion>[] = [
    { id: 'product', header: 'Product', text: (p) => p.product },
    { id: 'tonnes', header: 'Tonnes', value: (p) => p.tonnes, text: (p) => formatT(p.tonnes), align: 'right' },
    { id: 'neededBy', header: 'Needed by', value: (p) => Date.parse(p.neededBy), text: (p) => formatDateTime(p.neededBy) },
    { id: 'because', header: 'Because', text: (p) => productionReason(p.because), wrap: true },
  ];
  if (plan.production.length === 0) return <p className="text-sm text-slate-600">{t('plan.stockCovers')}</p>;
  return <ListTable rows={plan.production} columns={columns} label="Produce next" rowKey={(p) => p.product} testId="plan-production" />;
}

/** Rakes of the scenario that the plan does not load, with why. */
export function unusedRakes(plan: Plan, scenarioRakes: readonly Rake[]): { rake: Rake; reason: string }[] {
  const used = new Set(plan.rakes.map((r) => r.rakeId));
  const end = Date.parse(plan.scenario.horizonStart) + plan.scenario.horizonDays * 864e5;
  return scenarioRakes.filter((r) => !used.has(r.id)).map((rake) => ({
    rake,
    reason: rake.status === 'cancelled' || rake.status === 'dispatched' || Date.parse(rake.expectedPlacement) >= end
      ? t('plan.unusedNotPlaced', { status: Date.parse(rake.expectedPlacement) >= end ? `placement ${formatDateTime(rake.expectedPlacement)}` : rake.status })
      : t('plan.unusedReason'),
  }));
}

export function PlanUnusedList({ plan }: { plan: Plan }) {
  const lookup = usePlanLookup();
  const rows = lookup.scenario ? unusedRakes(plan, lookup.scenario.rakes) : [];
  const columns: ListColumn<{ rake: Rake; reason: string }>[] = [
    { id: 'rake', header: 'Rake', text: (u) => u.rake.id, mono: true },
    { id: 'wagonType', header: 'Wagon type', text: (u) => u.rake.wagonType },
    { id: 'wagons', header: 'Wagons', value: (u) => u.rake.wagons, text: (u) => String(u.rake.wagons), align: 'right' },
    { id: 'placement', header: 'Expected placement', value: (u) => Date.parse(u.rake.expectedPlacement), text: (u) => formatDateTime(u.rake.expectedPlacement) },
    { id: 'reason', header: 'Reason', text: (u) => u.reason, wrap: true },
  ];
  if (rows.length === 0) return <p className="text-sm text-slate-600">Every rake of the scenario is used.</p>;
  return <ListTable rows={rows} columns={columns} label="Rakes not used" rowKey={(u) => u.rake.id} testId="plan-unused" />;
}
