import { formatDate } from '../../lib/dates';
import { useState } from 'react';
import { api, fileToBase64, saveBytes } from '../../api/client';
import { useMenuCommands } from '../../api/menu-commands';
import { Button } from '../../components/ui';
import { formatT } from '../../lib/format';
import { t } from '../../i18n';
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
        ?.openFile({
          title: t('scenario.importTitle'),
          filters: [{ name: t('scenario.fileKind'), extensions: ['json', 'xlsx', 'csv'] }],
        })
        .then((f) => (f ? importScenario(f.name, f.base64) : undefined), setError);
    } else if (c.command === 'export' && selectedId) {
      void api
        .call('scenarios.export', { id: selectedId, format: 'json' })
        .then((f) => saveBytes(f.fileName, f.dataBase64), setError);
    }
  });

  return (
    <section
      aria-label={t('page.scenarios')}
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
                  aria-label={t('scenario.newName')}
                  autoFocus
                  value={renaming.name}
                  onChange={(e) => setRenaming({ id: s.id, name: e.target.value })}
                  className="min-w-0 flex-1 rounded border border-slate-300 px-1 text-sm"
                />
                <Button type="submit">{t('scenario.save')}</Button>
              </form>
            ) : (
              <button
                type="button"
                className="block w-full text-left"
                onClick={() => void select(s.id)}
                aria-current={s.id === selectedId ? 'true' : undefined}
              >
                <span className="font-medium">{s.name}</span>
                {s.parentId && (
                  <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-800">{t('scenario.whatIf')}</span>
                )}
                <span className="tabular block text-xs text-slate-500">
                  {t('scenario.summary', {
                    orders: s.counts.orders,
                    tonnes: formatT(s.orderedT),
                    rakes: s.counts.rakes,
                    days: s.horizonDays,
                    start: formatDate(s.horizonStart),
                  })}
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
                  {t('scenario.copy')}
                </Button>
                <Button variant="secondary" onClick={() => setRenaming({ id: s.id, name: s.name })}>
                  {t('scenario.rename')}
                </Button>
                <Button
                  variant="danger"
                  onClick={() => {
                    if (confirm(t('scenario.confirmDelete', { name: s.name })))
                      void run(() => api.call('scenarios.delete', { id: s.id }));
                  }}
                >
                  {t('scenario.delete')}
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-1">
        <select
          aria-label={t('scenario.template')}
          value={template}
          onChange={(e) => setTemplate(e.target.value as typeof template)}
          className="rounded-md border border-slate-300 px-1 py-1.5 text-sm"
        >
          <option value="day">{t('scenario.tpl.day')}</option>
          <option value="week">{t('scenario.tpl.week')}</option>
          <option value="large">{t('scenario.tpl.large')}</option>
          <option value="empty">{t('scenario.tpl.empty')}</option>
        </select>
        <Button
          onClick={() =>
            void run(async () => {
              const c = await api.call('scenarios.create', { template, seed: Date.now() % 100_000 });
              await select(c.id);
            })
          }
        >
          {t('scenario.new')}
        </Button>
        <ImportButton label={t('scenario.import')} testId="import-scenario-input" onFile={importScenario} />
      </div>
    </section>
  );
}
