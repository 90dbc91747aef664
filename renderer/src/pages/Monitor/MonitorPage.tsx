import { useEffect, useState } from 'react';
import type { HealthInfo } from '../../../../core/contract/api/system';
import { api } from '../../api/client';
import { Card, ErrorBanner, Stat } from '../../components/ui';

export function MonitorPage() {
  const [health, setHealth] = useState<HealthInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      api.call('health.get', {}).then(
        (h) => { if (live) { setHealth(h); setError(null); } },
        (e: unknown) => { if (live) setError(e); },
      );
    void load();
    const t = setInterval(load, 5000);
    return () => { live = false; clearInterval(t); };
  }, []);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Monitor</h1>
      <ErrorBanner error={error} />
      <Card title="Health">
        {health ? (
          <div className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="health">
            <Stat label="App version" value={<span data-testid="health-version">{health.appVersion}</span>} />
            <Stat label="Schema version" value={<span data-testid="health-schema">{health.schemaVersion}</span>} />
            <Stat
              label="Database"
              value={<span data-testid="health-db" className={health.db.status === 'ok' ? 'text-emerald-700' : 'text-red-700'}>{health.db.status}</span>}
              hint={health.db.message ?? `${health.db.journalMode ?? ''} journal`}
            />
            <Stat label="Uptime" value={`${health.uptimeS} s`} hint={`${health.mode} mode, pid ${health.pid}`} />
            <div className="col-span-full text-xs text-slate-500">
              Data directory: <span className="font-mono" data-testid="health-datadir">{health.dataDir}</span>
            </div>
          </div>
        ) : (
          <p className="text-sm text-slate-500">Loading…</p>
        )}
      </Card>
    </div>
  );
}
