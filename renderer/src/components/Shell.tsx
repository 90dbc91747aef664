import type { ReactNode } from 'react';
import type { ConnectionState } from '../api/transport';
import { useConnection } from '../store/connection';
import { PAGES, useNavigation, type PageId } from '../store/navigation';
import { CATALOGUES, t, useLang, type Lang, type MessageKey } from '../i18n';

const LABELS: Record<PageId, MessageKey> = {
  plan: 'nav.plan',
  forecasts: 'nav.forecasts',
  models: 'nav.models',
  monitor: 'nav.monitor',
};

const SHELLS: Record<'electron' | 'browser', MessageKey> = {
  electron: 'app.shell.electron',
  browser: 'app.shell.browser',
};
const STATES: Record<ConnectionState, MessageKey> = {
  connecting: 'app.connecting',
  open: 'conn.connected',
  closed: 'app.closed',
  unauthorised: 'conn.refused',
  'no-token': 'conn.noToken',
};

export function Shell({ children }: { children: ReactNode }) {
  const { page, go } = useNavigation();
  const { state, shell } = useConnection();
  return (
    <div className="flex h-full flex-col">
      <header className="flex items-center gap-6 border-b border-slate-200 bg-white px-4 py-2">
        <div className="font-semibold text-brand-700">{t('app.name')}</div>
        <nav className="flex gap-1" aria-label={t('nav.pages')}>
          {PAGES.map((p) => (
            <a
              key={p}
              href={`#/${p}`}
              onClick={(e) => {
                e.preventDefault();
                go(p);
              }}
              aria-current={page === p ? 'page' : undefined}
              className={`rounded-md px-3 py-1.5 text-sm ${page === p ? 'bg-brand-50 font-medium text-brand-700' : 'text-slate-600 hover:bg-slate-100'}`}
            >
              {t(LABELS[p])}
            </a>
          ))}
        </nav>
        <div className="ml-auto text-xs text-slate-500" data-testid="connection-state">
          {t(SHELLS[shell])} · {t(STATES[state])}
        </div>
        <LanguagePicker />
      </header>
      <main className="min-h-0 flex-1 overflow-auto p-4">{children}</main>
    </div>
  );
}

/** English or Hindi; remembered on this computer. */
function LanguagePicker() {
  const { lang, setLang } = useLang();
  return (
    <select
      aria-label={t('lang.choose')}
      value={lang}
      onChange={(e) => setLang(e.target.value as Lang)}
      className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
    >
      {(Object.keys(CATALOGUES) as Lang[]).map((l) => (
        <option key={l} value={l} lang={l}>
          {CATALOGUES[l]['lang.name']}
        </option>
      ))}
    </select>
  );
}
