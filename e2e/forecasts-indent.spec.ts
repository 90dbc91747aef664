import fs from 'node:fs';
import { expect, openPage, test } from './fixtures';

test('the indent days field takes what is typed, and Export saves the indent on screen', async ({ app }) => {
  await openPage(app, 'Forecasts');
  const days = app.getByLabel('Indent days');
  const suggest = app.getByTestId('btn-indent');
  // Cleared, the field stays empty and says why Suggest is off, rather than filling itself in.
  await days.click();
  await days.press('End');
  await days.press('Backspace');
  await days.press('Backspace');
  await expect(days).toHaveValue('');
  await expect(app.getByTestId('indent-days-error')).toContainText('whole number from 1 to 14');
  await expect(suggest).toBeDisabled();
  await days.pressSequentially('7');
  await expect(days).toHaveValue('7');
  await expect(app.getByTestId('indent-days-error')).toHaveCount(0);

  await suggest.click();
  const indent = app.getByTestId('indent');
  await expect(indent).toContainText('wanting rail', { timeout: 60_000 });
  const onScreen = await indent.getByTestId('indent-row').count();
  await expect(app.getByTestId('indent-stale')).toHaveCount(0);

  // Days changed without a new suggestion: the table says which indent it is, and Export saves that one.
  await days.fill('2');
  await expect(app.getByTestId('indent-stale')).toContainText('indent for 7 days');
  await expect(indent.getByTestId('indent-row')).toHaveCount(onScreen);
  const [download] = await Promise.all([
    app.waitForEvent('download'),
    app.getByRole('button', { name: 'Export .csv' }).click(),
  ]);
  const csv = fs
    .readFileSync((await download.path())!, 'utf8')
    .trim()
    .split('\n');
  expect(csv.length - 1).toBe(onScreen);
});
