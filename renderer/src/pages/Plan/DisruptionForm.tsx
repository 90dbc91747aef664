import { useState } from 'react';
import type { Disruption } from '../../../../core/contract/api/plan-loop';
import type { Plan } from '../../../../core/domain/plan';
import { Button } from '../../components/ui';
import { formatRs } from '../../lib/format';
import { usePlanLoop } from './planLoopStore';

type Kind = Disruption['kind'];
const KINDS: Array<[Kind, string]> = [
  ['rake-delayed', 'Rake delayed'],
  ['rake-cancelled', 'Rake cancelled'],
  ['siding-down', 'Loading point down'],
  ['stock-lower', 'Stock lower than thought'],
  ['urgent-order', 'Urgent order'],
];

const describe = (d: Disruption) => {
  switch (d.kind) {
    case 'rake-delayed':
      return `Rake ${d.rake} placed ${d.hours} h later`;
    case 'rake-cancelled':
      return `Rake ${d.rake} cancelled`;
    case 'siding-down':
      return `${d.loadingPoint} down ${d.from} – ${d.to}`;
    case 'stock-lower':
      return `${d.product} at ${d.stockyard}: ${d.usableT} t usable`;
    case 'urgent-order':
      return `Urgent order ${d.id}: ${d.quantityT} t ${d.product} to ${d.destination} by ${d.dueDate}`;
  }
};

