import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { PAGES, optimizeDemo, showPage } from './page-helpers';

/** Serious and critical axe violations on the page as it is now, named with their nodes. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

// An optimize and a scan (or screenshot) of every page: more than the default two minutes on a busy host.
test.describe.configure({ timeout: 360_000 });

for (const scheme of ['light', 'dark'] as const) {
  test(`no serious or critical accessibility violation on any page (${scheme})`, async ({ app }) => {
    await app.emulateMedia({ colorScheme: scheme });
    await optimizeDemo(app);
    const found: Record<string, string[]> = {};
    for (const name of PAGES) {
      await showPage(app, name);
      found[name] = await seriousViolations(app);
    }
    // The plan's other views: the Gantt and the scenario grid's column filters.
    await showPage(app, 'Plan');
    await app.getByTestId('plan-view').getByRole('tab', { name: 'Loading Gantt' }).click();
    await expect(app.getByTestId('plan-gantt')).toBeVisible();
    found['Plan: Gantt'] = await seriousViolations(app);
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  });
}
