import { t } from '../i18n';

/**
 * A number typed in a form field, read when it is used (to enable a button, on submit), never
 * on each keystroke: the field keeps exactly what was typed, so clearing it and typing 45 gives
 * 45, and a typo is named rather than turned into some other number. Planners type grouped
 * figures ("1,200", "1,20,000"): commas and spaces are grouping. Exponents, units and words are
 * not numbers here.
 */
export interface NumberRule {
  /** Lowest allowed value (inclusive). */
  min?: number;
  /** The value must be above this (exclusive): "above 0 h" for a delay. */
  above?: number;
  /** Highest allowed value (inclusive). */
  max?: number;
  /** Shown after the bounds in the message: "s", "h", "t", "₹", "%". */
  unit?: string;
  /** Only whole numbers (days, wagons). */
  whole?: boolean;
}

export type NumberInput = { ok: true; value: number } | { ok: false; why: string };

export function parseNumber(text: string, rule: NumberRule = {}): NumberInput {
  const s = text.trim().replace(/[,\s]/g, '');
  if (s === '') return { ok: false, why: t('input.empty') };
  if (!/^-?(\d*\.?\d+|\d+\.)$/.test(s)) return { ok: false, why: t('input.notNumber', { text: text.trim() }) };
  const value = Number(s);
  if (rule.whole && !Number.isInteger(value)) return { ok: false, why: t('input.whole') };
  const unit = rule.unit ? ` ${rule.unit}` : '';
  if (rule.above !== undefined && !(value > rule.above))
    return { ok: false, why: t('input.above', { bound: `${rule.above}${unit}` }) };
  if (rule.min !== undefined && value < rule.min)
    return { ok: false, why: t('input.atLeast', { bound: `${rule.min}${unit}` }) };
  if (rule.max !== undefined && value > rule.max)
    return { ok: false, why: t('input.atMost', { bound: `${rule.max}${unit}` }) };
  return { ok: true, value };
}

/** "Time limit [s]: must be at least 1 s", for the message under a form (the colon reads in both languages). */
export const fieldError = (field: string, why: string) => `${field}: ${why}`;
