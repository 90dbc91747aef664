import { useState } from 'react';
import { api } from '../../api/client';
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

  return (
    <section aria-label="Scenarios" className="space-y-2">
      <ul className="space-y-1" data-testid="scenario-list">
        {list.map((s) => (
          <li key={s.id} className={`rounded-md border p-2 ${s.id === selectedId ? 'border-brand-600 bg-brand-50' : 'border-slate-200 bg-white'}`}>
            {renaming?.id === s.id ? (
              <form className="flex gap-1" onSubmit={(e) => { e.preventDefault(); void run(() => api.call('scenarios.rename', { id: s.id, name: renaming.name })).then(() => setRenaming(null)); }}>
                <input aria-label="New name" autoFocus value={renaming.name} onChange={(e) => setRenaming({ id: s.id, name: e.target.value })} className="min-w-0 flex-1 rounded border border-slate-300 px-1 text-sm" />
                <Button type="submit">Save</Button>
              </form>
            ) : (
              <button type="button" className="block w-full text-left" onClick={() => void select(s.id)} aria-current={s.id === selectedId ? 'true' : undefined}>
                <span className="font-medium">{s.name}</span>
                {s.parentId && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-800">what-if</span>}
                <span className="tabular block text-xs text-slate-500">
                  {s.counts.orders} orders · {formatT(s.orderedT)} · {s.counts.rakes} rakes · {s.horizonDays} d from {s.horizonStart.slice(0, 10)}
                </span>
              </button>
            )}
            {s.id === selectedId && !renaming && (
              <div className="mt-1 flex gap-1">
                <Button variant="secondary" onClick={() => void run(async () => { const c = await api.call('scenarios.copy', { id: s.id }); await select(c.id); })}>Copy as what-if</Button>
                <Button variant="secondary" onClick={() => setRenaming({ id: s.id, name: s.name })}>Rename</Button>
                <Button variant="danger" onClick={() => { if (confirm(`Delete scenario '${s.name}'? This cannot be undone.`)) void run(() => api.call('scenarios.delete', { id: s.id })); }}>Delete</Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-1">
        <select aria-label="New scenario template" value={template} onChange={(e) => setTemplate(e.target.value as typeof template)} className="rounded-md border border-slate-300 px-1 py-1.5 text-sm">
          <option value="day">Demo plant: a day (120 orders)</option>
          <option value="week">Demo plant: a week (400 orders)</option>
          <option value="large">Large network (2,000 orders)</option>
          <option value="empty">Empty</option>
        </select>
        <Button onClick={() => void run(async () => { const c = await api.call('scenarios.create', { template, seed: Date.now() % 100_000 }); await select(c.id); })}>New scenario</Button>
        <ImportButton
          label="Import scenario…"
          testId="import-scenario-input"
          onFile={async (name, base64) => {
            try {
              const result = await api.call('scenarios.import', { fileName: name, dataBase64: base64 });
              setImport({ table: null, fileName: name, dataBase64: base64, mode: 'merge', result });
              if (result.scenarioId) { await refresh(); await select(result.scenarioId); setImport({ table: null, fileName: name, dataBase64: base64, mode: 'merge', result }); }
            } catch (e) {
              setError(e);
            }
          }}
        />
      </div>
    </section>
  );
}
