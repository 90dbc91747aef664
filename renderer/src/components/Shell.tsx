import type { ReactNode } from 'react';
import { useConnection } from '../store/connection';
import { PAGES, useNavigation, type PageId } from '../store/navigation';

const LABELS: Record<PageId, string> = { plan: 'Plan', forecasts: 'Forecasts', models: 'Models', monitor: 'Monitor' };

export function Shell({ children }: { children: ReactNode }) {
  const { page, go } = useNavigation();
  const { state, shell } = useConnection();
  return (
    <div className="flex h-full flex-col">
      <header className="flex items-center gap-6 border-b border-slate-200 bg-white px-4 py-2">
        <div className="font-semibold text-brand-700">RakePlan</div>
        <nav className="flex gap-1" aria-label="Pages">
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
              {LABELS[p]}
            </a>
          ))}
        </nav>
        <div className="ml-auto text-xs text-slate-500" data-testid="connection-state">
          {shell} · {state === 'open' ? 'connected' : state === 'unauthorised' ? 'refused: open the URL printed by `rakeplan serve`' : state === 'no-token' ? 'refused: no key in the address; open the URL printed by `rakeplan serve`' : state}
        </div>
      </header>
      <main className="min-h-0 flex-1 overflow-auto p-4">{children}</main>
    </div>
  );
}
