import { useState } from 'react';
import { fileToBase64, saveBytes } from '../../api/client';
import { t } from '../../i18n';

/**
 * Import: the native open dialog in Electron; in the browser a file input (the page never sees
 * paths, only the bytes). Either way the file reaches the host as base64.
 */
export function ImportButton({
  label,
  testId,
  onFile,
  disabled,
}: {
  label: string;
  testId: string;
  onFile: (name: string, base64: string) => Promise<void>;
  disabled?: boolean;
}) {
  const cls =
    'cursor-pointer rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-amber-600';
  if (window.rakeplan) {
    const api = window.rakeplan;
    return (
      <button
        type="button"
        className={cls}
        disabled={disabled}
        onClick={async () => {
          const f = await api.openFile({
            title: label,
            filters: [{ name: t('file.kinds'), extensions: ['csv', 'xlsx', 'json'] }],
          });
          if (f) await onFile(f.name, f.base64);
        }}
      >
        {label}
      </button>
    );
  }
  return (
    <label className={cls}>
      {label}
      <input
        type="file"
        data-testid={testId}
        accept=".csv,.xlsx,.json,text/csv,application/json"
        className="sr-only"
        disabled={disabled}
        onChange={async (e) => {
          const input = e.currentTarget;
          const file = input.files?.[0];
          if (file) await onFile(file.name, await fileToBase64(file));
          input.value = '';
        }}
      />
    </label>
  );
}

/** Export in a chosen format; the bytes come from the host and are saved by dialog or download. */
export function ExportMenu({
  label,
  testId,
  onExport,
}: {
  label: string;
  testId: string;
  onExport: (format: 'csv' | 'xlsx' | 'json') => Promise<{ fileName: string; dataBase64: string }>;
}) {
  const [format, setFormat] = useState<'csv' | 'xlsx' | 'json'>('xlsx');
  const [busy, setBusy] = useState(false);
  return (
    <span className="inline-flex items-center gap-1">
      <select
        aria-label={t('file.format', { label })}
        value={format}
        onChange={(e) => setFormat(e.target.value as typeof format)}
        className="rounded-md border border-slate-300 px-1 py-1.5 text-sm"
      >
        <option value="xlsx">{t('file.excel')}</option>
        <option value="csv">{t('file.csv')}</option>
        <option value="json">{t('file.json')}</option>
      </select>
      <button
        type="button"
        data-testid={testId}
        disabled={busy}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100"
        onClick={async () => {
          setBusy(true);
          try {
            const file = await onExport(format);
            await saveBytes(file.fileName, file.dataBase64);
          } finally {
            setBusy(false);
          }
        }}
      >
        {label}
      </button>
    </span>
  );
}
