import { formatInstant } from '../../lib/dates';
import { useState } from 'react';
import { MIN_OVERRIDE_REASON, type GateName, type GateReport } from '../../../../core/contract/api/registry';
import { Button } from '../../components/ui';
import { t, type MessageKey } from '../../i18n';
import { metricLabel } from '../../lib/modelLabels';
import { checkCell, checkName, gateSummary } from './gateText';

const GATE_TITLES: Record<GateName, MessageKey> = {
  'data-quality': 'gate.data-quality',
  improvement: 'gate.improvement',
  stability: 'gate.stability',
  consistency: 'gate.consistency',
};

/**
 * The four gates of one evaluation, their checks and thresholds, and the promotion control:
 * one click when every gate passed; otherwise an explicit override that needs a reason.
 */
export function GatePanel({
  report,
  onPromote,
  busy,
}: {
  report: GateReport | null;
  onPromote(override?: string): void;
  busy: boolean;
}) {
  const [reason, setReason] = useState('');
  if (!report) return <p className="text-sm text-slate-500">{t('gate.notEvaluated')}</p>;
  const th = report.thresholds;
  const tooShort = reason.trim().length < MIN_OVERRIDE_REASON;
  return (
    <div className="space-y-2" data-testid="gate-report">
      <p className="text-sm">
        {t(report.against !== null ? 'gate.evaluated' : 'gate.evaluatedNoProd', {
          at: formatInstant(report.evaluatedAt),
          against: report.against ?? '',
          rows: report.holdout.rows,
          source: report.holdout.source,
          metric: metricLabel(report.metric.name),
        })}
      </p>
      <ul className="space-y-1">
        {report.gates.map((g) => (
          <li
            key={g.gate}
            data-testid={`gate-${g.gate}`}
            className={`rounded border px-2 py-1 text-sm ${g.passed ? 'border-emerald-200 bg-emerald-50' : g.notEvaluated ? 'border-amber-300 bg-amber-50' : 'border-red-200 bg-red-50'}`}
          >
            <span className="font-medium">
              {g.passed ? '✓' : g.notEvaluated ? '–' : '✗'} {t(GATE_TITLES[g.gate])}
            </span>
            : {gateSummary(g)}
            {g.checks.length > 0 && (
              <details className="mt-1 text-xs">
                <summary className="cursor-pointer text-slate-600">
                  {g.checks.length === 1 ? t('gate.oneCheck') : t('gate.checks', { n: g.checks.length })}
                </summary>
                <table className="mt-1 w-full">
                  <tbody>
                    {g.checks.map((c, i) => (
                      <tr key={i} className={c.passed ? '' : 'text-red-800'}>
                        <td className="pr-2">
                          {c.passed ? '✓' : '✗'} {checkName(c)}
                        </td>
                        <td className="pr-2 tabular">{checkCell(c, 'value') ?? '–'}</td>
                        <td className="pr-2">{t('gate.limit', { limit: checkCell(c, 'limit') ?? '–' })}</td>
                        <td>{checkCell(c, 'detail') ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            )}
          </li>
        ))}
      </ul>
      <p className="text-xs text-slate-500">
        {t(th.improvement.mustBeatBaseline ? 'gate.thresholdsBaseline' : 'gate.thresholds', {
          gain: (th.improvement.minRelativeGain * 100).toFixed(1),
          segment: (th.stability.maxSegmentRegression * 100).toFixed(0),
          consistency: consistencyLimit(report),
          missing: (th.dataQuality.maxMissingRate * 100).toFixed(0),
          rows: th.dataQuality.minRows,
        })}
      </p>
      {report.passed ? (
        <Button onClick={() => onPromote()} disabled={busy} data-testid="btn-promote">
          {t('gate.promote')}
        </Button>
      ) : (
        <div className="space-y-1 rounded border border-amber-300 bg-amber-50 p-2">
          <label className="block text-sm" htmlFor="override-reason">
            {t('gate.overrideLabel')}
          </label>
          <textarea
            id="override-reason"
            data-testid="override-reason"
            className="w-full rounded border border-slate-300 p-1 text-sm"
            rows={2}
            value={reason}
            aria-describedby={tooShort ? 'override-reason-hint' : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
          {/* The host refuses a shorter reason: say so, rather than leave the button grey without a word. */}
          {tooShort && (
            <p id="override-reason-hint" data-testid="override-reason-hint" className="text-xs text-amber-900">
              {t('gate.reasonTooShort', { min: MIN_OVERRIDE_REASON })}
            </p>
          )}
          <Button
            variant="danger"
            disabled={busy || tooShort}
            onClick={() => onPromote(reason.trim())}
            data-testid="btn-promote-override"
          >
            {t('gate.override')}
          </Button>
        </div>
      )}
    </div>
  );
}

/**
 * The consistency gate's limit as it judged this report: classifiers by the PSI of predicted
 * classes, regression models by how far their predictions move from production's. A report
 * saved before the regression limit existed was judged by PSI.
 */
function consistencyLimit(report: GateReport): string {
  const c = report.thresholds.consistency as { maxPsi: number; maxRelativeChange?: number };
  return report.metric.name === 'logloss' || c.maxRelativeChange === undefined
    ? t('gate.consistencyPsi', { psi: c.maxPsi })
    : t('gate.consistencyChange', { change: (c.maxRelativeChange * 100).toFixed(0) });
}
