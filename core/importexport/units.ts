/**
 * The units a number cell may carry, and how planners spell them. A cell may repeat its column's
 * unit (`1,250 t` under `Quantity [t]`) but never bring another one: `5 km` in a tonnes column
 * is a mistake to report, not 5 t.
 */
const SPELLINGS: Record<string, readonly string[]> = {
  t: ['t', 'mt', 'tonne', 'tonnes', 'ton', 'tons'],
  km: ['km', 'kms'],
  h: ['h', 'hr', 'hrs', 'hour', 'hours'],
  't/h': ['t/h', 'tph'],
  't/day': ['t/day', 't/d', 'tpd'],
  '₹/t': ['₹/t', 'rs/t', 'rs./t', 'inr/t'],
  '₹': ['₹', 'rs', 'rs.', 'inr'],
};

/** The unit a spelling stands for (`tonnes` → `t`), or undefined when it is no unit we know. */
export function unitOf(spelling: string): string | undefined {
  const s = spelling.replace(/\s+/g, '').toLowerCase();
  return Object.entries(SPELLINGS).find(([, spellings]) => spellings.includes(s))?.[0];
}

/**
 * Split `₹ 3,000`, `1,250.5 t` or `Rs 450/t` into the number's text and the unit written with it
 * (undefined when none). A currency sign before the number joins what follows it: `Rs 450/t` → `₹/t`.
 * Null when the text after the number is no unit we know: the cell is then not a number at all.
 */
export function splitUnit(text: string): { number: string; unit: string | undefined } | null {
  const m = /^(₹|rs\.?|inr)?\s*([-+]?[\d.,]+(?:e[-+]?\d+)?)\s*(.*)$/i.exec(text.trim());
  if (!m) return null;
  const [, currency, number = '', rest = ''] = m;
  if (!currency && rest === '') return { number, unit: undefined };
  const unit = unitOf(currency ? `₹${rest}` : rest);
  return unit ? { number, unit } : null;
}

/** Whether a cell written in `found` belongs in a column in `column`: `₹ 450` fits a ₹/t column. */
export function unitFits(found: string, column: string | undefined): boolean {
  return found === column || (found === '₹' && column?.startsWith('₹') === true);
}
