import { t, type MessageKey } from '../../i18n';

// The words of the scenario tables' choice columns, as the planner reads them. The stored value
// stays English (the import and an edit parse it); a value with no word here, such as a product
// family code, is shown as stored.
const WORDS: Record<string, Record<string, MessageKey>> = {
  modes: { rail: 'table.enum.rail', road: 'table.enum.road', either: 'table.enum.either' },
  status: {
    expected: 'table.enum.expected',
    placed: 'table.enum.placed',
    loading: 'table.enum.loading',
    dispatched: 'table.enum.dispatched',
    cancelled: 'table.enum.cancelled',
  },
};

/** A choice column's value in the interface language. */
export function enumWord(field: string, value: string): string {
  const key = WORDS[field]?.[value];
  return key ? t(key) : value;
}
