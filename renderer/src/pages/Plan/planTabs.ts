import type { Plan } from '../../../../core/domain/plan';
import { t } from '../../i18n';

export type PlanTab = 'rakes' | 'risk' | 'gantt' | 'road' | 'unserved' | 'production' | 'unused';

export function tabLabel(tab: PlanTab, plan: Plan): string {
  switch (tab) {
    case 'rakes':
      return t('plan.tab.rakes', { n: plan.rakes.length });
    case 'risk':
      return t('plan.tab.risk');
    case 'gantt':
      return t('plan.tab.gantt');
    case 'road':
      return t('plan.tab.road', { n: plan.road.length });
    case 'unserved':
      return t('plan.tab.unserved', { n: plan.unserved.length });
    case 'production':
      return t('plan.tab.production');
    case 'unused':
      return t('plan.tab.unused');
  }
}
