/**
 * Figures in plain text as the plant writes them, with Indian digit grouping and their unit: the
 * command line's lines, the solver's notes and the reasons a plan gives.
 */
export const grouped = (x: number): string => Math.round(x).toLocaleString('en-IN');

export const rupees = (x: number): string => `₹${grouped(x)}`;

export const tonnes = (x: number): string => `${grouped(x)} t`;

/** ₹/t in whole rupees, or with both paise digits ("₹3,125.70/t", never "₹3,125.7/t"). */
export function rupeesPerT(x: number): string {
  const paise = Math.round(x * 100);
  const digits = paise % 100 === 0 ? 0 : 2;
  return `₹${(paise / 100).toLocaleString('en-IN', { minimumFractionDigits: digits, maximumFractionDigits: digits })}/t`;
}
