import { expect, test } from './fixtures';
import { rpc } from './rpc';

// Numbers typed in the Plan page's fields stay as typed; what is not a valid number is named
// under its form, and nothing is sent until it is fixed.
test('time limit and gap keep what is typed; a bad one blocks Optimize and says why', async ({ app }) => {
  await expect(app.getByTestId('scenario-title')).toHaveText('Bokaro demo');
  await expect(app.getByTestId('optimize-estimate')).toContainText(
    'The limit covers the search; checking the plan, forecasts and saving add time after it.',
  );
  const limit = app.getByLabel('Time limit in seconds');
  const optimize = app.getByRole('button', { name: 'Optimize', exact: true });
  await limit.fill('');
  await expect(limit).toHaveValue('');
  await expect(optimize).toBeDisabled();
  await expect(app.getByTestId('optimize-bad-input')).toHaveText('Time limit [s]: enter a number');
  await limit.pressSequentially('45');
  await expect(limit).toHaveValue('45');
  await expect(optimize).toBeEnabled();
  await expect(app.getByTestId('optimize-bad-input')).toHaveCount(0);

  const gap = app.getByLabel('Relative gap in percent');
  await gap.fill('');
  await expect(gap).toHaveValue('');
  await gap.pressSequentially('abc');
  await expect(app.getByTestId('optimize-bad-input')).toHaveText('Gap [%]: “abc” is not a number');
  await expect(optimize).toBeDisabled();
  await gap.fill('60');
  await expect(app.getByTestId('optimize-bad-input')).toHaveText('Gap [%]: must be at most 50 %');
  await gap.fill('1');
  await expect(optimize).toBeEnabled();
});

test('the disruption form names each bad field; a refused re-plan says why beside its button', async ({
  app,
  server,
}) => {
  const scenarios = await rpc<{ id: string; name: string }[]>(server, 'scenarios.list', {});
  const scenarioId = scenarios.find((s) => s.name === 'Bokaro demo')!.id;
  await rpc(server, 'plans.solve', { scenarioId, ruleBasedOnly: true, name: 'Inputs rule-based' });
  await app.reload();
  await app.getByTestId('plan-list').getByRole('button', { name: 'Inputs rule-based' }).first().click();
  const editor = app.getByTestId('plan-editor');
  const list = editor.getByTestId('disruption-list').locator('li');
  const add = editor.getByRole('button', { name: 'Add disruption' });

  // A delay in words is named, kept as typed, and nothing is added.
  await editor.getByLabel('Delay [h]').fill('ten');
  await add.click();
  await expect(editor.getByTestId('disruption-not-added')).toContainText('Delay [h]: “ten” is not a number');
  await expect(editor.getByLabel('Delay [h]')).toHaveValue('ten');
  await expect(list).toHaveCount(0);

  // Stock lower: the yard and product are the scenario's; blank usable tonnes are refused.
  await editor.getByLabel('Disruption kind').selectOption('stock-lower');
  await expect(editor.getByLabel('Stockyard').locator('option').first()).toHaveText(/\S/);
  await add.click();
  await expect(editor.getByTestId('disruption-not-added')).toContainText('Usable [t]: enter a number');
  await expect(list).toHaveCount(0);

  // Re-plan's own fields: a stability penalty in words disables it, said beside it.
  const replan = editor.getByRole('button', { name: 'Re-plan' });
  await editor.getByLabel('Stability penalty').fill('abc');
  await expect(replan).toBeDisabled();
  await expect(editor.getByTestId('replan-needs')).toContainText(
    'Stability penalty [₹ per changed rake]: “abc” is not a number',
  );
  await editor.getByLabel('Stability penalty').fill('200000');
  await expect(replan).toBeEnabled();

  // Cancelling a locked rake is refused by the host: said in words beside the Re-plan button.
  const lock = editor.getByTestId('lock-controls').getByRole('checkbox').first();
  const rake = (await lock.getAttribute('aria-label'))!.replace('Lock rake ', '');
  await lock.click();
  await expect(editor.getByTestId('edit-count')).toHaveText('1 edit');
  await editor.getByLabel('Disruption kind').selectOption('rake-cancelled');
  await editor.getByLabel('Rake', { exact: true }).selectOption(rake);
  await add.click();
  await expect(list).toHaveText([`Rake ${rake} cancelled remove`]);
  await replan.click();
  const refused = editor.getByTestId('replan-error');
  await expect(refused).toContainText(`Re-plan refused: rake ${rake}`);
  await expect(refused).toContainText('unlock it first');
  await expect(refused).not.toContainText('INVALID_DATA');
  const [b, e] = [await replan.boundingBox(), await refused.boundingBox()];
  expect(Math.abs(e!.y - b!.y)).toBeLessThan(150);
});
