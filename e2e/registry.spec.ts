import type { Page } from '@playwright/test';
import { expect, openPage, test } from './fixtures';
import { rpc } from './rpc';

interface Trained {
  dir: string;
}

/** Gate limits the fixture sets so the outcome is decided before the click, not read after it. */
const PASSABLE = {
  dataQuality: { minRows: 1, maxMissingRate: 1, maxRangeExcess: 1e6 },
  improvement: { minRelativeGain: -1, mustBeatBaseline: false },
  stability: { maxSegmentRegression: 1e6, minSegmentRows: 1, segmentColumns: [] },
  consistency: { maxPsi: 1e6, maxRelativeChange: 1e6, minRows: 1 },
};
/** No training set has a billion rows: the data-quality gate fails. */
const FAILING = { ...PASSABLE, dataQuality: { ...PASSABLE.dataQuality, minRows: 1_000_000_000 } };

/** A version whose gates failed: no one-click promotion; the override needs a reason. */
async function promoteWithOverride(app: Page, reason: string): Promise<void> {
  const override = app.getByTestId('btn-promote-override');
  await expect(override).toBeDisabled();
  await expect(app.getByTestId('btn-promote')).toHaveCount(0);
  // A reason too short for the host: the page says why the button stays grey.
  await app.getByTestId('override-reason').fill('ok');
  await expect(override).toBeDisabled();
  await expect(app.getByTestId('override-reason-hint')).toHaveText(
    'Write a reason of at least 5 characters to enable the override.',
  );
  await app.getByTestId('override-reason').fill(reason);
  await expect(app.getByTestId('override-reason-hint')).toHaveCount(0);
  await override.click();
}

// The server is shared by the worker's specs: its gate limits go back to what they were.
let saved: unknown = null;
test.afterEach(async ({ server }) => {
  if (saved) await rpc(server, 'registry.setGateThresholds', saved);
  saved = null;
});

// Train → Evaluate → Promote, then roll back: the gates decide, an override needs a reason.
test('train a candidate, see its gates, promote it, then roll back', async ({ app, server }) => {
  test.setTimeout(240_000);
  saved = await rpc(server, 'registry.getGateThresholds', {});
  await rpc(server, 'registry.setGateThresholds', FAILING);
  const first = await rpc<Trained>(server, 'training.start', { spec: 'freight-cost', params: { rounds: 20 } });
  await rpc(server, 'registry.register', { dir: first.dir, note: 'first model' });

  await openPage(app, 'Models');
  // Other specs on this server train other models (never freight cost): pick this one, not the list's first.
  await app.getByTestId('model-row-freight-cost').click();
  await expect(app.getByTestId('model-row-freight-cost')).toHaveClass(/bg-slate-100/);
  await app.getByTestId('version-row-1').click();
  await expect(app.getByTestId('gates-heading')).toHaveText('Gates for @1');
  await app.getByTestId('btn-evaluate').click();
  const report = app.getByTestId('gate-report');
  for (const g of ['data-quality', 'improvement', 'stability', 'consistency'])
    await expect(report.getByTestId(`gate-${g}`)).toBeVisible();
  // A failed gate is not shown as good news.
  await expect(app.getByTestId('registry-note')).toContainText('Gates failed');
  await expect(app.getByTestId('registry-note')).toHaveAttribute('data-tone', 'warning');
  await promoteWithOverride(app, 'first production model; data gate accepted');
  await expect(app.getByTestId('model-row-freight-cost').getByTestId('production-version')).toHaveText('@1');
  // The model is named as the training panel names it; the first production version has nothing to roll back to.
  await expect(app.getByTestId('model-row-freight-cost')).toContainText('Freight cost');
  await expect(app.getByTestId('btn-rollback')).toBeDisabled();

  await rpc(server, 'registry.setGateThresholds', PASSABLE);
  const second = await rpc<Trained>(server, 'training.start', { spec: 'freight-cost', params: { rounds: 60 } });
  await rpc(server, 'registry.register', { dir: second.dir, note: 'retrained' });
  await app.getByTestId('version-row-2').click();
  // Evaluate acts on the version whose detail is shown: wait until it is @2's.
  await expect(app.getByTestId('gates-heading')).toHaveText('Gates for @2');
  await app.getByTestId('btn-evaluate').click();
  const note = app.getByTestId('registry-note');
  await expect(note).toContainText('Freight cost @2');
  await expect(note).toHaveAttribute('data-tone', 'ok');
  await expect(note).not.toContainText('Gates failed');
  await expect(app.getByTestId('btn-promote-override')).toHaveCount(0);
  await app.getByTestId('btn-promote').click();
  await expect(app.getByTestId('model-row-freight-cost').getByTestId('production-version')).toHaveText('@2');

  await app.getByTestId('btn-rollback').click();
  await expect(app.getByTestId('registry-note')).toContainText('rolled back from @2 to @1');
  await expect(app.getByTestId('model-row-freight-cost').getByTestId('production-version')).toHaveText('@1');
  await app.getByTestId('version-row-1').click();
  await expect(app.getByTestId('lineage')).toContainText('rollback @1 (from @2)');
});
