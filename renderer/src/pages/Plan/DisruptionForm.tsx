import { useState } from 'react';
import type { Disruption } from '../../../../core/contract/api/plan-loop';
import type { Plan } from '../../../../core/domain/plan';
import { Button } from '../../components/ui';
import { formatRs } from '../../lib/format';
import { t } from '../../i18n';
import { usePlanLoop } from './planLoopStore';
import { tKnown } from './planText';

type Kind = Disruption['kind'];
const KINDS: Kind[] = ['rake-delayed', 'rake-cancelled', 'siding-down', 'stock-lower', 'urgent-order'];

const describe = (d: Disruption) => {
  switch (d.kind) {
    case 'rake-delayed':
      return t('disrupt.desc.rake-delayed', { rake: d.rake, hours: d.hours });
    case 'rake-cancelled':
      return t('disrupt.desc.rake-cancelled', { rake: d.rake });
    case 'siding-down':
      return t('disrupt.desc.siding-down', { siding: d.loadingPoint, from: d.from, to: d.to });
    case 'stock-lower':
      return t('disrupt.desc.stock-lower', { product: d.product, yard: d.stockyard, usable: d.usableT });
    case 'urgent-order':
      return t('disrupt.desc.urgent-order', {
        id: d.id,
        qty: d.quantityT,
        product: d.product,
        dest: d.destination,
        due: d.dueDate,
      });
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
      <summary className="cursor-pointer font-medium">{t('disrupt.title')}</summary>
      <form
        className="mt-2 flex flex-wrap items-end gap-2"
        aria-label={t('disrupt.form')}
        onSubmit={(e) => {
          e.preventDefault();
          addDisruption(build());
        }}
      >
        <label className="flex flex-col">
          {t('disrupt.label')}
          <select
            aria-label={t('disrupt.kindAria')}
            value={kind}
            onChange={(e) => setKind(e.target.value as Kind)}
            className="rounded border px-1 py-1"
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`disrupt.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {(kind === 'rake-delayed' || kind === 'rake-cancelled') && field('rake', t('col.rake'), rakes[0], rakes)}
        {kind === 'rake-delayed' && field('hours', t('disrupt.delay'), '10')}
        {kind === 'siding-down' && (
          <>
            {field('lp', t('edit.loadingPoint'), lps[0], lps)}
            {field('from', t('disrupt.downFrom'), plan.scenario.horizonStart)}
            {field('to', t('disrupt.downTo'), plan.scenario.horizonStart)}
          </>
        )}
        {kind === 'stock-lower' && (
          <>
            {field('yard', t('col.stockyard'))}
            {field('product', t('col.product'))}
            {field('usable', t('disrupt.usable'), '0')}
          </>
        )}
        {kind === 'urgent-order' && (
          <>
            {field('id', t('disrupt.orderId'), 'URGENT-1')}
            {field('dest', t('col.destination'))}
            {field('product', t('col.product'))}
            {field('qty', t('disrupt.tonnes'), '500')}
            {field('due', t('disrupt.due'), plan.scenario.horizonStart)}
          </>
        )}
        <Button type="submit" variant="secondary">
          {t('disrupt.add')}
        </Button>
      </form>
      <ul className="mt-2 list-disc pl-5" data-testid="disruption-list">
        {disruptions.map((d, i) => (
          <li key={i}>
            {describe(d)}{' '}
            <button type="button" className="text-xs underline" onClick={() => removeDisruption(i)}>
              {t('disrupt.remove')}
            </button>
          </li>
        ))}
      </ul>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <label className="flex flex-col">
          {t('disrupt.stability')}
          <input
            aria-label={t('disrupt.stabilityAria')}
            inputMode="numeric"
            value={stability}
            onChange={(e) => setStability(e.target.value)}
            className="w-36 rounded border px-1 py-1"
          />
        </label>
        <label className="flex flex-col">
          {t('disrupt.now')}
          <input
            aria-label={t('disrupt.nowAria')}
            value={now}
            placeholder={t('disrupt.optional')}
            onChange={(e) => setNow(e.target.value)}
            className="w-56 rounded border px-1 py-1"
          />
        </label>
        <label className="flex flex-col">
          {t('opt.timeLimit')}
          <input
            aria-label={t('disrupt.limitAria')}
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
          {t('disrupt.replan')}
        </Button>
        {busy === 'replanning' && (
          <>
            <span role="status">{t('disrupt.replanning')}</span>
            <Button variant="secondary" onClick={cancelReplan}>
              {t('disrupt.cancel')}
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
        {ok ? t('disrupt.passes') : t('disrupt.breaks', { n: violations })}
      </p>
      {st && (
        <p className="tabular">
          {t(st.changedRakes === 1 ? 'disrupt.stabilityOne' : 'disrupt.stabilityMany', {
            candidate: tKnown(`disrupt.candidate.${st.candidate}`, st.candidate),
            n: st.changedRakes,
            forced: st.forcedRakes,
            total: formatRs(plan.summary.totalCost),
            cost: formatRs(st.costOfStability),
            fresh: formatRs(st.freshCost),
          })}
        </p>
      )}
      <table className="w-full text-sm" data-testid="replan-changes">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th>{t('disrupt.col.what')}</th>
            <th>{t('disrupt.col.change')}</th>
            <th>{t('disrupt.col.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.length === 0 && (
            <tr>
              <td colSpan={3}>{t('disrupt.noChanges')}</td>
            </tr>
          )}
          {changes.map((c) => (
            <tr key={`${c.kind}${c.id}`} className="border-t border-slate-100">
              <td className="font-mono">{t(`disrupt.what.${c.kind}`, { id: c.id })}</td>
              <td>
                {c.forced
                  ? t('disrupt.forced', { change: t(`disrupt.change.${c.change}`) })
                  : t(`disrupt.change.${c.change}`)}
              </td>
              <td className="text-xs">{c.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
