import type { Plan, PlannedRake, ProductionSuggestion, RoadShipment, UnservedLine } from '../../../../core/domain/plan';
import type { Rake } from '../../../../core/domain/entities';
import { ListTable, type ListColumn } from '../../components/table/ListTable';
import { formatDate, formatDateTime } from '../../lib/dates';
import { formatPct, formatRs, formatT } from '../../lib/format';
import { t, useLang } from '../../i18n';
import { usePlanLookup, type PlanLookup } from './planLookup';
import { unusedRakes } from './unusedRakes';
import { productionReasonText, unservedReasonText } from './reasonText';

// The plan's tables (rakes, road, unserved, produce next, rakes not used), each sortable and filterable.

/** Customers named in a rake's row; the rest are counted. */
const SHOWN_CUSTOMERS = 2;

export function PlanRakesList({ plan }: { plan: Plan }) {
  const lookup = usePlanLookup();
  const dest = (codes: string[]) => codes.map((c) => lookup.destinationName(c) ?? c).join(' + ');
  const customerList = (r: PlannedRake) =>
    [...new Set(r.lines.map((l) => lookup.customerOf(l.order) ?? ''))].filter(Boolean);
  const customers = (r: PlannedRake) => customerList(r).join(', ');
  // A rake carries up to ~20 customers: the row names the first two (all in its tooltip and in the
  // opened row), so the table stays one line a rake; filtering still matches every name.
  const someCustomers = (r: PlannedRake) => {
    const all = customerList(r);
    const shown = all.slice(0, SHOWN_CUSTOMERS).join(', ');
    return (
      <span title={all.join(', ')}>
        {all.length > SHOWN_CUSTOMERS
          ? t('plan.customersMore', { first: shown, n: all.length - SHOWN_CUSTOMERS })
          : shown}
      </span>
    );
  };
  const columns: ListColumn<PlannedRake>[] = [
    { id: 'rake', header: t('col.rake'), text: (r) => r.rakeId, mono: true },
    { id: 'wagonType', header: t('col.wagonType'), text: (r) => r.wagonType },
    { id: 'siding', header: t('col.siding'), text: (r) => r.loadingPoint },
    {
      id: 'start',
      header: t('col.loadingStart'),
      value: (r) => Date.parse(r.loadingStart),
      text: (r) => formatDateTime(r.loadingStart),
    },
    {
      id: 'end',
      header: t('col.departure'),
      value: (r) => Date.parse(r.loadingEnd),
      text: (r) => formatDateTime(r.loadingEnd),
    },
    { id: 'dest', header: t('col.destinations'), text: (r) => dest(r.destinations) },
    { id: 'customers', header: t('col.customers'), text: customers, render: someCustomers, wrap: true },
    {
      id: 'load',
      header: t('col.load'),
      value: (r) => r.loadT,
      text: (r) => `${formatT(r.loadT)} / ${formatT(r.capacityT)}`,
      align: 'right',
    },
    {
      id: 'util',
      header: t('col.utilisation'),
      value: (r) => r.utilisation,
      text: (r) => formatPct(r.utilisation),
      align: 'right',
    },
    {
      id: 'freight',
      header: t('col.freightIdle'),
      value: (r) => r.railFreightRs + r.idleFreightRs,
      text: (r) => formatRs(r.railFreightRs + r.idleFreightRs),
      align: 'right',
    },
    {
      id: 'demurrage',
      header: t('col.demurrage'),
      value: (r) => r.demurrageRs,
      text: (r) => formatRs(r.demurrageRs),
      align: 'right',
    },
  ];
  if (plan.rakes.length === 0) return <p className="text-sm text-slate-600">{t('plan.noRakes')}</p>;
  return (
    <ListTable
      rows={plan.rakes}
      columns={columns}
      label={t('tables.rakes')}
      rowKey={(r) => r.rakeId}
      testId="plan-rakes"
      expand={(r) => <RakeLines rake={r} lookup={lookup} />}
    />
  );
}

function RakeLines({ rake, lookup }: { rake: PlannedRake; lookup: PlanLookup }) {
  return (
    <div className="overflow-x-auto" data-testid={`rake-details-${rake.rakeId}`}>
      <table className="w-full text-xs">
        <thead className="text-left text-slate-600">
          <tr>
            {(
              [
                'col.order',
                'col.customer',
                'col.product',
                'col.destination',
                'col.wagons',
                'col.tonnes',
                'col.stockyards',
                'col.eta',
                'col.daysLate',
              ] as const
            ).map((h) => (
              <th
                key={h}
                scope="col"
                className={`whitespace-nowrap px-2 ${h === 'col.wagons' || h === 'col.tonnes' || h === 'col.daysLate' ? 'text-right' : ''}`}
              >
                {t(h)}
              </th>
            ))}
          </tr>
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
              <td className="whitespace-nowrap px-2">
                {l.sources.map((s) => `${s.stockyard}: ${formatT(s.tonnes)}`).join(' · ')}
              </td>
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
    { id: 'date', header: t('col.date'), value: (r) => r.date, text: (r) => formatDate(r.date) },
    { id: 'stockyard', header: t('col.stockyard'), text: (r) => r.stockyard },
    { id: 'order', header: t('col.order'), text: (r) => r.order, mono: true },
    { id: 'customer', header: t('col.customer'), text: (r) => lookup.customerOf(r.order) ?? '', wrap: true },
    { id: 'product', header: t('col.product'), text: (r) => r.product },
    { id: 'dest', header: t('col.destination'), text: (r) => lookup.destinationName(r.destination) ?? r.destination },
    {
      id: 'tonnes',
      header: t('col.tonnes'),
      value: (r) => r.tonnes,
      text: (r) => formatT(r.tonnes),
      align: 'right',
    },
    { id: 'trucks', header: t('col.trucks'), value: (r) => r.trucks, text: (r) => String(r.trucks), align: 'right' },
    {
      id: 'freight',
      header: t('col.freight'),
      value: (r) => r.freightRs,
      text: (r) => formatRs(r.freightRs),
      align: 'right',
    },
  ];
  if (plan.road.length === 0) return <p className="text-sm text-slate-600">{t('plan.noRoad')}</p>;
  return (
    <ListTable
      rows={plan.road}
      columns={columns}
      label={t('tables.road')}
      rowKey={(r) => `${r.date}|${r.stockyard}|${r.order}`}
      testId="plan-road"
    />
  );
}

