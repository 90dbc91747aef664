import { t } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/dates';
import { enumWord } from './enumWords';

/** A column of the data table: the row field it shows, its heading and how its values read. */
export interface DataColumn {
  field: string;
  label: string;
  kind: 'text' | 'number' | 'int' | 'bool' | 'list' | 'timestamp' | 'date' | 'enum' | 'priority';
  options?: readonly (string | number)[];
  width?: number;
}

export function cellText(v: unknown, kind: DataColumn['kind'], field = ''): string {
  if (v === undefined || v === null) return '';
  if (kind === 'list' && Array.isArray(v)) return v.join(';');
  if (kind === 'bool') return v ? t('table.yes') : t('table.no');
  if (kind === 'enum' && typeof v === 'string') return enumWord(field, v);
  if (kind === 'number' && typeof v === 'number') return v.toLocaleString('en-IN', { maximumFractionDigits: 2 });
  // One date format everywhere, with the year, on the stored clock (plant time).
  if ((kind === 'timestamp' || kind === 'date') && typeof v === 'string')
    return kind === 'date' ? formatDate(v) : formatDateTime(v);
  return String(v);
}

/**
 * The text an edit starts from: numbers without grouping and plant times as `YYYY-MM-DD HH:MM`,
 * so they parse back as typed.
 */
export function editText(v: unknown, kind: DataColumn['kind']): string {
  if (kind === 'timestamp' && typeof v === 'string' && v.endsWith('+05:30')) return v.slice(0, 16).replace('T', ' ');
  if (kind === 'timestamp' || kind === 'date') return v == null ? '' : String(v);
  // The words the import parses, whatever the interface language.
  if (kind === 'bool') return v == null ? '' : v ? 'yes' : 'no';
  if (kind === 'enum') return v == null ? '' : String(v);
  return cellText(v, kind === 'number' ? 'text' : kind);
}