/** Enter the day's disruptions, then re-plan from this plan keeping locks and what has started. */
export function DisruptionForm({ plan }: { plan: Plan }) {
  const { disruptions, addDisruption, removeDisruption, replan, cancelReplan, busy, replanned } = usePlanLoop();
  const [kind, setKind] = useState<Kind>('rake-delayed');
  const [f, setF] = useState<Record<string, string>>({});
  const [stability, setStability] = useState('200000');
  const [now, setNow] = useState('');
  const [limit, setLimit] = useState('15');
  const rakes = plan.rakes.map((r) => r.rakeId);
  const field = (name: string, label: string, fallback = '', opts?: string[]) => (
    <label className="flex flex-col">
      {label}
      {opts ? (
        <select
          aria-label={label}
          value={f[name] ?? fallback}
          onChange={(e) => setF({ ...f, [name]: e.target.value })}
          className="rounded border px-1 py-1"
        >
          {opts.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      ) : (
        <input
          aria-label={label}
          value={f[name] ?? fallback}
          onChange={(e) => setF({ ...f, [name]: e.target.value })}
          className="w-40 rounded border px-1 py-1"
        />
      )}
    </label>
  );
  const v = (name: string, fallback = '') => f[name] ?? fallback;
  const build = (): Disruption => {
    switch (kind) {
      case 'rake-delayed':
        return { kind, rake: v('rake', rakes[0]), hours: Number(v('hours', '10')) };
      case 'rake-cancelled':
        return { kind, rake: v('rake', rakes[0]) };
      case 'siding-down':
        return {
          kind,
          loadingPoint: v('lp', plan.rakes[0]?.loadingPoint),
          from: v('from', plan.scenario.horizonStart),
          to: v('to', plan.scenario.horizonStart),
        };
      case 'stock-lower':
        return { kind, stockyard: v('yard'), product: v('product'), usableT: Number(v('usable', '0')) };
      case 'urgent-order':
        return {
          kind,
          id: v('id', 'URGENT-1'),
          customer: 'Urgent',
          destination: v('dest'),
          product: v('product'),
          quantityT: Number(v('qty', '500')),
          dueDate: v('due', plan.scenario.horizonStart),
          priority: 1,
          modes: 'either',
          splittable: true,
        };
    }
  };
  const lps = [...new Set(plan.rakes.map((r) => r.loadingPoint))];
  return (
    <details className="rounded border border-slate-200 p-2 text-sm" open>
      <summary className="cursor-pointer font-medium">Disruptions and re-plan</summary>
      <form
        className="mt-2 flex flex-wrap items-end gap-2"
        aria-label="Add a disruption"
        onSubmit={(e) => {
          e.preventDefault();
          addDisruption(build());
        }}
      >
        <label className="flex flex-col">
          Disruption
          <select
            aria-label="Disruption kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as Kind)}
            className="rounded border px-1 py-1"
          >
            {KINDS.map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
          </select>
        </label>
        {(kind === 'rake-delayed' || kind === 'rake-cancelled') && field('rake', 'Rake', rakes[0], rakes)}
        {kind === 'rake-delayed' && field('hours', 'Delay [h]', '10')}
        {kind === 'siding-down' && (
          <>
            {field('lp', 'Loading point', lps[0], lps)}
            {field('from', 'Down from (ISO)', plan.scenario.horizonStart)}
            {field('to', 'Down to (ISO)', plan.scenario.horizonStart)}
          </>
        )}
        {kind === 'stock-lower' && (
          <>
            {field('yard', 'Stockyard')}
            {field('product', 'Product')}
            {field('usable', 'Usable [t]', '0')}
          </>
        )}
        {kind === 'urgent-order' && (
          <>
            {field('id', 'Order id', 'URGENT-1')}
            {field('dest', 'Destination')}
            {field('product', 'Product')}
            {field('qty', 'Tonnes [t]', '500')}
            {field('due', 'Due (ISO)', plan.scenario.horizonStart)}
          </>
        )}
        <Button type="submit" variant="secondary">
          Add disruption
        </Button>
      </form>
      <ul className="mt-2 list-disc pl-5" data-testid="disruption-list">
        {disruptions.map((d, i) => (
          <li key={i}>
            {describe(d)}{' '}
            <button type="button" className="text-xs underline" onClick={() => removeDisruption(i)}>
              remove
            </button>
          </li>
        ))}
      </ul>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <label className="flex flex-col">
          Stability penalty [₹ per changed rake]
          <input
            aria-label="Stability penalty"
            inputMode="numeric"
            value={stability}
            onChange={(e) => setStability(e.target.value)}
            className="w-36 rounded border px-1 py-1"
          />
        </label>
        <label className="flex flex-col">
          Now (ISO; rakes loading before it are kept)
          <input
            aria-label="Now"
            value={now}
            placeholder="optional"
            onChange={(e) => setNow(e.target.value)}
            className="w-56 rounded border px-1 py-1"
          />
        </label>
        <label className="flex flex-col">
          Time limit [s]
          <input
            aria-label="Re-plan time limit"
            inputMode="numeric"
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
            className="w-20 rounded border px-1 py-1"
          />
        </label>
        <Button
          disabled={busy !== null}
          onClick={() =>
            void replan({
              stabilityRs: Number(stability) || 0,
              timeLimitS: Math.max(1, Number(limit) || 15),
              ...(now ? { now } : {}),
            })
          }
        >
          Re-plan
        </Button>
        {busy === 'replanning' && (
          <>
            <span role="status">re-planning (up to three solves within the time limit)…</span>
            <Button variant="secondary" onClick={cancelReplan}>
              Cancel re-plan
            </Button>
          </>
        )}
      </div>
      {replanned && (
        <ReplanResult plan={replanned.plan} ok={replanned.check.ok} violations={replanned.check.violations.length} />
      )}
    </details>
  );
}

function ReplanResult({ plan, ok, violations }: { plan: Plan; ok: boolean; violations: number }) {
  const st = plan.stability;
  const changes = plan.changes ?? [];
  return (
    <div className="mt-3 space-y-2 rounded bg-slate-50 p-2" data-testid="replan-result">
      <p data-testid="replan-verdict" className={ok ? 'text-emerald-800' : 'text-red-800'}>
        {ok ? 'Re-planned plan passes the checker.' : `Re-planned plan breaks ${violations} rule checks.`}
      </p>
      {st && (
        <p className="tabular">
          {st.candidate}: {st.changedRakes} rake{st.changedRakes === 1 ? '' : 's'} changed ({st.forcedRakes} forced by
          the disruption) · total {formatRs(plan.summary.totalCost)} · cost of stability {formatRs(st.costOfStability)}{' '}
          against a fresh plan ({formatRs(st.freshCost)})
        </p>
      )}
      <table className="w-full text-sm" data-testid="replan-changes">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th>What</th>
            <th>Change</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {changes.length === 0 && (
            <tr>
              <td colSpan={3}>Nothing changed against the base plan.</td>
            </tr>
          )}
          {changes.map((c) => (
            <tr key={`${c.kind}${c.id}`} className="border-t border-slate-100">
              <td className="font-mono">
                {c.kind} {c.id}
              </td>
              <td>
                {c.change}
                {c.forced ? ' (forced)' : ''}
              </td>
              <td className="text-xs">{c.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
