import { useCallback, useMemo, useState } from 'react';
import { SCENARIO_TABLES, issueTable, rowsField, type TableName } from '../../../../core/domain/scenario-tables';
import type { DataIssue } from '../../../../core/domain/validate';
import { api } from '../../api/client';
import { DataTable } from '../../components/grid/DataTable';
import { ScenarioCosts } from './ScenarioCosts';
import { ExportMenu, ImportButton } from './ScenarioFileButtons';
import { ScenarioImportReport } from './ScenarioImportReport';
import { t } from '../../i18n';
import { formatCount } from '../../lib/format';
import { columnLabel, tableLabel } from './planText';
import { useScenarios } from './scenarioStore';

type Tab = TableName | 'costs';
const MAIN_TABS: Tab[] = ['orders', 'inventory', 'rakes', 'loadingPoints', 'destinations', 'costs'];
const MORE_TABS: Tab[] = ['stockyards', 'products', 'wagonTypes', 'corridors', 'roadCapacity', 'roadLanes'];
const tabLabel = (tab: Tab) => (tab === 'costs' ? t('editor.costs') : tableLabel(tab, SCENARIO_TABLES[tab].label));

function rowsOf(
  detail: NonNullable<ReturnType<typeof useScenarios.getState>['detail']>,
  table: TableName,
): Record<string, unknown>[] {
  const spec = SCENARIO_TABLES[table];
  const holder =
    spec.path.length === 2
      ? (detail.scenario.plant as unknown as Record<string, unknown>)
      : (detail.scenario as unknown as Record<string, unknown>);
  return holder[rowsField(spec)] as Record<string, unknown>[];
}

