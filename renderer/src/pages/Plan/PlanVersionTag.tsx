import type { PlanListItem } from '../../../../core/contract/api/plans';
import { t } from '../../i18n';

/** A saved plan's version, its parent and whether it is issued, for the plan list. */
export function PlanVersionTag({ item, all }: { item: PlanListItem; all: PlanListItem[] }) {
  const parent = item.parentId ? all.find((p) => p.id === item.parentId) : undefined;
  return (
    <span className="ml-2 text-xs text-slate-500" data-testid="plan-version">
      v{item.version ?? 1}
      {item.parentId ? ` · ${t('version.from', { name: parent ? parent.name : t('version.deletedParent') })}` : ''}
      {item.issuedAt && (
        <span className="ml-1 rounded bg-emerald-100 px-1 text-emerald-800">{t('version.issued')}</span>
      )}
    </span>
  );
}
