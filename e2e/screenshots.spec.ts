import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { PAGES, optimizeDemo, showPage } from './page-helpers';

// Every page at 1440×900 in light and dark, attached to the run as artifacts. With
// RAKEPLAN_DOCS_SCREENSHOT=1 the Plan page (light) is also written to docs/ for the README.
test.use({ viewport: { width: 1440, height: 900 } });

// An optimize and a scan (or screenshot) of every page: more than the default two minutes on a busy host.
test.describe.configure({ timeout: 360_000 });

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots of every page (${scheme})`, async ({ app }, testInfo) => {
    await app.emulateMedia({ colorScheme: scheme });
    await optimizeDemo(app);
    for (const name of PAGES) {
      await showPage(app, name);
      const file = testInfo.outputPath(`${name.toLowerCase()}-${scheme}.png`);
      await app.screenshot({ path: file, fullPage: false });
      expect(fs.statSync(file).size).toBeGreaterThan(10_000);
      await testInfo.attach(`${name} (${scheme})`, { path: file, contentType: 'image/png' });
    }
    await showPage(app, 'Plan');
    const view = app.getByTestId('plan-view');
    await view.getByRole('tab', { name: 'Loading Gantt' }).click();
    await expect(view.getByTestId('plan-gantt')).toBeVisible();
    // The plan's summary at the top of the window, its Gantt below.
    await view.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const file = testInfo.outputPath(`plan-gantt-${scheme}.png`);
    await app.screenshot({ path: file });
    await testInfo.attach(`Plan with its Gantt (${scheme})`, { path: file, contentType: 'image/png' });
    if (scheme === 'light' && process.env.RAKEPLAN_DOCS_SCREENSHOT === '1') {
      fs.copyFileSync(file, path.resolve(__dirname, '..', 'docs', 'plan-page.png'));
    }
  });
}
