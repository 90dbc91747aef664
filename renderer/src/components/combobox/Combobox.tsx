import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { t } from '../../i18n';
import { matchOptions, type ComboOption } from './matchOptions';

/** Matches rendered at once: a plan's move list has over a thousand options. */
const WINDOW = 50;

/**
 * A searchable list box (ARIA 1.2 combobox with a list popup): type words to filter by label
 * and search words, arrows move through the matches (announced through aria-activedescendant,
 * focus stays in the box), a click or ArrowDown opens it, Enter or a click picks, Escape closes and keeps the value. Only the
 * first matches are rendered, with how many more there are, so opening it is instant at any size.
 */
export function Combobox<O extends ComboOption>({
  options,
  value,
  onChange,
  label,
  detail,
  className = '',
}: {
  options: readonly O[];
  value: string;
  onChange: (value: string) => void;
  label: string;
  /** A second, smaller line under an option's label. */
  detail?: (option: O) => ReactNode;
  className?: string;
}) {
  const id = `combo${useId().replace(/[^\w-]/g, '')}`;
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const open = query !== null;
  const { shown, total } = useMemo(() => matchOptions(options, query ?? '', WINDOW), [options, query]);
  const current = options.find((o) => o.value === value);
  const pick = (o: O | undefined) => {
    if (o) onChange(o.value);
    setQuery(null);
  };
  // The active option kept in view as the arrows move it, not on every render.
  useEffect(() => {
    if (open) document.getElementById(`${id}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [open, active, id]);
  const openWith = (q: string) => {
    setQuery(q);
    setActive(0);
  };
  return (
    <div className={`relative ${className}`}>
      <input
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && shown[active] ? `${id}-${active}` : undefined}
        autoComplete="off"
        value={open ? query : (current?.label ?? '')}
        onChange={(e) => openWith(e.target.value)}
        onFocus={(e) => e.target.select()}
        onClick={() => {
          if (!open) openWith('');
        }}
        onBlur={() => setQuery(null)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            if (!open) return openWith('');
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive((a) => Math.min(Math.max(a + step, 0), Math.max(shown.length - 1, 0)));
          } else if (e.key === 'Enter' && open) {
            // Picks the option; the form is submitted by the next Enter.
            e.preventDefault();
            pick(shown[active]);
          } else if (e.key === 'Escape' && open) {
            e.preventDefault();
            setQuery(null);
          }
        }}
        className="w-72 rounded border px-1 py-1"
      />
      <div
        hidden={!open}
        className="absolute z-20 mt-1 max-h-72 w-96 overflow-auto rounded border bg-white shadow-lg dark:bg-slate-900"
      >
        <ul id={`${id}-list`} role="listbox" aria-label={t('combo.matches', { label })}>
          {open &&
            shown.map((o, i) => (
              <li
                key={o.value}
                id={`${id}-${i}`}
                role="option"
                aria-selected={i === active}
                // Keeps focus in the box, so the blur does not close the list before the click.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(o)}
                className={`cursor-pointer px-2 py-1 ${i === active ? 'bg-sky-100 dark:bg-sky-900' : ''}`}
              >
                {o.label}
                {detail && <span className="block text-xs text-slate-600 dark:text-slate-400">{detail(o)}</span>}
              </li>
            ))}
        </ul>
        {open && total === 0 && <p className="px-2 py-1 text-slate-600">{t('combo.none')}</p>}
        {open && total > shown.length && (
          <p className="px-2 py-1 text-xs text-slate-600">{t('combo.more', { n: total - shown.length })}</p>
        )}
      </div>
    </div>
  );
}
