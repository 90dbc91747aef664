import type { IndentResult } from '../../../../core/contract/api/forecasts';
import type { InputSource } from '../../../../core/domain/input-sources';
import type { ErrorReason } from '../../../../core/contract/refusals';
import type {
  ForecastFrom,
  HistoryFrom,
  NoModelWhy,
  RegistryFrom,
  TrainingResult,
} from '../../../../core/contract/api/training';
import { translate, useLang, type Lang, type MessageKey } from '../../i18n';
import { formatCount } from '../../lib/format';
import { reasonsText } from '../../lib/refusalText';
import { hiBaselineParams } from '../Models/baselineName';

// The host's sources and fallbacks, worded from their codes in the interface language. A model
// error the host quotes stays as it came: only the sentence around it is translated.

/** A forecastable figure's name ("Update from forecasts"), in the interface language. */
export function inputFieldText(field: InputSource['field'], lang: Lang = useLang.getState().lang): string {
  return translate(lang, `forecast.field.${field}`);
}

/**
 * A figure's source label in the grammar the host writes it (core/domain/input-sources.ts:
 * `model NAME@VERSION`, `baseline NAME`, `scenario`, `default`), in the interface language; a
 * label outside that grammar as it came. Names and versions are data and stay as they are.
 */
export function sourceLabelText(label: string, lang: Lang = useLang.getState().lang): string {
  if (lang === 'en') return label;
  const model = /^model (\S+)@(\d+)$/.exec(label);
  if (model) return translate(lang, 'source.label.model', { model: model[1]!, version: model[2]! });
  const baseline = /^baseline (\S+)$/.exec(label);
  if (baseline) return translate(lang, 'source.label.baseline', { model: baseline[1]! });
  if (label === 'scenario' || label === 'default') return translate(lang, `source.label.${label}`);
  return label;
}

export function noModelText(why: NoModelWhy, lang: Lang = useLang.getState().lang): string {
  return why.code === 'not-in-registry' ? translate(lang, 'source.notInRegistry', { model: why.model }) : why.error;
}

export function forecastFromText(from: ForecastFrom, lang: Lang = useLang.getState().lang): string {
  return from.code === 'registry'
    ? registryFromText(from, lang)
    : translate(lang, 'source.historicalMean', { model: from.why.model, why: noModelText(from.why, lang) });
}

/**
 * What answered from the registry: the version, and why a fallback or baseline answered, written
 * from its reasons' codes in Hindi; the host's English where it sent none.
 */
export function registryFromText(r: RegistryFrom, lang: Lang = useLang.getState().lang): string {
  if (lang === 'en' || !r.label) return r.from;
  if (r.reasons?.length) return `${sourceLabelText(r.label, lang)}: ${sourceWhyText({ reasons: r.reasons }, lang)}`;
  return r.from === r.label ? sourceLabelText(r.label, lang) : r.from;
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

/**
 * What the indent's demand came from: a forecast's label (data) with why a model stood aside and
 * its rail share's source, or none and why. In Hindi the whys are written from their reasons'
 * codes; a host that sent none is quoted in its English.
 */
export function demandSourceText(d: IndentResult['demandFrom'], lang: Lang = useLang.getState().lang): string {
  const say = (key: MessageKey, p?: Record<string, string | number>) => translate(lang, key, p);
  if (d.code === 'forecast') {
    const why = lang !== 'en' && d.reasons?.length ? sourceWhyText({ why: '', reasons: d.reasons }, lang) : '';
    return say(d.railShare.code === 'history' ? 'source.indentRailShare' : 'source.indentAllRail', {
      source: why
        ? `${sourceLabelText(d.label, lang)} (${why})`
        : d.source === d.label
          ? sourceLabelText(d.label, lang)
          : d.source,
      history: historyFromText(d.railShare.history, lang),
    });
  }
  if (d.noModel) return say('source.indentNoModel');
  // The history read is data beside the reasons: its words stand in for the reason's English.
  const history = d.history && historyFromText(d.history, lang);
  const reasons = d.reasons?.map((r) =>
    history && 'history' in r.params ? { ...r, params: { ...r.params, history } } : r,
  );
  return say('source.indentNone', { why: sourceWhyText({ why: d.why, reasons }, lang) });
}

/**
 * Why a figure did not come from its model ("Update from forecasts"): in Hindi from the reasons'
 * codes, the baseline used named from its codes; the host's English as it came otherwise, and for
 * a row saved before the reasons were kept.
 */
export function sourceWhyText(
  s: { why?: string; reasons?: readonly ErrorReason[] },
  lang: Lang = useLang.getState().lang,
): string {
  const why = s.why ?? '';
  if (lang === 'en' || !s.reasons?.length) return why;
  const reasons = s.reasons.map((r) => ({ ...r, params: hiBaselineParams(r.params) }));
  return reasonsText({ message: why, reasons }, lang);
}
