import { useEffect } from 'react';
import { api } from '../../api/client';
import { ErrorBanner } from '../../components/ui';
import { ForecastDiff } from './ForecastDiff';
import { ScenarioEditor } from './ScenarioEditor';
import { ScenarioImportReport } from './ScenarioImportReport';
import { ScenarioList } from './ScenarioList';
import { useScenarios } from './scenarioStore';
import { t } from '../../i18n';

/**
 * The Plan page's first half: the scenario list beside the open scenario's editor. Mount it once
 * in the Plan page: `<ScenarioWorkspace />`. The selected scenario id is in `useScenarios`.
 */
export function ScenarioWorkspace() {
  const { list, listed, selectedId, error, refresh, setError, lastImport } = useScenarios();
  useEffect(() => {
    void refresh();
    return api.on('scenarios.changed', () => void refresh());
  }, [refresh]);
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-[18rem_1fr]">
      <aside className="space-y-2">
        <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-600">{t('page.scenarios')}</h2>
        <ScenarioList />
      </aside>
      <div className="min-w-0 space-y-3">
        {error ? (
          <div onClick={() => setError(null)}>
            <ErrorBanner error={error} />
          </div>
        ) : null}
        {selectedId ? (
          <>
            <ScenarioEditor />
            <ForecastDiff scenarioId={selectedId} />
          </>
        ) : (
          <>
            {lastImport && !lastImport.table && <ScenarioImportReport />}
            {listed ? (
              <p className="text-sm text-slate-500">
                {list.length === 0 ? t('scenario.noneYet') : t('scenario.choose')}
              </p>
            ) : (
              !error && (
                <p className="text-sm text-slate-500" role="status">
                  {t('scenario.listing')}
                </p>
              )
            )}
          </>
        )}
      </div>
    </div>
  );
}
