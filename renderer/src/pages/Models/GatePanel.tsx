import { formatInstant } from '../../lib/dates';
import { useState } from 'react';
import type { GateReport } from '../../../../core/contract/api/registry';
import { Button } from '../../components/ui';

const GATE_TITLES: Record<string, string> = {
  'data-quality': '1. Data quality',
  improvement: '2. Improvement',
  stability: '3. Stability',
  consistency: '4. Consistency',
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
  if (!report) return <p className="text-sm text-slate-500">Not evaluated yet: run the gates before promoting.</p>;
  return (
    <div className="space-y-2" data-testid="gate-report">
      <p className="text-sm">
        Evaluated {formatInstant(report.evaluatedAt)} against{' '}
        {report.against !== null ? `production @${report.against}` : 'no production version'} on {report.holdout.rows}{' '}
        rows ({report.holdout.source}); metric {report.metric.name}.
      </p>
      <ul className="space-y-1">
        {report.gates.map((g) => (
          <li
            key={g.gate}
            data-testid={`gate-${g.gate}`}
            className={`rounded border px-2 py-1 text-sm ${g.passed ? 'border-emerald-200 bg-emerald-50' : 'border-red-200 bg-red-50'}`}
          >
            <span className="font-medium">
              {g.passed ? '✓' : '✗'} {GATE_TITLES[g.gate]}
            </span>
            : {g.summary}
            {g.checks.length > 0 && (
              <details className="mt-1 text-xs">
                <summary className="cursor-pointer text-slate-600">{g.checks.length} check(s)</summary>
                <table className="mt-1 w-full">
                  <tbody>
                    {g.checks.map((c, i) => (
                      <tr key={i} className={c.passed ? '' : 'text-red-800'}>
                        <td className="pr-2">
                          {c.passed ? '✓' : '✗'} {c.name}
                        </td>
                        <td className="pr-2 tabular">{String(c.value ?? '–')}</td>
                        <td className="pr-2">limit {String(c.limit ?? '–')}</td>
                        <td>{c.detail ?? ''}</td>
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
        Thresholds: ≥ {(report.thresholds.improvement.minRelativeGain * 100).toFixed(1)} % better than production
        {report.thresholds.improvement.mustBeatBaseline ? ' and better than the naive baseline' : ''}; no segment more
        than {(report.thresholds.stability.maxSegmentRegression * 100).toFixed(0)} % worse; prediction PSI ≤{' '}
        {report.thresholds.consistency.maxPsi}; missing ≤{' '}
        {(report.thresholds.dataQuality.maxMissingRate * 100).toFixed(0)} %, ≥ {report.thresholds.dataQuality.minRows}{' '}
        rows.
      </p>
      {report.passed ? (
        <Button onClick={() => onPromote()} disabled={busy} data-testid="btn-promote">
          Promote to production
        </Button>
      ) : (
        <div className="space-y-1 rounded border border-amber-300 bg-amber-50 p-2">
          <label className="block text-sm" htmlFor="override-reason">
            A gate failed. To promote anyway, say why (recorded with the version):
          </label>
          <textarea
            id="override-reason"
            data-testid="override-reason"
            className="w-full rounded border border-slate-300 p-1 text-sm"
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <Button
            variant="danger"
            disabled={busy || reason.trim().length < 5}
            onClick={() => onPromote(reason.trim())}
            data-testid="btn-promote-override"
          >
            Override and promote
          </Button>
        </div>
      )}
    </div>
  );
}
