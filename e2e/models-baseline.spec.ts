import { expect, openPage, test } from './fixtures';
import { rpc } from './rpc';

// A model that does not beat its naive baseline says so in the registry, and that planning uses
// the baseline. One boosting round cannot beat the lane median transit time. Trained on the demo's
// history, it also says it feeds only the demo.
test('the registry marks a model that is not better than its baseline', async ({ app, server }) => {
  test.setTimeout(180_000);
  const weak = await rpc<{ dir: string; metrics: { baseline: { beats: boolean } } }>(server, 'training.start', {
    spec: 'transit-delay',
    params: { rounds: 1, earlyStoppingRounds: 0 },
  });
  expect(weak.metrics.baseline.beats).toBe(false);
  await rpc(server, 'registry.register', { dir: weak.dir, note: 'one round' });
  await openPage(app, 'Models');
  await expect(app.getByTestId('train-synthetic-history')).toContainText(
    "the demo's synthetic history (seed 42, 730 days)",
  );
  await app.getByTestId('model-row-transit-delay').click();
  await app.getByTestId('version-row-1').click();
  await expect(app.getByTestId('baseline-note')).toHaveText(
    /Not better than baseline — planning uses the baseline \(lane (× wagon type )?median transit time/,
  );
  // The history here is the demo's, seeded at first launch: the version says it feeds only the demo.
  await expect(app.getByTestId('synthetic-note')).toContainText(
    "Trained on synthetic demo history, not the plant's: it feeds only the demo scenario",
  );
});
