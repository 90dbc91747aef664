import { api } from '../../api/client';
import { Button } from '../../components/ui';
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
      aria-label="Import report"
      data-testid="import-report"
      className={`rounded-md border p-3 text-sm ${rejected ? 'border-red-200 bg-red-50 text-red-900' : 'border-emerald-200 bg-emerald-50 text-emerald-900'}`}
    >
      <div className="flex items-start justify-between gap-2">
        <p className="font-medium">
          {rejected
            ? `${fileName}: ${result.rejected.length} problem(s) found, nothing was changed.`
            : `${fileName}: ${result.imported} row(s) imported${result.rejected.length ? `, ${result.rejected.length} row problem(s) skipped` : ''}.`}
        </p>
        <Button variant="secondary" onClick={() => setImport(null)}>
          Dismiss
        </Button>
      </div>
      {result.rejected.length > 0 && (
        <ul className="mt-2 max-h-48 list-disc overflow-auto pl-5">
          {result.rejected.map((r, i) => (
            <li key={i}>
              {r.table ? `${r.table}, ` : ''}line {r.line}
              {r.key ? ` (${r.key})` : ''}
              {r.field ? `, ${r.field}` : ''}: {r.reason}
            </li>
          ))}
        </ul>
      )}
      {result.ignoredColumns.length > 0 && <p className="mt-1">Ignored columns: {result.ignoredColumns.join(', ')}</p>}
      {rejected && (
        <Button className="mt-2" onClick={() => void importValid()}>
          Import the valid rows only
        </Button>
      )}
    </section>
  );
}