/** The open scenario: one tab per table, inline validation, import and export. */
export function ScenarioEditor() {
  const { detail, selectedId, reload, setImport, setError } = useScenarios();
  const [tab, setTab] = useState<Tab>('orders');

  const table = tab === 'costs' ? null : tab;
  const rows = useMemo(() => (detail && table ? rowsOf(detail, table) : []), [detail, table]);
  const spec = table ? SCENARIO_TABLES[table] : null;
  const label = table && spec ? tableLabel(table, spec.label) : '';
  const columns = useMemo(
    () =>
      table && spec
        ? spec.columns.map((c) => ({ field: c.field, label: columnLabel(table, c), kind: c.kind, options: c.options }))
        : [],
    [table, spec],
  );
  const rowKey = useCallback(
    (row: Record<string, unknown>) => (spec ? spec.key.map((k) => String(row[k])).join('/') : ''),
    [spec],
  );

  // Cross-table issues of this table, shown on their cells.
  const cellMessages = useMemo(() => {
    const m = new Map<string, string>();
    if (!detail || !table) return m;
    for (const i of detail.issues) {
      const row = i.row === null ? undefined : rows[i.row];
      if (i.table !== issueTable(table) || !row) continue;
      m.set(`${rowKey(row)}|${i.field}`, i.message);
    }
    return m;
  }, [detail, table, rows, rowKey]);

  if (!detail || !selectedId) return <p className="text-sm text-slate-500">{t('editor.loading')}</p>;
  const errors = detail.issues.filter((i) => i.severity === 'error');
  const warnings = detail.issues.filter((i) => i.severity === 'warning');

  type Change = Parameters<typeof api.call<'scenarios.editRows'>>[1]['changes'][number];
  /** One transaction: a paste of many cells is saved whole or not at all. */
  async function change(ch: Change | Change[]): Promise<string | null> {
    try {
      await api.call('scenarios.editRows', { id: selectedId!, table: table!, changes: Array.isArray(ch) ? ch : [ch] });
      await reload();
      return null;
    } catch (e) {
      const err = e as { issues?: { path?: string; message: string }[]; message?: string };
      const first = err.issues?.[0];
      if (!first) return err.message ?? String(e);
      if (!Array.isArray(ch)) return first.message;
      // A paste touches many rows: say which row and column the first refusal is in.
      const m = /\[(\d+)\]\.(\w+)/.exec(first.path ?? '');
      const row = m ? rows[Number(m[1])] : undefined;
      const where = m && row ? `${rowKey(row)}, ${columns.find((c) => c.field === m[2])?.label ?? m[2]}: ` : '';
      const message = `${where}${first.message}`;
      return err.issues!.length > 1 ? t('editor.andMore', { message, n: err.issues!.length - 1 }) : message;
    }
  }

  /** The stored id of the row at `index`; none means the grid shows rows the scenario no longer has. */
  function ridOf(index: number): number | undefined {
    return detail?.rowIds[table!][index];
  }
  const staleRow = (index: number) => Promise.resolve(t('editor.staleRow', { n: index + 1 }));

  /** Pasted cells, one update per row with all its fields. */
  function pasteMany(cells: { index: number; field: string; text: string }[]) {
    const byRow = new Map<number, Record<string, string>>();
    for (const c of cells) byRow.set(c.index, { ...byRow.get(c.index), [c.field]: c.text });
    const updates: Change[] = [];
    for (const [index, values] of byRow) {
      const rid = ridOf(index);
      if (rid === undefined) return staleRow(index);
      updates.push({ op: 'update', rid, values });
    }
    return change(updates);
  }

  async function importFile(name: string, base64: string, mode: 'merge' | 'replace') {
    try {
      const result = await api.call('scenarios.import', {
        id: selectedId!,
        table: table!,
        fileName: name,
        dataBase64: base64,
        mode,
      });
      setImport({ table: table!, fileName: name, dataBase64: base64, mode, result });
      if (result.status === 'imported') await reload();
    } catch (e) {
      setError(e);
    }
  }

  /** A copy of the row with its key made unique, for the planner to edit. */
  function duplicate(index: number) {
    const row = { ...rows[index] };
    const keyField = spec!.key[0];
    if (keyField === undefined) return Promise.resolve(t('editor.noKey', { table: label }));
    const taken = new Set(rows.map((r) => String(r[keyField])));
    let n = 2;
    while (taken.has(`${row[keyField]}-${n}`)) n++;
    row[keyField] = `${row[keyField]}-${n}`;
    return change({ op: 'insert', values: row });
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold" data-testid="scenario-title">
          {detail.summary.name}
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          <ExportMenu
            label={t('editor.exportScenario')}
            testId="export-scenario"
            onExport={(format) => api.call('scenarios.export', { id: selectedId, format })}
          />
        </div>
      </div>
      <IssueSummary errors={errors} warnings={warnings} />
      <div role="tablist" aria-label={t('editor.tables')} className="flex flex-wrap gap-1 border-b border-slate-200">
        {[...MAIN_TABS, ...MORE_TABS].map((k) => (
          <button
            key={k}
            role="tab"
            aria-selected={tab === k}
            onClick={() => setTab(k)}
            className={`rounded-t-md px-3 py-1.5 text-sm ${tab === k ? 'border border-b-white border-slate-200 bg-white font-medium' : 'text-slate-600 hover:bg-slate-100'}`}
          >
            {tabLabel(k)}
            {k !== 'costs' && (
              <span className="tabular ml-1 text-xs text-slate-400">{formatCount(detail.summary.counts[k])}</span>
            )}
          </button>
        ))}
      </div>
      <ScenarioImportReport />
      {table && spec ? (
        <div role="tabpanel" aria-label={label} className="space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <ImportButton
              label={t('editor.importMerge', { table: label.toLowerCase() })}
              testId="import-table-input"
              onFile={(name, base64) => importFile(name, base64, 'merge')}
            />
            <ImportButton
              label={t('editor.replace', { table: label.toLowerCase() })}
              testId="replace-table-input"
              onFile={(name, base64) => importFile(name, base64, 'replace')}
            />
            <ExportMenu
              label={t('editor.exportTable', { table: label.toLowerCase() })}
              testId="export-table"
              onExport={(format) => api.call('scenarios.export', { id: selectedId, table, format })}
            />
          </div>
          <DataTable
            label={label}
            columns={columns}
            rows={rows}
            rowKey={rowKey}
            onEdit={(index, field, text) => {
              const rid = ridOf(index);
              return rid === undefined ? staleRow(index) : change({ op: 'update', rid, values: { [field]: text } });
            }}
            cellMessages={cellMessages}
            onEditMany={pasteMany}
            onAdd={spec.key.length === 1 && rows.length > 0 ? () => duplicate(rows.length - 1) : undefined}
            onDuplicate={spec.key.length === 1 ? duplicate : undefined}
            onDelete={(index) => {
              const rid = ridOf(index);
              return rid === undefined ? staleRow(index) : change({ op: 'delete', rid });
            }}
          />
        </div>
      ) : (
        <div role="tabpanel" aria-label={t('editor.costs')}>
          <ScenarioCosts />
        </div>
      )}
    </div>
  );
}

function IssueSummary({ errors, warnings }: { errors: DataIssue[]; warnings: DataIssue[] }) {
  if (errors.length === 0 && warnings.length === 0)
    return (
      <p className="text-sm text-emerald-700" data-testid="scenario-issues">
        {t('editor.noIssues')}
      </p>
    );
  return (
    <details
      className={`rounded-md border p-2 text-sm ${errors.length ? 'border-red-200 bg-red-50 text-red-900' : 'border-amber-200 bg-amber-50 text-amber-900'}`}
      data-testid="scenario-issues"
    >
      <summary>{t('editor.issues', { errors: errors.length, warnings: warnings.length })}</summary>
      <ul className="mt-1 max-h-48 list-disc overflow-auto pl-5">
        {[...errors, ...warnings].slice(0, 200).map((i, k) => (
          <li key={k}>
            {i.table}
            {i.row !== null ? ` ${t('editor.row', { n: i.row + 1 })}` : ''}
            {i.rowKey ? ` (${i.rowKey})` : ''}
            {i.field ? `, ${i.field}` : ''}: {i.message}
          </li>
        ))}
      </ul>
    </details>
  );
}
