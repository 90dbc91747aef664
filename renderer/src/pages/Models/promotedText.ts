import { t } from '../../i18n';
import { specText } from '../../lib/modelLabels';

/**
 * The note after a promotion. It names the model by its title, as the rollback note and the
 * registry's heading do, with the version that is now in production.
 */
export function promotedText(
  model: { name: string; title: string },
  r: { version: number; previous: number | null; overridden: boolean },
): string {
  const key =
    r.previous !== null
      ? r.overridden
        ? 'registry.promotedWasOverride'
        : 'registry.promotedWas'
      : r.overridden
        ? 'registry.promotedOverride'
        : 'registry.promoted';
  return t(key, { model: `${specText(model.name, 'title', model.title)} @${r.version}`, previous: r.previous ?? '' });
}
