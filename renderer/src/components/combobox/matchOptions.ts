/** An option of a searchable list: `search` holds the words it is found by besides its label. */
export interface ComboOption {
  value: string;
  label: string;
  search?: string;
}

/**
 * The options whose label or search words contain every word typed (any order, any case), in
 * their given order: the first `limit` of them, and how many matched in all.
 */
export function matchOptions<O extends ComboOption>(
  options: readonly O[],
  query: string,
  limit: number,
): { shown: O[]; total: number } {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const hits = words.length
    ? options.filter((o) => {
        const text = `${o.label} ${o.search ?? ''}`.toLowerCase();
        return words.every((w) => text.includes(w));
      })
    : options;
  return { shown: hits.slice(0, limit), total: hits.length };
}
