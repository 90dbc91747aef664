import { Fragment, useState } from 'react';
import type { Plan } from '../../../../core/domain/plan';
import { Stat } from '../../components/ui';
import { formatDateTime } from '../../lib/dates';
import { formatPct, formatRs, formatT } from '../../lib/format';
import { t } from '../../i18n';
import { inputFieldText, sourceLabelText } from '../Forecasts/sourceText';
import { onTimeTonnesShare } from './onTimeShare';

/** An on-time probability with its colour: red below 50 %, amber below 80 %. */
export function RiskCell({ p, testId = 'risk-cell' }: { p: number | undefined; testId?: string }) {
  if (p === undefined)
    return (
      <span className="text-slate-400" title={t('risk.notComputed')}>
        –
      </span>
    );
  const tone =
    p < 0.5 ? 'bg-red-100 text-red-800' : p < 0.8 ? 'bg-amber-100 text-amber-800' : 'bg-emerald-100 text-emerald-800';
  return (
    <span className={`tabular rounded px-1.5 py-0.5 text-xs ${tone}`} data-testid={testId}>
      {formatPct(p)}
    </span>
  );
}

/**
 * The plan's risk: per rake the chance its least likely order arrives on time and the share of its
 * tonnes expected on time, per order (expand a rake) its own chance, the lateness cost at P50 and P90 transit, and where each input came from.
 */
export function PlanRisk({ plan }: { plan: Plan }) {
  const [open, setOpen] = useState<string | null>(null);
  const s = plan.summary;
  const basis = new Map((plan.planning?.transit ?? []).map((b) => [b.destination, b]));
  const src = plan.inputSources ?? [];
  return (
    <div className="space-y-3" data-testid="plan-risk">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3">
        <Stat label={t('risk.mode')} value={plan.planning?.mode === 'robust' ? t('opt.robust') : t('risk.normal')} />
        <Stat
          label={t('risk.lateP50')}
          value={s.expectedLatenessP50Rs === undefined ? '–' : formatRs(s.expectedLatenessP50Rs)}
        />
        <Stat
          label={t('risk.lateP90')}
          value={
            <span data-testid="lateness-p90">
              {s.expectedLatenessP90Rs === undefined ? '–' : formatRs(s.expectedLatenessP90Rs)}
            </span>
          }
        />
      </div>
      <table className="w-full text-sm" data-testid="risk-rakes">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th>{t('col.rake')}</th>
            <th>{t('risk.loadingEnd')}</th>
            <th>{t('col.destinations')}</th>
            <th className="text-right">{t('col.load')}</th>
            <th>{t('risk.transit')}</th>
            <th className="text-right">{t('risk.onTimeWorst')}</th>
            <th className="text-right">{t('risk.onTimeTonnes')}</th>
          </tr>
        </thead>
        <tbody>
          {plan.rakes.map((r) => (
            <Fragment key={r.rakeId}>
              <tr
                className="cursor-pointer border-t border-slate-100 hover:bg-slate-50"
                onClick={() => setOpen(open === r.rakeId ? null : r.rakeId)}
                aria-expanded={open === r.rakeId}
              >
                <td className="whitespace-nowrap font-mono">
                  {open === r.rakeId ? '▾' : '▸'} {r.rakeId}
                </td>
                <td className="tabular whitespace-nowrap">{formatDateTime(r.loadingEnd)}</td>
                <td>{r.destinations.join(' + ')}</td>
                <td className="tabular whitespace-nowrap text-right">{formatT(r.loadT)}</td>
                <td className="tabular text-xs">
                  {r.destinations
                    .map((d) => {
                      const b = basis.get(d);
                      return b
                        ? t('risk.transitCell', {
                            dest: d,
                            p10: b.p10H.toFixed(0),
                            p50: b.p50H.toFixed(0),
                            p90: b.p90H.toFixed(0),
                            basis: b.basis.replace(/default spread \(.*\)$/, t('risk.defaultSpread')),
                          })
                        : d;
                    })
                    .join('; ')}
                </td>
                <td className="text-right">
                  <RiskCell p={r.onTimeP} />
                </td>
                <td className="text-right">
                  <RiskCell p={onTimeTonnesShare(r)} testId="risk-tonnes-share" />
                </td>
              </tr>
              {open === r.rakeId &&
                r.lines.map((l) => (
                  <tr key={l.order} className="bg-slate-50 text-xs" data-testid="risk-line">
                    <td className="pl-6 font-mono">{l.order}</td>
                    <td>{t('risk.eta', { time: formatDateTime(l.eta) })}</td>
                    <td>{l.destination}</td>
                    <td className="tabular text-right">{formatT(l.tonnes)}</td>
                    <td>{l.lateDays ? t('risk.lateAsPlanned', { n: l.lateDays }) : t('risk.onTimeAsPlanned')}</td>
                    <td className="text-right">
                      <RiskCell p={l.onTimeP} />
                    </td>
                    <td />
                  </tr>
                ))}
            </Fragment>
          ))}
        </tbody>
      </table>
      {src.length > 0 && (
        <details className="text-sm" data-testid="plan-input-sources">
          <summary className="cursor-pointer text-slate-600">
            {t('risk.inputsFrom', { sources: [...new Set(src.map((x) => sourceLabelText(x.source)))].join(', ') })}
          </summary>
          <ul className="mt-1 list-disc pl-6 text-xs text-slate-600">
            {src
              .filter((x) => x.before !== x.used)
              .slice(0, 200)
              .map((x) => (
                <li key={`${x.field}|${x.entity}`}>
                  {inputFieldText(x.field)} {x.entity}: {String(x.used)} ← {sourceLabelText(x.source)}
                </li>
              ))}
          </ul>
        </details>
      )}
    </div>
  );
}
