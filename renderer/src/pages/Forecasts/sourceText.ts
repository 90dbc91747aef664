import type { IndentResult } from '../../../../core/contract/api/forecasts';
import type { InputSource } from '../../../../core/domain/input-sources';
import type { ForecastFrom, HistoryFrom, NoModelWhy, TrainingResult } from '../../../../core/contract/api/training';
import { t, translate, useLang, type Lang, type MessageKey } from '../../i18n';
import { formatCount } from '../../lib/format';
import { reasonsText } from '../../lib/refusalText';
import { hiBaselineParams } from '../Models/baselineName';

// The host's sources and fallbacks, worded from their codes in the interface language. A model
// error the host quotes stays as it came: only the sentence around it is translated.

export function noModelText(why: NoModelWhy): string {
  return why.code === 'not-in-registry' ? t('source.notInRegistry', { model: why.model }) : why.error;
}

export function forecastFromText(from: ForecastFrom): string {
  return from.code === 'registry'
    ? from.from
    : t('source.historicalMean', { model: from.why.model, why: noModelText(from.why) });
}

const GENERATED_WHY = {
  'no-database': 'source.why.noDatabase',
  'database-missing': 'source.why.databaseMissing',
  'table-empty': 'source.why.tableEmpty',
  'no-table': 'source.why.noTable',
} as const;

export function historyFromText(h: HistoryFrom, lang: Lang = useLang.getState().lang): string {
  const say = (key: MessageKey, p: Record<string, string | number>) => translate(lang, key, p);
  if (h.code === 'generated')
    return say('source.generated', {
      seed: String(h.seed),
      days: h.days,
      why: say(GENERATED_WHY[h.why], { table: h.table }),
    });
  const rows = formatCount(h.rows);
  return h.demo
    ? say('source.tableDemo', { table: h.table, rows, seed: String(h.demo.seed), days: h.demo.days })
    : say('source.table', { table: h.table, rows });
}

/** What a training learned from: a spec's history worded from its code; a CSV as the host named it. */
export function trainingDataText(r: Pick<TrainingResult, 'source' | 'history'>): string {
  return r.history ? historyFromText(r.history) : r.source;
}

/** What the indent's demand came from: a forecast's label (data) and its rail share's source, or none and why. */
export function demandSourceText(d: IndentResult['demandFrom']): string {
  if (d.code === 'forecast')
    return t(d.railShare.code === 'history' ? 'source.indentRailShare' : 'source.indentAllRail', {
      source: d.source,
      history: historyFromText(d.railShare.history),
    });
  return d.noModel ? t('source.indentNoModel') : t('source.indentNone', { why: d.why });
}

/**
 * Why a figure did not come from its model ("Update from forecasts"): in Hindi from the reasons'
 * codes, the baseline used named from its codes; the host's English as it came otherwise, and for
 * a row saved before the reasons were kept.
 */
export function sourceWhyText(s: Pick<InputSource, 'why' | 'reasons'>, lang: Lang = useLang.getState().lang): string {
  const why = s.why ?? '';
  if (lang === 'en' || !s.reasons?.length) return why;
  const reasons = s.reasons.map((r) => ({ ...r, params: hiBaselineParams(r.params) }));
  return reasonsText({ message: why, reasons }, lang);
}
