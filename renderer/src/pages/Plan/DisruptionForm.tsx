import { useMemo, useState } from 'react';
import type { Plan } from '../../../../core/domain/plan';
import { Button } from '../../components/ui';
import { formatRs, formatT } from '../../lib/format';
import { fieldError, parseNumber } from '../../lib/numberInput';
import { t } from '../../i18n';
import { choicesOf, defaults, readDisruption, readIso, type Choices, type Fields, type Kind } from './disruptionInput';
import { describeDisruption, replanErrorLines } from './disruptionText';
import { usePlanLoop } from './planLoopStore';
import { usePlanLookup } from './planLookup';
import { tKnown } from './planText';

const KINDS: Kind[] = ['rake-delayed', 'rake-cancelled', 'siding-down', 'stock-lower', 'urgent-order'];

/**
 * Enter the day's disruptions, then re-plan from this plan keeping locks and what has started.
 * Stockyards, products, destinations, sidings and rakes are picked from the scenario; a field
 * that is not good enough to apply keeps what was typed and is named under the form.
 */
export function DisruptionForm({ plan }: { plan: Plan }) {
  const { disruptions, addDisruption, removeDisruption, replan, cancelReplan, busy, replanned, replanError } =
    usePlanLoop();
  const lookup = usePlanLookup();
  const choices = useMemo(
    () => (lookup.scenario ? choicesOf(lookup.scenario) : fromPlan(plan)),
    [lookup.scenario, plan],
  );
  const start = plan.scenario.horizonStart;
  const [kind, setKind] = useState<Kind>('rake-delayed');
  const [f, setF] = useState<Fields>({});
  const [notAdded, setNotAdded] = useState<string[]>([]);
  const [stability, setStability] = useState('200000');
  const [now, setNow] = useState('');
  const [limit, setLimit] = useState('15');
  // Another stockyard holds other products: its first is picked again.
  const set = (name: string, value: string) =>
    setF(name === 'yard' ? { ...f, yard: value, stockProduct: undefined } : { ...f, [name]: value });
  const field = (name: string, label: string, opts?: string[]) => (
    <label className="flex flex-col">
      {label}
      {opts ? (
        <select
          aria-label={label}
          value={f[name] ?? opts[0] ?? ''}
          onChange={(e) => set(name, e.target.value)}
          className="rounded border px-1 py-1"
        >
          {opts.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      ) : (
        <input
          aria-label={label}
          value={f[name] ?? defaults(start)[name] ?? ''}
          onChange={(e) => set(name, e.target.value)}
          className="w-40 rounded border px-1 py-1"
        />
      )}
    </label>
  );
  const yards = [...choices.usable.keys()];
  const yardStock = choices.usable.get(f.yard ?? yards[0] ?? '');
  const yardProducts = [...(yardStock?.keys() ?? [])];
  const usableNow = yardStock?.get(f.stockProduct ?? yardProducts[0] ?? '');
  // Re-plan's own fields, read as they are typed so the button says at once what it needs.
  const stabilityRs = parseNumber(stability, { min: 0, max: 1e9, unit: '₹' });
  const limitS = parseNumber(limit, { min: 1, max: 3600, unit: 's' });
  const nowIso = now.trim() === '' ? null : readIso(t('disrupt.nowAria'), now, start);
  const replanNeeds = [
    ...(stabilityRs.ok ? [] : [fieldError(t('disrupt.stability'), stabilityRs.why)]),
    ...(limitS.ok ? [] : [fieldError(t('opt.timeLimit'), limitS.why)]),
    ...(nowIso && !nowIso.ok ? nowIso.errors : []),
  ];
  return (
    <details className="rounded border border-slate-200 p-2 text-sm" open>
      <summary className="cursor-pointer font-medium">{t('disrupt.title')}</summary>
      <form
        className="mt-2 flex flex-wrap items-end gap-2"
        aria-label={t('disrupt.form')}
        onSubmit={(e) => {
          e.preventDefault();
          const r = readDisruption(kind, f, choices, start);
          setNotAdded(r.ok ? [] : r.errors);
          if (r.ok) addDisruption(r.value);
        }}
      >
        <label className="flex flex-col">
          {t('disrupt.label')}
          <select
            aria-label={t('disrupt.kindAria')}
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as Kind);
              setNotAdded([]);
            }}
            className="rounded border px-1 py-1"
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`disrupt.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {(kind === 'rake-delayed' || kind === 'rake-cancelled') && field('rake', t('col.rake'), choices.rakes)}
        {kind === 'rake-delayed' && field('hours', t('disrupt.delay'))}
        {kind === 'siding-down' && (
          <>
            {field('lp', t('edit.loadingPoint'), choices.loadingPoints)}
            {field('from', t('disrupt.downFrom'))}
            {field('to', t('disrupt.downTo'))}
          </>
        )}
        {kind === 'stock-lower' && (
          <>
            {field('yard', t('col.stockyard'), yards)}
            {field('stockProduct', t('col.product'), yardProducts)}
            {field('usable', t('disrupt.usable'))}
            {usableNow !== undefined && (
              <span className="pb-1.5 text-xs text-slate-500">
                {t('disrupt.usableNow', { usable: formatT(usableNow) })}
              </span>
            )}
          </>
        )}
        {kind === 'urgent-order' && (
          <>
            {field('id', t('disrupt.orderId'))}
            {field('dest', t('col.destination'), choices.destinations)}
            {field('product', t('col.product'), choices.products)}
            {field('qty', t('disrupt.tonnes'))}
            {field('due', t('disrupt.due'))}
          </>
        )}
        <Button type="submit" variant="secondary">
          {t('disrupt.add')}
        </Button>
        {notAdded.length > 0 && (
          <Problems testId="disruption-not-added" head={t('disrupt.notAdded')} lines={notAdded} />
        )}
      </form>
      <ul className="mt-2 list-disc pl-5" data-testid="disruption-list">
        {/* The plan's own outages hold for every re-plan of it (the host carries them over): shown, not removable. */}
        {(plan.outages ?? []).map((o, i) => (
          <li key={`carried-${i}`} data-testid="carried-outage">
            {describeDisruption({ kind: 'siding-down', ...o })} <span className="text-xs">{t('disrupt.carried')}</span>
          </li>
        ))}
        {disruptions.map((d, i) => (
          <li key={i}>
            {describeDisruption(d)}{' '}
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
            aria-invalid={!stabilityRs.ok || undefined}
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
            aria-invalid={(nowIso && !nowIso.ok) || undefined}
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
            aria-invalid={!limitS.ok || undefined}
            onChange={(e) => setLimit(e.target.value)}
            className="w-20 rounded border px-1 py-1"
          />
        </label>
        <Button
          disabled={busy !== null || replanNeeds.length > 0}
          onClick={() =>
            stabilityRs.ok &&
            limitS.ok &&
            void replan({
              stabilityRs: stabilityRs.value,
              timeLimitS: limitS.value,
              ...(nowIso?.ok ? { now: nowIso.value } : {}),
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
        {replanNeeds.length > 0 && (
          <Problems testId="replan-needs" head={t('disrupt.replanBlocked')} lines={replanNeeds} />
        )}
        {replanError && (
          <Problems testId="replan-error" lines={replanErrorLines(replanError.error, replanError.sent)} />
        )}
      </div>
      {replanned && (
        <ReplanResult plan={replanned.plan} ok={replanned.check.ok} violations={replanned.check.violations.length} />
      )}
    </details>
  );
}

/** What is wrong, right under the controls it is about. */
function Problems({ testId, head, lines }: { testId: string; head?: string; lines: string[] }) {
  return (
    <div role="alert" data-testid={testId} className="w-full text-xs text-red-700 dark:text-red-300">
      {head && <p>{head}</p>}
      <ul className={head ? 'list-disc pl-5' : ''}>
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </div>
  );
}

/** While the plan's scenario is not open: the plan's own rakes and sidings (the rest cannot be picked). */
function fromPlan(plan: Plan): Choices {
  return {
    rakes: plan.rakes.map((r) => r.rakeId),
    loadingPoints: [...new Set(plan.rakes.map((r) => r.loadingPoint))],
    usable: new Map(),
    destinations: [],
    products: [],
    orderIds: new Set(),
  };
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
      {st?.freshSolveCost !== undefined && (
        <p className="tabular text-slate-600" data-testid="replan-fresh-dearer">
          {t('disrupt.freshWorse', { solve: formatRs(st.freshSolveCost), fresh: formatRs(st.freshCost) })}
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
