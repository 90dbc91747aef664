import { expect, test } from './fixtures';

test('the interface switches to Hindi and back, and remembers the choice', async ({ app }) => {
  await app.getByLabel('Language').selectOption('hi');
  const nav = app.getByRole('navigation', { name: 'पृष्ठ' });
  await expect(nav.getByRole('link', { name: 'योजना' })).toBeVisible();
  await expect(app.locator('html')).toHaveAttribute('lang', 'hi');
  await expect(app.getByTestId('connection-state')).toContainText('जुड़ा हुआ');
  await app.reload();
  await expect(app.getByRole('navigation', { name: 'पृष्ठ' })).toBeVisible();
  await app.getByLabel('भाषा').selectOption('en');
  await expect(app.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Plan' })).toBeVisible();
  await expect(app.locator('html')).toHaveAttribute('lang', 'en');
});

// Interface words of each page as English showed them (compared without case: cards write their
// titles in capitals). Words that also occur in data from the host (model titles, sources, rule
// texts) are left out: those stay as the host wrote them; so are call names (`health.get`).
const ENGLISH_UI: Record<string, readonly string[]> = {
  पूर्वानुमान: [
    'next 14 days',
    'Planning day',
    'Rail transit time',
    'Rake placement delay',
    'Lane mean',
    'Corridor',
    'Rake indent',
    'Suggest indent',
    'Source:',
  ],
  मॉडल: ['Train forecasting models', 'Not trained yet', 'Latest:', 'Target:', 'Registry', 'registered models'],
  निगरानी: [
    'Health',
    'App version',
    'Schema version',
    'Database',
    'Uptime',
    'Data directory',
    'Alerts',
    'Optimizer success',
    'Training jobs',
    'Request rate',
    'Latency',
    'Calls by name',
    'Check drift now',
    'Window',
  ],
};
const HEADINGS: Record<string, string> = {
  पूर्वानुमान: 'माँग — अगले 14 दिन',
  मॉडल: 'पूर्वानुमान मॉडल प्रशिक्षित करें',
  निगरानी: 'सिस्टम स्थिति',
};
const READY: Record<string, string> = {
  पूर्वानुमान: 'forecast-operational',
  मॉडल: 'train-spec-demand',
  निगरानी: 'calls-total',
};

/** `word` in `text` on its own, in any case: not inside an identifier such as the call `health.get`. */
const shownAsWord = (text: string, word: string) =>
  new RegExp(`(?<![\\w.-])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.-])`, 'i').test(text);

test('in Hindi the Forecasts, Models and Monitor pages show no English interface words', async ({ app }) => {
  await app.getByLabel('Language').selectOption('hi');
  const nav = app.getByRole('navigation', { name: 'पृष्ठ' });
  for (const [page, words] of Object.entries(ENGLISH_UI)) {
    await nav.getByRole('link', { name: page }).click();
    const main = app.locator('main');
    await expect(main.getByRole('heading', { level: 1 })).toHaveText(page);
    await expect(main.getByRole('heading', { name: HEADINGS[page] })).toBeVisible();
    await expect(main.getByTestId(READY[page]!)).toBeVisible({ timeout: 60_000 });
    const text = await main.innerText();
    const english = words.filter((w) => shownAsWord(text, w));
    expect(english, `${page}: English left in\n${text}`).toEqual([]);
  }
});
