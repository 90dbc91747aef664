import type { Plan } from '../core/domain/plan';
import type { PlanListItem } from '../core/contract/api/plans';
import { expect, test } from './fixtures';
import { rpc } from './rpc';

// The planner in the loop on the seeded demo week: edit with an instant verdict and price, undo,
// lock, enter a disruption, re-plan, and a re-plan refused over a locked rule-breaking rake. Every wait is on what the planner sees.
test.setTimeout(240_000);

test('edit, undo, lock three rakes, delay another by 10 h and re-plan; a refused re-plan leaves a failing version that cannot be issued', async ({
  app,
  server,
}) => {
  await expect(app.getByTestId('scenario-title')).toHaveText('Bokaro demo');
  await app.getByLabel('Time limit in seconds').fill('8');
  await app.getByRole('button', { name: 'Optimize' }).click();
  const editor = app.getByTestId('plan-editor');
  await expect(editor).toBeVisible({ timeout: 90_000 });
  await expect(editor.getByTestId('edit-verdict')).toContainText('No edits');

  // Tonnes that are not a tonnage are refused, said so under the form, and nothing is edited.
  await expect(editor.getByRole('combobox', { name: 'Order to move' })).toHaveValue(/ on /);
  await editor.getByLabel('Move to').selectOption({ index: 0 });
  await editor.getByLabel('Tonnes to move').fill('-50');
  await editor.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(editor.getByRole('alert').filter({ hasText: 'Not moved: “-50”' })).toBeVisible();
  await expect(editor.getByTestId('edit-verdict')).toContainText('No edits');

  // Move the first rake's first order onto another rake: priced and checked at once.
  await editor.getByLabel('Tonnes to move').fill('');
  await editor.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(editor.getByTestId('edit-count')).toHaveText('1 edit');
  await expect(editor.getByRole('alert').filter({ hasText: 'Not moved' })).toHaveCount(0);
  await expect(editor.getByTestId('edit-cost-delta')).toContainText(/[+−]₹[\d,]+ \([+−]\d+\.\d\d %\)/);
  await expect(editor.getByTestId('edit-verdict')).toContainText(/Passes the checker|Breaks \d+ rule check/);

  // Loading a rake years before it is placed breaks rule 5, named on that rake.
  const rakeToMove = await editor.getByLabel('Rake to move').inputValue();
  await editor.getByLabel('Loading start').fill('2000-01-01T06:00:00+05:30');
  await editor.getByRole('button', { name: 'Move rake' }).click();
  await expect(editor.getByTestId('edit-count')).toHaveText('2 edits');
  await expect(editor.getByTestId('edit-verdict')).toContainText(`rake ${rakeToMove}: rule 5 — loading starts`);

  // Undo with the keyboard: back to the one move.
  await editor.getByTestId('edit-count').click();
  await app.keyboard.press('Control+z');
  await expect(editor.getByTestId('edit-count')).toHaveText('1 edit (1 to redo)');
  await expect(editor.getByTestId('edit-verdict')).not.toContainText('loading starts');

  // Lock three rakes away from the move; delay a fourth, unlocked one.
  const locks = editor.getByTestId('lock-controls').getByRole('checkbox');
  await expect(locks.nth(5)).toBeVisible();
  const lockedIds: string[] = [];
  for (const i of [2, 3, 4]) {
    const label = (await locks.nth(i).getAttribute('aria-label'))!;
    lockedIds.push(label.replace('Lock rake ', ''));
    // The box shows the lock once the host has applied it (the edit is checked and priced first).
    await locks.nth(i).click();
    await expect(editor.getByTestId('edit-count')).toHaveText(
      `${1 + lockedIds.length} edit${lockedIds.length ? 's' : ''}`,
    );
    await expect(editor.getByLabel(label)).toBeChecked();
  }
  const victim = (await locks.nth(5).getAttribute('aria-label'))!.replace('Lock rake ', '');
  await editor.getByLabel('Disruption kind').selectOption('rake-delayed');
  await editor.getByLabel('Rake', { exact: true }).selectOption(victim);
  await editor.getByLabel('Delay [h]').fill('10');
  await editor.getByRole('button', { name: 'Add disruption' }).click();
  await expect(editor.getByTestId('disruption-list')).toContainText(`Rake ${victim} placed 10 h later`);
  await editor.getByLabel('Re-plan time limit').fill('12');
  await editor.getByRole('button', { name: 'Re-plan' }).click();

  const result = app.getByTestId('replan-result');
  await expect(result).toBeVisible({ timeout: 150_000 });
  await expect(result.getByTestId('replan-verdict')).toHaveText('Re-planned plan passes the checker.');
  await expect(result.getByTestId('replan-changes')).toContainText(`rake ${victim}`);
  await expect(app.getByTestId('plan-list')).toContainText('re-plan v3');

  // The saved versions: the re-plan's locked rakes are the base version's, exactly.
  const list = await rpc<PlanListItem[]>(server, 'plans.list', {});
  const re = list.find((p) => p.name.includes('re-plan v3'))!;
  const base = (await rpc<{ plan: Plan }>(server, 'plans.get', { id: re.parentId })).plan;
  const after = (await rpc<{ plan: Plan }>(server, 'plans.get', { id: re.id })).plan;
  for (const id of lockedIds) {
    const b = base.rakes.find((r) => r.rakeId === id);
    expect(b?.locked).toBe(true);
    expect(after.rakes.find((r) => r.rakeId === id)).toEqual(b);
  }
  expect((await rpc<{ ok: boolean }>(server, 'plans.check', { id: re.id })).ok).toBe(true);

  // Load a rake before it is placed (rule 5), lock it and re-plan: refused, naming the lock. The
  // edits are saved as a version, shown as failing the checker, and it cannot be issued.
  const broken = await editor.getByLabel('Rake to move').inputValue();
  await editor.getByLabel('Loading start').fill('2000-01-01T06:00:00+05:30');
  await editor.getByRole('button', { name: 'Move rake' }).click();
  await expect(editor.getByTestId('edit-verdict')).toContainText(`rake ${broken}: rule 5 — loading starts`);
  await editor.getByLabel(`Lock rake ${broken}`).click();
  await expect(editor.getByLabel(`Lock rake ${broken}`)).toBeChecked();
  await editor.getByRole('button', { name: 'Re-plan' }).click();
  await expect(editor.getByTestId('replan-error')).toContainText(`rake ${broken} (retime) is locked`);
  // The earlier re-plan's result is not shown under the refusal.
  await expect(result).toHaveCount(0);
  const saved = editor.getByTestId('saved-verdict');
  await expect(saved).toContainText('The plan as saved fails the checker.');
  await expect(saved).toContainText(`rake ${broken}: rule 5 — loading starts`);
  await expect(editor.getByRole('button', { name: 'Issue plan' })).toBeDisabled();
  await expect(editor.getByTestId('issue-blocked')).toContainText('Cannot be issued');

  // In Hindi the refusal and the saved plan's violations are written from their data: no English sentence left.
  await app.getByLabel('Language').selectOption('hi');
  const refusedHi = app.getByTestId('replan-error');
  await expect(refusedHi).toContainText(`पुनर्योजना अस्वीकृत: रेक ${broken} (समय बदलना पड़ेगा) लॉक है`);
  await expect(refusedHi).not.toContainText('is locked');
  const savedHi = app.getByTestId('saved-verdict');
  await expect(savedHi).toContainText(`रेक ${broken}: नियम 5 — लोडिंग रेक के प्लेस होने से`);
  await expect(savedHi).not.toContainText('loading starts');
  await app.getByLabel('भाषा').selectOption('en');
});
