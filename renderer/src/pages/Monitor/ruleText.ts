import type { AlertRule, CallScope, SeriesKind } from '../../../../core/contract/api/monitoring';
import { t, type MessageKey } from '../../i18n';

// Worded here from the rule's own fields, not the host's English text (kept for the CLI), so the
// rules read in the interface language.
const SERIES: Record<SeriesKind, MessageKey> = {
  call: 'monitor.series.call',
  inference: 'monitor.series.inference',
  'model-load': 'monitor.series.model-load',
  optimizer: 'monitor.series.optimizer',
  training: 'monitor.series.training',
};

function seriesName(kind: SeriesKind, scope?: CallScope): string {
  if (scope === 'jobs') return t('monitor.series.jobs');
  return scope === 'interactive' ? t('monitor.series.interactive', { series: t(SERIES[kind]) }) : t(SERIES[kind]);
}

const duration = (ms: number) =>
  ms >= 60_000 ? t('monitor.minutes', { n: Math.round(ms / 60_000) }) : t('monitor.ms', { n: ms });

/** An alert rule as one line: what is measured, the threshold and for how long. */
export function ruleText(r: AlertRule): string {
  switch (r.type) {
    case 'latency':
      return t('monitor.rule.latency', {
        series: seriesName(r.series, r.scope),
        quantile: r.quantile,
        threshold: duration(r.thresholdMs),
        minutes: r.forMinutes,
      });
    case 'error-rate':
      return t('monitor.rule.errorRate', {
        series: seriesName(r.series),
        percent: (r.threshold * 100).toFixed(1),
        minutes: r.forMinutes,
        count: r.minCount,
      });
    case 'model-not-loaded':
      return t('monitor.rule.modelNotLoaded');
    case 'drift':
      return t('monitor.rule.drift');
  }
}
