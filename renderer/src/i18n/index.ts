import { create } from 'zustand';
import { en, type MessageKey } from './en';
import { hi } from './hi';
import { formatCount } from '../lib/format';

/**
 * The message catalogue: every user-visible string of the converted screens comes from here, in
 * English or Hindi. `t` reads the language chosen last; the app re-renders from its root when
 * the language changes (App keys its tree on it), so components need not subscribe.
 */
export type Lang = 'en' | 'hi';
export const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { en, hi };
export type { MessageKey };

const STORAGE_KEY = 'rakeplan.lang';

function initialLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'hi') return saved;
  } catch {
    /* storage can be unavailable (private mode): English */
  }
  return 'en';
}

export const useLang = create<{ lang: Lang; setLang(l: Lang): void }>((set) => ({
  lang: initialLang(),
  setLang(lang) {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, lang);
    } catch {
      /* not remembered, still applied */
    }
    if (globalThis.document) document.documentElement.lang = lang;
    set({ lang });
  },
}));

if (globalThis.document) document.documentElement.lang = useLang.getState().lang;

/**
 * `{name}` is a parameter; `{name|one|other}` is a count's words, the form the language's plural
 * rule picks for the parameter's number, `#` standing for the number as given: "{n|# rake|# rakes}".
 */
const PLACEHOLDER = /\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g;
const pluralRules = new Map<Lang, Intl.PluralRules>();

/**
 * Fill placeholders; a missing parameter stays visible rather than vanishing. A whole number is a
 * count (rows, orders, rakes) and is written with Indian digit grouping like every other figure
 * ("2,000 orders"); an identifier that happens to be numeric (a seed) is passed as a string.
 */
export function format(template: string, params?: Record<string, string | number>, lang: Lang = 'en'): string {
  if (!params) return template;
  return template.replace(PLACEHOLDER, (m, k: string, one?: string, other?: string) => {
    if (!(k in params)) return m;
    const v = params[k]!;
    const shown = typeof v === 'number' && Number.isInteger(v) ? formatCount(v) : String(v);
    if (one === undefined || other === undefined) return shown;
    // A count may come formatted with digit grouping ("1,200").
    const n = typeof v === 'number' ? v : Number(v.replaceAll(',', ''));
    if (!pluralRules.has(lang)) pluralRules.set(lang, new Intl.PluralRules(lang));
    return (pluralRules.get(lang)!.select(n) === 'one' ? one : other).replaceAll('#', shown);
  });
}

export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  return format(CATALOGUES[lang][key] ?? en[key], params, lang);
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(useLang.getState().lang, key, params);
}

const listFormats = new Map<Lang, Intl.ListFormat>();

/**
 * Several ids as the language lists them ("R-1, R-3 और R-5"), each kept whole (an id may hold a
 * comma); none as a dash, as the core writes an empty list.
 */
export function formatList(ids: readonly string[], lang: Lang): string {
  if (ids.length === 0) return '—';
  if (!listFormats.has(lang)) listFormats.set(lang, new Intl.ListFormat(lang, { type: 'conjunction' }));
  return listFormats.get(lang)!.format(ids);
}