export function PlanUnservedList({ plan }: { plan: Plan }) {
  const lookup = usePlanLookup();
  const columns: ListColumn<UnservedLine>[] = [
    { id: 'order', header: t('col.order'), text: (u) => u.order, mono: true },
    { id: 'customer', header: t('col.customer'), text: (u) => lookup.customerOf(u.order) ?? '', wrap: true },
    { id: 'product', header: t('col.product'), text: (u) => u.product },
    { id: 'dest', header: t('col.destination'), text: (u) => lookup.destinationName(u.destination) ?? u.destination },
    { id: 'priority', header: t('col.priority'), value: (u) => u.priority, text: (u) => `P${u.priority}` },
    { id: 'tonnes', header: t('col.tonnes'), value: (u) => u.tonnes, text: (u) => formatT(u.tonnes), align: 'right' },
    {
      id: 'penalty',
      header: t('col.penalty'),
      value: (u) => u.penaltyRs,
      text: (u) => formatRs(u.penaltyRs),
      align: 'right',
    },
    {
      id: 'deferred',
      header: t('col.deferredFreight'),
      value: (u) => u.deferredFreightRs ?? 0,
      text: (u) => formatRs(u.deferredFreightRs ?? 0),
      align: 'right',
      title: t('plan.deferredTitle'),
    },
    {
      id: 'reason',
      header: t('col.reason'),
      text: (u) => unservedReasonText(u, useLang.getState().lang),
      wrap: true,
    },
  ];
  if (plan.unserved.length === 0) return <p className="text-sm text-slate-600">{t('plan.allServed')}</p>;
  return (
    <ListTable
      rows={plan.unserved}
      columns={columns}
      label={t('tables.unserved')}
      rowKey={(u) => u.order}
      testId="plan-unserved"
    />
  );
}

export function PlanProductionList({ plan }: { plan: Plan }) {
  const columns: ListColumn<ProductionSuggestion>[] = [
    { id: 'product', header: t('col.product'), text: (p) => p.product },
    { id: 'tonnes', header: t('col.tonnes'), value: (p) => p.tonnes, text: (p) => formatT(p.tonnes), align: 'right' },
    {
      id: 'neededBy',
      header: t('col.neededBy'),
      value: (p) => Date.parse(p.neededBy),
      text: (p) => formatDateTime(p.neededBy),
    },
    {
      id: 'because',
      header: t('col.because'),
      text: (p) => productionReasonText(p.because, useLang.getState().lang),
      wrap: true,
    },
  ];
  if (plan.production.length === 0) return <p className="text-sm text-slate-600">{t('plan.stockCovers')}</p>;
  return (
    <ListTable
      rows={plan.production}
      columns={columns}
      label={t('plan.tab.production')}
      rowKey={(p) => p.product}
      testId="plan-production"
    />
  );
}

export function PlanUnusedList({ plan }: { plan: Plan }) {
  const lookup = usePlanLookup();
  const rows = lookup.scenario ? unusedRakes(plan, lookup.scenario.rakes) : [];
  const columns: ListColumn<{ rake: Rake; reason: string }>[] = [
    { id: 'rake', header: t('col.rake'), text: (u) => u.rake.id, mono: true },
    { id: 'wagonType', header: t('col.wagonType'), text: (u) => u.rake.wagonType },
    {
      id: 'wagons',
      header: t('col.wagons'),
      value: (u) => u.rake.wagons,
      text: (u) => String(u.rake.wagons),
      align: 'right',
    },
    {
      id: 'placement',
      header: t('col.expectedPlacement'),
      value: (u) => Date.parse(u.rake.expectedPlacement),
      text: (u) => formatDateTime(u.rake.expectedPlacement),
    },
    { id: 'reason', header: t('col.reason'), text: (u) => u.reason, wrap: true },
  ];
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t('plan.allRakesUsed')}</p>;
  return (
    <ListTable
      rows={rows}
      columns={columns}
      label={t('plan.tab.unused')}
      rowKey={(u) => u.rake.id}
      testId="plan-unused"
    />
  );
}
