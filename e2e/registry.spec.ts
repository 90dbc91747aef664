import type { Page } from '@playwright/test';
import { expect, openPage, test } from './fixtures';
import { rpc } from './rpc';

interface Trained { dir: string }

/**
 * Promote the shown version: one click when every gate passed, otherwise an override with a
 * reason. Waits for the evaluated report's control, so it never branches on a stale panel.
 */
async function promote(app: Page, reason: string): Promise<void> {
  const oneClick = app.getByTestId('btn-promote');
  const override = app.getByTestId('btn-promote-override');
  await expect(oneClick.or(override)).toBeVisible();
  if (await oneClick.isVisible()) return oneClick.click();
  await expect(override).toBeDisabled();
  await app.getByTestId('override-reason').fill(reason);
  await override.click();
}

// Train → Evaluate → Promote, then roll back: the gates decide, an override needs a reason.
test('train a candidate, see its gates, promote it, then roll back', async ({ app, server }) => {
  test.setTimeout(240_000);
  const first = await rpc<Trained>(server, 'training.start', { spec: 'transit-delay', params: { rounds: 20 } });
  await rpc(server, 'registry.register', { dir: first.dir, note: 'first model' });

  await openPage(app, 'Models');
  await expect(app.getByTestId('model-row-transit-delay')).toBeVisible();
  await app.getByTestId('version-row-1').click();
  await expect(app.getByTestId('gates-heading')).toHaveText('Gates for @1');
  await app.getByTestId('btn-evaluate').click();
  const report = app.getByTestId('gate-report');
  for (const g of ['data-quality', 'improvement', 'stability', 'consistency']) await expect(report.getByTestId(`gate-${g}`)).toBeVisible();
  await promote(app, 'first production model; segment gap accepted');
  await expect(app.getByTestId('model-row-transit-delay').getByTestId('production-version')).toHaveText('@1');
  // The model is named as the training panel names it; the first production version has nothing to roll back to.
  await expect(app.getByTestId('model-row-transit-delay')).toContainText('Rail transit time');
  await expect(app.getByTestId('btn-rollback')).toBeDisabled();

  const second = await rpc<Trained>(server, 'training.start', { spec: 'transit-delay', params: { rounds: 60 } });
  await rpc(server, 'registry.register', { dir: second.dir, note: 'retrained' });
  await app.getByTestId('version-row-2').click();
  // Evaluate acts on the version whose detail is shown: wait until it is @2's.
  await expect(app.getByTestId('gates-heading')).toHaveText('Gates for @2');
  await app.getByTestId('btn-evaluate').click();
  const note = app.getByTestId('registry-note');
  await expect(note).toContainText('Rail transit time (with P10/P90) @2');
  // A failed gate is not shown as good news.
  await expect(note).toHaveAttribute('data-tone', (await note.textContent())!.includes('Gates failed') ? 'warning' : 'ok');
  await promote(app, 'newer history; reviewed by the planner');
  await expect(app.getByTestId('model-row-transit-delay').getByTestId('production-version')).toHaveText('@2');

  await app.getByTestId('btn-rollback').click();
  await expect(app.getByTestId('registry-note')).toContainText('rolled back from @2 to @1');
  await expect(app.getByTestId('model-row-transit-delay').getByTestId('production-version')).toHaveText('@1');
  await app.getByTestId('version-row-1').click();
  await expect(app.getByTestId('lineage')).toContainText('rollback @1 (from @2)');
});
