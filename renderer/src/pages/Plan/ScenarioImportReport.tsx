import { api } from '../../api/client';
import { Button } from '../../components/ui';
import { t } from '../../i18n';
import { useScenarios } from './scenarioStore';

/** What the last import did: every rejected row with line, column and reason. */
export function ScenarioImportReport() {
  const { lastImport, setImport, reload, refresh, select, setError } = useScenarios();
  if (!lastImport) return null;
  const { result, fileName } = lastImport;
  const rejected = result.status === 'rejected';
  const importValid = async () => {
    try {
      const again = await api.call('scenarios.import', {
        id: lastImport.table ? (useScenarios.getState().selectedId ?? undefined) : undefined,
        table: lastImport.table ?? undefined,
        fileName,
        dataBase64: lastImport.dataBase64,
        mode: lastImport.mode,
        skipInvalid: true,
      });
      setImport({ ...lastImport, result: again });
      await refresh();
      if (!lastImport.table && again.scenarioId) await select(again.scenarioId);
      else await reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section
      aria-label={t('import.report')}
      data-testid="import-report"
      className={`rounded-md border p-3 text-sm ${rejected ? 'border-red-200 bg-red-50 text-red-900' : 'border-emerald-200 bg-emerald-50 text-emerald-900'}`}
    >
      <div className="flex items-start justify-between gap-2">
        <p className="font-medium">
          {rejected
            ? t('import.rejected', { file: fileName, n: result.rejected.length })
            : result.rejected.length
              ? t('import.importedSkipped', { file: fileName, n: result.imported, skipped: result.rejected.length })
              : t('import.imported', { file: fileName, n: result.imported })}
        </p>
        <Button variant="secondary" onClick={() => setImport(null)}>
          {t('import.dismiss')}
        </Button>
      </div>
      {result.rejected.length > 0 && (
        <ul className="mt-2 max-h-48 list-disc overflow-auto pl-5">
          {result.rejected.map((r, i) => (
            <li key={i}>
              {r.table ? `${r.table}, ` : ''}
              {t('import.line', { line: r.line })}
              {r.key ? ` (${r.key})` : ''}
              {r.field ? `, ${r.field}` : ''}: {r.reason}
            </li>
          ))}
        </ul>
      )}
      {result.ignoredColumns.length > 0 && (
        <p className="mt-1">{t('import.ignored', { columns: result.ignoredColumns.join(', ') })}</p>
      )}
      {rejected && (
        <Button className="mt-2" onClick={() => void importValid()}>
          {t('import.validOnly')}
        </Button>
      )}
    </section>
  );
}
