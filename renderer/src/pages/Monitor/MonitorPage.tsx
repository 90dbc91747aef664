import { useCallback, useEffect, useState } from 'react';
import type { MonitorOverview } from '../../../../core/contract/api/monitoring';
import type { HealthInfo } from '../../../../core/contract/api/system';
import { api } from '../../api/client';
import { Button, Card, ErrorBanner, Stat } from '../../components/ui';
import { t, type MessageKey } from '../../i18n';
import { formatPct } from '../../lib/format';
import { reasonsText } from '../../lib/refusalText';
import { modeLabel, outcomeLabel } from '../../lib/modelLabels';
import { latencyScale } from './latencyScale';
import { LineChart } from './LineChart';
import { ruleText } from './ruleText';
import { AlertList, CallTable, DriftTable, ModelStatusTable } from './MonitorTables';

const WINDOWS = [15, 60, 360, 1440] as const;
const DB_STATUS: Record<HealthInfo['db']['status'], MessageKey> = {
  ok: 'monitor.db.ok',
  corrupt: 'monitor.db.corrupt',
  unavailable: 'monitor.db.unavailable',
};

export function MonitorPage() {
  const [health, setHealth] = useState<HealthInfo | null>(null);
  const [overview, setOverview] = useState<MonitorOverview | null>(null);
  const [minutes, setMinutes] = useState<number>(60);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  // State is set only in the promise's callbacks, never while the effect that calls load runs.
  const load = useCallback(
    () =>
      Promise.all([api.call('health.get', {}), api.call('monitoring.overview', { minutes })]).then(
        ([h, o]) => {
          setHealth(h);
          setOverview(o);
          setError(null);
        },
        (e: unknown) => setError(e),
      ),
    [minutes],
  );

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 5000);
    return () => clearInterval(timer);
  }, [load]);

  const runDrift = async () => {
    setBusy('drift');
    try {
      const reports = await api.call('drift.run', {});
      setNote(
        reports.length ? reports.map((r) => `${r.name}: ${reasonsText(r)}`).join(' ') : t('monitor.noModelsToCheck'),
      );
      await load();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  // Drift → retrain from the model's spec (training registers the result as candidate); the gates decide on the Models page.
  const retrain = async (name: string) => {
    setBusy(name);
    try {
      const res = await api.call('training.start', { spec: name });
      setNote(t('monitor.retrained', { model: `${name}@${res.registryVersion}` }));
      await load();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const calls = overview?.calls ?? [];
  const latency = latencyScale(calls.map((p) => p.p99));
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">{t('nav.monitor')}</h1>
        <label className="text-sm text-slate-600">
          {t('monitor.window')}{' '}
          <select
            className="rounded border border-slate-300 px-2 py-1"
            value={minutes}
            onChange={(e) => setMinutes(Number(e.target.value))}
            data-testid="monitor-window"
          >
            {WINDOWS.map((w) => (
              <option key={w} value={w}>
                {w < 60
                  ? t('monitor.minutes', { n: w })
                  : t(w === 60 ? 'monitor.hour' : 'monitor.hours', { n: w / 60 })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBanner error={error} />
      {note && (
        <p className="rounded border border-slate-200 bg-slate-50 p-2 text-sm" role="status">
          {note}
        </p>
      )}
      <Card title={t('monitor.health')}>
        {health ? (
          <div className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="health">
            <Stat
              label={t('monitor.appVersion')}
              value={<span data-testid="health-version">{health.appVersion}</span>}
            />
            <Stat
              label={t('monitor.schemaVersion')}
              value={<span data-testid="health-schema">{health.schemaVersion}</span>}
            />
            <Stat
              label={t('monitor.database')}
              value={
                <span
                  data-testid="health-db"
                  className={health.db.status === 'ok' ? 'text-emerald-700' : 'text-red-700'}
                >
                  {t(DB_STATUS[health.db.status])}
                </span>
              }
              hint={health.db.message ?? t('monitor.journal', { mode: health.db.journalMode ?? '' })}
            />
            <Stat
              label={t('monitor.uptime')}
              value={`${health.uptimeS} s`}
              hint={t('monitor.modePid', { mode: modeLabel(health.mode), pid: health.pid })}
            />
            <div className="col-span-full text-xs text-slate-500">
              {t('monitor.dataDir')}{' '}
              <span className="font-mono" data-testid="health-datadir">
                {health.dataDir}
              </span>
            </div>
          </div>
        ) : (
          <p className="text-sm text-slate-500">{t('app.loading')}</p>
        )}
      </Card>
      <Card title={t('monitor.alerts')}>
        {overview ? (
          <AlertList alerts={overview.alerts} />
        ) : (
          <p className="text-sm text-slate-500">{t('app.loading')}</p>
        )}
        {overview && (
          <p className="mt-2 text-xs text-slate-500">
            {t('monitor.rules', {
              rules: overview.rules
                .filter((r) => r.rule.enabled)
                .map((r) => ruleText(r.rule))
                .join(' · '),
            })}
          </p>
        )}
      </Card>
      {overview && (
        <>
          <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
            <Stat
              label={t('monitor.calls')}
              value={<span data-testid="calls-total">{overview.byCall.reduce((a, c) => a + c.count, 0)}</span>}
              hint={t('monitor.lastMinutes', { n: minutes })}
            />
            <Stat label={t('monitor.errors')} value={overview.byCall.reduce((a, c) => a + c.errors, 0)} />
            <Stat
              label={t('monitor.optimizerSuccess')}
              value={overview.optimizer.successRate === null ? '–' : formatPct(overview.optimizer.successRate)}
              hint={
                <span data-testid="optimizer-runs">
                  {t('monitor.optimizerRuns', {
                    runs:
                      overview.optimizer.runs === 1
                        ? t('monitor.oneRun')
                        : t('monitor.runs', { n: overview.optimizer.runs }),
                    outcomes: outcomeCounts(overview.optimizer.byOutcome),
                  })}
                </span>
              }
            />
            <Stat
              label={t('monitor.trainingJobs')}
              value={overview.training.reduce((a, j) => a + j.count, 0)}
              hint={outcomeCounts(overview.training)}
            />
          </div>
          <div className="grid gap-4 md:grid-cols-2">
            <Card title={t('monitor.requestRate')}>
              <LineChart
                testId="chart-rate"
                unit={t('monitor.callsPerS')}
                times={calls.map((p) => p.t)}
                lines={[
                  { label: t('monitor.callsPerS'), color: '#2563eb', values: calls.map((p) => p.rate) },
                  { label: t('monitor.errorsPerS'), color: '#dc2626', values: calls.map((p) => p.errors / 60) },
                ]}
              />
            </Card>
            <Card title={t('monitor.latency')}>
              <LineChart
                testId="chart-latency"
                unit={latency.unit}
                times={calls.map((p) => p.t)}
                lines={[
                  { label: 'p50', color: '#16a34a', values: calls.map((p) => latency.of(p.p50)) },
                  { label: 'p95', color: '#d97706', values: calls.map((p) => latency.of(p.p95)) },
                  { label: 'p99', color: '#dc2626', values: calls.map((p) => latency.of(p.p99)) },
                ]}
              />
            </Card>
          </div>
          <Card title={t('monitor.callsByName')}>
            <CallTable rows={overview.byCall} />
          </Card>
          <Card title={t('nav.models')}>
            <ModelStatusTable rows={overview.models} inference={overview.inference} />
          </Card>
          <Card
            title={t('monitor.inputDrift')}
            actions={
              <Button
                variant="secondary"
                onClick={() => void runDrift()}
                disabled={busy !== null}
                data-testid="drift-run"
              >
                {busy === 'drift' ? t('monitor.checking') : t('monitor.checkDrift')}
              </Button>
            }
          >
            <DriftTable reports={overview.drift} onRetrain={(n) => void retrain(n)} busy={busy} />
          </Card>
        </>
      )}
    </div>
  );
}

/** How many runs ended each way ("solved 5, cancelled 1"); "none" when nothing ran. */
function outcomeCounts(byOutcome: MonitorOverview['training']): string {
  return byOutcome.map((o) => `${outcomeLabel(o.key)} ${o.count}`).join(', ') || t('monitor.none');
}
