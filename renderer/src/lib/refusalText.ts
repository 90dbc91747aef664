import { detailOf } from '../../../core/contract/reason-error';
import { fillReason, wordParams, type ErrorReason, type RefusalDetail } from '../../../core/contract/refusals';
import { fillViolation, placeText, type Violation, type ViolationParams } from '../../../core/domain/violations';
import { format, formatList, useLang, type Lang } from '../i18n';
import { hiGates, hiJobs, hiNouns } from '../i18n/hi-model-reasons';
import { hiChange, hiPlaces, hiReasons, hiRefusal, hiViolations } from '../i18n/hi-violations';

// The checker's violations and the host's refusals in the interface's language. English is the
// core's own text (`where`, `message`); Hindi is written from the code, ids and figures behind it.
// A violation or refusal without them (an older host, a detail dropped as malformed) shows its
// English text as it is.

/** Parameters whose value is the code of one of the core's words (a change, a job, a history, a gate), not an id. */
const hiWords = { change: hiChange, job: hiJobs, noun: hiNouns, gate: hiGates };

/** A parameter's words in Hindi where it names one of those, a list of ids as Hindi lists them; ids and figures stay as they are. */
const hiParams = (p: ViolationParams): Record<string, string | number> =>
  Object.fromEntries(
    Object.entries(wordParams(p, hiWords)).map(([k, v]) => [k, typeof v === 'object' ? formatList(v, 'hi') : v]),
  );

/** Sentences joined in one: each one's full stop dropped but the last's. */
const stop = (s: string) => s.replace(/।$/, '');

export function violationWhere(v: Pick<Violation, 'where' | 'at'>, lang: Lang = useLang.getState().lang): string {
  return lang === 'hi' && Array.isArray(v.at) ? placeText(v.at, hiPlaces) : v.where;
}

export function violationMessage(
  v: Pick<Violation, 'message' | 'code' | 'params'>,
  lang: Lang = useLang.getState().lang,
): string {
  const template = lang === 'hi' && v.code ? hiViolations[v.code] : undefined;
  return template && v.params ? fillViolation(template, hiParams(v.params)) : v.message;
}

const reason = (r: ErrorReason) => fillReason(hiReasons[r.code], hiParams(r.params));

/** "rule 5 — rake R-1: …" in Hindi, as the refusal cites each violation. */
const cited = (v: Violation) =>
  format(hiRefusal.rule, { rule: v.rule, where: violationWhere(v, 'hi'), message: violationMessage(v, 'hi') });

/**
 * A refusal in the interface's language: the host's English message, or in Hindi the sentence
 * written from its reason, the violations it cites and the kept decisions behind them.
 */
export function refusalText(error: unknown, lang: Lang = useLang.getState().lang): string {
  const e = (error ?? {}) as { message?: string } & RefusalDetail;
  const message = e.message ?? String(error);
  const r = e.reason;
  if (lang === 'en' || !r || !(r.code in hiReasons)) return message;
  const vs = (e.violations ?? []).map(cited);
  const more = Number(r.params.more) > 0 ? [format(hiRefusal.more, { n: Number(r.params.more) })] : [];
  const causes = e.causes ?? [];
  switch (r.code) {
    case 'replan-no-candidate': {
      const locked = causes.some((c) => !['kept-rake-started', 'kept-lot-left'].includes(c.code));
      const unlock = locked ? (causes.length === 1 ? hiRefusal.unlockIt : hiRefusal.unlockThem) : '';
      const cause = causes.length
        ? `। ${format(hiRefusal.cause, { causes: causes.map(reason).join('; ') })}${unlock}`
        : '';
      return `${reason(r)}: ${[...vs, ...more].join('; ')}${cause}`;
    }
    case 'issue-broken':
      return `${reason(r)} (${[...vs, ...more].join('; ')}): ${hiRefusal.issueAdvice}`;
    case 'replan-kept-clash':
      return causes.length ? causes.map(reason).join('; ') : reason(r);
    default: {
      // The model side's reasons in the order its message tells them: the lead, then the rest. A
      // runtime's own words (untranslatable English) are not spliced into the Hindi sentence: it
      // ends first, and they follow as a quote of their own.
      const all = [r, ...causes];
      const said = all.filter((c) => c.code !== 'error-text').map(reason);
      const quotes = all.filter((c) => c.code === 'error-text').map(reason);
      if (!said.length) return quotes.join(' ');
      const end = quotes.length || said.at(-1)!.endsWith('।') ? '।' : '';
      const [lead, ...rest] = said;
      const sentence = rest.length ? `${stop(lead!)}: ${rest.map(stop).join('; ')}` : stop(lead!);
      return [sentence + end, ...quotes].join(' ');
    }
  }
}

/** A message told with its reasons in order (a drift check that could not compare), in the interface's language. */
export const reasonsText = (
  m: { message: string; reasons?: ErrorReason[] },
  lang: Lang = useLang.getState().lang,
): string => refusalText({ message: m.message, ...detailOf(m.reasons ?? []) }, lang);
