import type { GateCheck, GateResult } from '../../../../core/contract/api/registry';
import type { GateCell } from '../../../../core/contract/gate-cells';
import type { GateParams } from '../../../../core/contract/gate-text';
import { format, translate, useLang, type Lang } from '../../i18n';
import { hiGateCells } from '../../i18n/hi-gate-cells';
import { hiGateChecks, hiGateSummaries } from '../../i18n/hi-gates';
import { unitLabel } from '../Plan/planText';
import { hiBaselineParams } from './baselineName';

// A gate's summary and its checks' names and cells in the interface's language. English is the host's own
// text; Hindi is written from the code and figures behind it. A report stored before gates carried
// codes shows its English as it is.

const decimal = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 3 });

/** Parameters as Hindi shows them: figures with the app's grouping, the unit and metric in its words, ids as they are. */
function hiParams(p: GateParams): GateParams {
  const out: GateParams = {};
  for (const [k, v] of Object.entries(p)) {
    if (k === 'version') out[k] = String(v);
    else if (k === 'unit') out[k] = typeof v === 'string' && v.trim() ? ` ${unitLabel(v.trim(), 'hi')}` : '';
    else if (k === 'metric' && v === 'log-loss') out[k] = translate('hi', 'models.metric.logloss');
    else out[k] = typeof v === 'number' && !Number.isInteger(v) ? decimal.format(v) : v;
  }
  return out;
}

export function checkName(c: GateCheck, lang: Lang = useLang.getState().lang): string {
  if (lang === 'en' || !c.code || !c.params || !(c.code in hiGateChecks)) return c.name;
  return format(hiGateChecks[c.code], hiParams(c.params), 'hi');
}

/** A check's value, limit or detail: its words in the interface's language, a bare figure with the app's grouping. */
export function checkCell(c: GateCheck, cell: GateCell, lang: Lang = useLang.getState().lang): string | null {
  const v = c[cell];
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return format('{v}', hiParams({ v }), lang);
  const text = c[`${cell}Text`];
  if (lang === 'en' || !text || !(text.code in hiGateCells)) return v;
  return format(hiGateCells[text.code], hiParams(hiBaselineParams(text.params)), 'hi');
}

export function gateSummary(g: GateResult, lang: Lang = useLang.getState().lang): string {
  if (lang === 'en' || !g.code || !g.params || !(g.code in hiGateSummaries)) return g.summary;
  const failed = g.checks.filter((c) => !c.passed);
  // The failed checks a summary lists, by their names in Hindi (the English params name them in English).
  const checks =
    g.code === 'checks-failed'
      ? failed.map((c) => checkName(c, lang)).join(', ')
      : g.code === 'checks-failed-values'
        ? failed
            .map((c) => `${checkName(c, lang)}: ${checkCell(c, 'value', lang) ?? checkCell(c, 'detail', lang) ?? '–'}`)
            .join('; ')
        : undefined;
  return format(hiGateSummaries[g.code], hiParams({ ...g.params, ...(checks === undefined ? {} : { checks }) }), 'hi');
}
