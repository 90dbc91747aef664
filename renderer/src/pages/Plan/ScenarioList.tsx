import { formatDate } from '../../lib/dates';
import { useState } from 'react';
import { api, fileToBase64, saveBytes } from '../../api/client';
import { useMenuCommands } from '../../api/menu-commands';
import { Button } from '../../components/ui';
import { formatT } from '../../lib/format';
import { ImportButton } from './ScenarioFileButtons';
import { useScenarios } from './scenarioStore';

/** The scenarios on file: create, copy as a what-if, rename, delete, import a whole scenario. */
export function ScenarioList() {
  const { list, selectedId, select, refresh, setError, setImport } = useScenarios();
  const [template, setTemplate] = useState<'empty' | 'day' | 'week' | 'large'>('day');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);

  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      await refresh();
    } catch (e) {
      setError(e);
    }
  };

  /** A whole scenario file (picked here, or opened from the OS or the menu) becomes a new scenario. */
  const importScenario = async (name: string, base64: string) => {
    try {
      const result = await api.call('scenarios.import', { fileName: name, dataBase64: base64 });
      setImport({ table: null, fileName: name, dataBase64: base64, mode: 'merge', result });
      if (result.scenarioId) {
        await refresh();
        await select(result.scenarioId);
        setImport({ table: null, fileName: name, dataBase64: base64, mode: 'merge', result });
      }
    } catch (e) {
      setError(e);
    }
  };

  // The desktop menu and files opened from the OS (no menu in the browser).
  useMenuCommands((c) => {
    if (c.command === 'open-file') void importScenario(c.name, c.base64);
    else if (c.command === 'new-scenario')
      void run(async () => {
        const s = await api.call('scenarios.create', { template, seed: Date.now() % 100_000 });
        await select(s.id);
      });
    else if (c.command === 'import') {
      void window.rakeplan
        ?.openFile({ title: 'Import a scenario', filters: [{ name: 'Scenario', extensions: ['json', 'xlsx', 'csv'] }] })
        .then((f) => (f ? importScenario(f.name, f.base64) : undefined), setError);
    } else if (c.command === 'export' && selectedId) {
      void api
        .call('scenarios.export', { id: selectedId, format: 'json' })
        .then((f) => saveBytes(f.fileName, f.dataBase64), setError);
    }
  });

  return (
    <section
      aria-label="Scenarios"
      className="space-y-2"
      data-testid="scenario-drop"
      // A scenario file dropped on the list is imported as a new scenario, as with Import.
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDrop={(e) => {
        const file = e.dataTransfer.files[0];
        if (!file) return;
        e.preventDefault();
        void fileToBase64(file).then((b64) => importScenario(file.name, b64), setError);
      }}
    >
      <ul className="space-y-1" data-testid="scenario-list">
        {list.map((s) => (
          <li
            key={s.id}
            className={`rounded-md border p-2 ${s.id === selectedId ? 'border-brand-600 bg-brand-50' : 'border-slate-200 bg-white'}`}
          >
            {renaming?.id === s.id ? (
              <form
                className="flex gap-1"
                onSubmit={(e) => {
                  e.preventDefault();
                  void run(() => api.call('scenarios.rename', { id: s.id, name: renaming.name })).then(() =>
                    setRenaming(null),
                  );
                }}
              >
                <input
                  aria-label="New name"
                  autoFocus
                  value={renaming.name}
                  onChange={(e) => setRenaming({ id: s.id, name: e.target.value })}
                  className="min-w-0 flex-1 rounded border border-slate-300 px-1 text-sm"
                />
                <Button type="submit">Save</Button>
              </form>
            ) : (
              <button
                type="button"
                className="block w-full text-left"
                onClick={() => void select(s.id)}
                aria-current={s.id === selectedId ? 'true' : undefined}
              >
                <span className="font-medium">{s.name}</span>
                {s.parentId && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-800">what-if</span>}
                <span className="tabular block text-xs text-slate-500">
                  {s.counts.orders} orders · {formatT(s.orderedT)} · {s.counts.rakes} rakes · {s.horizonDays} d from{' '}
                  {formatDate(s.horizonStart)}
                </span>
              </button>
            )}
            {s.id === selectedId && !renaming && (
              <div className="mt-1 flex gap-1">
                <Button
                  variant="secondary"
                  onClick={() =>
                    void run(async () => {
                      const c = await api.call('scenarios.copy', { id: s.id });
                      await select(c.id);
                    })
                  }
                >
                  Copy as what-if
                </Button>
                <Button variant="secondary" onClick={() => setRenaming({ id: s.id, name: s.name })}>
                  Rename
                </Button>
                <Button
                  variant="danger"
                  onClick={() => {
                    if (confirm(`Delete scenario '${s.name}'? This cannot be undone.`))
                      void run(() => api.call('scenarios.delete', { id: s.id }));
                  }}
                >
                  Delete
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-1">
        <select
          aria-label="New scenario template"
          value={template}
          onChange={(e) => setTemplate(e.target.value as typeof template)}
          className="rounded-md border border-slate-300 px-1 py-1.5 text-sm"
        >
          <option value="day">Demo plant: a day (120 orders)</option>
          <option value="week">Demo plant: a week (400 orders)</option>
          <option value="large">Large network (2,000 orders)</option>
          <option value="empty">Empty</option>
        </select>
        <Button
          onClick={() =>
            void run(async () => {
              const c = await api.call('scenarios.create', { template, seed: Date.now() % 100_000 });
              await select(c.id);
            })
          }
        >
          New scenario
        </Button>
        <ImportButton label="Import scenario…" testId="import-scenario-input" onFile={importScenario} />
      </div>
    </section>
  );
}
