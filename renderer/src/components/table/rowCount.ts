import { t } from '../../i18n';

/** The count beside a table's filter: "1 row", "194 rows", "12 of 194 rows" when filtered. */
export function rowCountText(shown: number, total: number): string {
  if (shown !== total) return t('grid.rowsOf', { n: shown, total });
  return total === 1 ? t('grid.oneRow') : t('grid.rows', { n: total });
}
