import { useEffect, useState } from 'react';
import { Button, Card } from '../../components/ui';
import { formatDuration, formatPct, formatRs } from '../../lib/format';
import { usePlans } from './planStore';
import { useScenarios } from './scenarioStore';
import { suggestedTimeLimitS } from './timeLimit';
import { fieldError, parseNumber } from '../../lib/numberInput';
import { t } from '../../i18n';
import { progressClock, progressPhase } from './optimizeProgress';

/** Seconds since `startedAt`, re-rendered every second while `startedAt` is set. */
function useElapsedS(startedAt: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (startedAt === null) return;
    // Until the first tick `now` may predate the start: the clamp below shows 0 s, not a negative.
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [startedAt]);
  return startedAt === null ? 0 : Math.max(0, (now - startedAt) / 1000);
}

/**
 * Time limit, gap, Optimize; while solving: a progress bar with elapsed time and best so far.
 * The clock is the wall clock since Optimize was pressed: the solver's phases report their own
 * elapsed times, which restart per phase and arrive irregularly.
 */
export function OptimizePanel({ scenarioId }: { scenarioId: string | null }) {
  const { running: anyRun, optimize, stop, cancel } = usePlans();
  // The limit typed for one scenario does not carry over to the next: each starts at its suggestion.
  const summary = useScenarios(
    (st) =>
      st.list.find((x) => x.id === scenarioId) ??
      (st.detail?.summary.id === scenarioId ? st.detail.summary : undefined),
  );
  const size = summary
    ? { orders: summary.counts.orders, rakes: summary.counts.rakes, days: summary.horizonDays ?? 7 }
    : null;
  const suggested = size ? suggestedTimeLimitS(size) : 30;
  // The fields keep what was typed; it is read only to enable Optimize and to send it.
  const [typed, setTyped] = useState<{ scenarioId: string | null; text: string } | null>(null);
  const limitText = typed && typed.scenarioId === scenarioId ? typed.text : String(suggested);
  const limit = parseNumber(limitText, { min: 1, max: 3600, unit: 's' });
  const [gapText, setGapText] = useState('0.5');
  const gap = parseNumber(gapText, { min: 0, max: 50, unit: '%' });
  const badInputs = [
    ...(limit.ok ? [] : [fieldError(t('opt.timeLimit'), limit.why)]),
    ...(gap.ok ? [] : [fieldError(t('opt.gap'), gap.why)]),
  ];
  const [robust, setRobust] = useState(false);
  // A solve of another scenario is not this scenario's progress; one solve runs at a time.
  const running = anyRun && anyRun.scenarioId === scenarioId ? anyRun : null;
  const elsewhere = anyRun !== null && running === null;
  const otherWindow = usePlans((s) => scenarioId !== null && Object.values(s.othersSolving).includes(scenarioId));
  const elapsedS = useElapsedS(running?.startedAt ?? null);
  // Rows that break a rule are never planned (the host refuses them too): name them here first.
  const detail = useScenarios((st) => st.detail);
  const dataErrors =
    detail && detail.summary.id === scenarioId ? detail.issues.filter((i) => i.severity === 'error') : [];
  const p = running?.progress;
  const share = running ? Math.min(1, elapsedS / running.timeLimitS) : 0;
  return (
    <Card title={t('opt.title')}>
      <div className="flex flex-wrap items-end gap-4">
        <label className="text-sm">
          {t('opt.timeLimit')}
          <input
            aria-label={t('opt.timeLimitAria')}
            inputMode="numeric"
            value={limitText}
            disabled={Boolean(running)}
            aria-invalid={!limit.ok || undefined}
            onChange={(e) => setTyped({ scenarioId, text: e.target.value })}
            className="ml-2 w-20 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="text-sm">
          {t('opt.gap')}
          <input
            aria-label={t('opt.gapAria')}
            inputMode="decimal"
            value={gapText}
            disabled={Boolean(running)}
            aria-invalid={!gap.ok || undefined}
            onChange={(e) => setGapText(e.target.value)}
            className="ml-2 w-20 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="text-sm" title={t('opt.robustTitle')}>
          <input
            type="checkbox"
            checked={robust}
            disabled={Boolean(running)}
            onChange={(e) => setRobust(e.target.checked)}
            className="mr-1"
          />
          {t('opt.robust')}
        </label>
        {size && !running && (
          <span className="text-xs text-slate-600" data-testid="optimize-estimate">
            {t('optimize.estimate', {
              orders: size.orders.toLocaleString('en-IN'),
              rakes: size.rakes.toLocaleString('en-IN'),
              limit: formatDuration(suggested),
            })}
            {limitText !== String(suggested) && (
              <button type="button" className="ml-2 underline" onClick={() => setTyped(null)}>
                {t('optimize.useSuggested')}
              </button>
            )}
          </span>
        )}
        {!running && (
          <Button
            // Another window's solve of this scenario: its plan comes to this list; a second solve would halve both's CPU.
            disabled={!scenarioId || elsewhere || otherWindow || dataErrors.length > 0 || !limit.ok || !gap.ok}
            onClick={() =>
              scenarioId &&
              limit.ok &&
              gap.ok &&
              void optimize(scenarioId, { timeLimitS: limit.value, gap: gap.value / 100, robust })
            }
          >
            {t('opt.run')}
          </Button>
        )}
        {running && (
          <>
            <Button variant="secondary" disabled={running.stopping} onClick={() => void stop()}>
              {running.stopping ? t('opt.stopping') : t('opt.stop')}
            </Button>
            <Button variant="danger" onClick={cancel}>
              {t('opt.cancel')}
            </Button>
          </>
        )}
        {!scenarioId && <span className="text-sm text-slate-500">{t('opt.selectFirst')}</span>}
        {dataErrors.length > 0 && (
          <span className="text-sm text-red-800" role="alert" data-testid="optimize-blocked">
            {dataErrors.length === 1 ? t('opt.fixOne') : t('opt.fixMany', { n: dataErrors.length })}
            {' ('}
            {dataErrors
              .slice(0, 3)
              .map((i) => `${i.table} ${i.rowKey ?? ''} ${i.field ?? ''}: ${i.message}`.replace(/\s+/g, ' '))
              .join('; ')}
            {dataErrors.length > 3 ? '; …' : ''}).
          </span>
        )}
        {badInputs.length > 0 && !running && (
          <p className="w-full text-sm text-red-800 dark:text-red-300" role="alert" data-testid="optimize-bad-input">
            {badInputs.join(' · ')}
          </p>
        )}
        {otherWindow && !running && (
          <span className="text-sm text-slate-500" role="status" data-testid="optimize-other-window">
            {t('opt.otherWindow')}
          </span>
        )}
        {elsewhere && (
          <span className="text-sm text-slate-500" data-testid="optimize-elsewhere">
            {t('opt.elsewhere')}
          </span>
        )}
      </div>
      {running && (
        <div className="mt-3" data-testid="optimize-progress">
          <div
            className="h-2 w-full overflow-hidden rounded bg-slate-200"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(share * 100)}
          >
            <div className="h-2 bg-brand-600 transition-all" style={{ width: `${share * 100}%` }} />
          </div>
          <p className="tabular mt-1 text-sm text-slate-600">
            <span data-testid="optimize-clock">{progressClock(elapsedS, running.timeLimitS)}</span>
            {` · ${progressPhase(elapsedS, running.timeLimitS, p ?? null)}`}
            {p?.incumbent != null && ` · ${t('opt.bestSoFar', { cost: formatRs(p.incumbent) })}`}
            {p?.gap != null && ` · ${t('opt.gapNow', { gap: formatPct(p.gap) })}`}
          </p>
        </div>
      )}
    </Card>
  );
}
