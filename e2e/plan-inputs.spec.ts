import { expect, test } from './fixtures';

// Numbers typed in the Plan page's fields stay as typed; what is not a valid number is named
// under its form, and nothing is sent until it is fixed.
test('time limit and gap keep what is typed; a bad one blocks Optimize and says why', async ({ app }) => {
  await expect(app.getByTestId('scenario-title')).toHaveText('Bokaro demo');
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
