import { expect, test } from './fixtures';
import { rpc } from './rpc';

// What the planner enters on a plan belongs to that plan: opening another one shows its own
// (nothing), and going back brings the edits and disruptions back.
test.setTimeout(180_000);

async function demoId(server: Parameters<typeof rpc>[0]): Promise<string> {
  const list = await rpc<{ id: string; name: string }[]>(server, 'scenarios.list', {});
  return list.find((s) => s.name === 'Bokaro demo')!.id;
}

test('edits and disruptions stay with their plan when another is opened, and come back', async ({ app, server }) => {
  const scenarioId = await demoId(server);
  await rpc(server, 'plans.solve', { scenarioId, ruleBasedOnly: true, name: 'Drafts first' });
  await rpc(server, 'plans.solve', { scenarioId, ruleBasedOnly: true, name: 'Drafts second' });
  await app.reload();
  const rows = app.getByTestId('plan-list').locator('tbody tr');
  const first = rows.filter({ hasText: 'Drafts first' });
  const second = rows.filter({ hasText: 'Drafts second' });
  const editor = app.getByTestId('plan-editor');

  await first.getByRole('button', { name: 'Drafts first' }).click();
  await expect(editor.getByTestId('edit-verdict')).toContainText('No edits');
  // The summary gives the optimizer's time and the wall-clock time the planner waited.
  await expect(app.getByTestId('plan-solver')).toContainText(
    /Optimizer \d+ s; \d+ s from the request to the saved plan/,
  );
  await editor.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(editor.getByTestId('edit-count')).toHaveText('1 edit');
  // The tiles and tables above and below show the edited plan, said so, with the saved figures.
  const total = (await editor.getByTestId('edit-cost-delta').textContent())!.match(/^Total (₹[\d,]+)/)![1]!;
  await expect(app.getByTestId('plan-total')).toHaveText(total);
  await expect(app.getByTestId('plan-shows-edits')).toContainText('include 1 unsaved edit. Saved version: total ₹');
  const rake = await editor.getByLabel('Rake', { exact: true }).inputValue();
  await editor.getByLabel('Delay [h]').fill('6');
  await editor.getByRole('button', { name: 'Add disruption' }).click();
  await expect(editor.getByTestId('disruption-list')).toContainText(`Rake ${rake} placed 6 h later`);

  await second.getByRole('button', { name: 'Drafts second' }).click();
  await expect(editor.getByTestId('edit-count')).toHaveText('0 edits');
  await expect(app.getByTestId('plan-shows-edits')).toHaveCount(0);
  await expect(editor.getByTestId('disruption-list').locator('li')).toHaveCount(0);
  await expect(first.getByTestId('plan-unsaved')).toHaveText('1 unsaved edit');

  await first.getByRole('button', { name: 'Drafts first' }).click();
  await expect(editor.getByTestId('edit-count')).toHaveText('1 edit');
  await expect(editor.getByTestId('edit-verdict')).toContainText(/Passes the checker|Breaks \d+ rule check/);
  await expect(editor.getByTestId('disruption-list')).toContainText(`Rake ${rake} placed 6 h later`);
});
