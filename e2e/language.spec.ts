/// <reference lib="dom" />
// shownText runs in the browser.
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

test('the interface switches to Hindi and back, and remembers the choice', async ({ app }) => {
  await app.getByLabel('Language').selectOption('hi');
  const nav = app.getByRole('navigation', { name: 'पृष्ठ' });
  await expect(nav.getByRole('link', { name: 'योजना' })).toBeVisible();
  await expect(app.locator('html')).toHaveAttribute('lang', 'hi');
  await expect(app.getByTestId('connection-state')).toContainText('जुड़ा हुआ');
  // Drawn in the bundled Devanagari face, which comes first in Hindi: a machine without one of its
  // own (this one) shows the words, not empty boxes.
  const faces = await app.evaluate(async () => {
    const loaded = await document.fonts.load('600 20px "Noto Sans Devanagari"', 'प्रेषण योजना');
    return { loaded: loaded.length, first: getComputedStyle(document.body).fontFamily.split(',')[0] };
  });
  expect(faces).toEqual({ loaded: 1, first: '"Noto Sans Devanagari"' });
  await app.reload();
  await expect(app.getByRole('navigation', { name: 'पृष्ठ' })).toBeVisible();
  await app.getByLabel('भाषा').selectOption('en');
  await expect(app.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Plan' })).toBeVisible();
  await expect(app.locator('html')).toHaveAttribute('lang', 'en');
});

// English words and phrases of the Plan page's own interface. The data it shows (scenario and plan
// names, customers, codes, the solver's notes such as "Production suggestion from open orders")
// stays as it was entered or sent, so the check looks for these rather than for any English.
// prettier-ignore
const PLAN_UI_WORDS = [
  'Scenarios', 'Rename', 'Copy as what-if', 'New scenario', 'Import scenario', 'Export scenario',
  'Costs', 'Inventory', 'Loading points', 'Wagon types', 'Order id', 'Due date', 'Splittable',
  'No data problems', 'Forecast inputs', 'Update from forecasts', 'Optimize', 'Robust', 'Time limit',
  'Saved plans', 'Compare', 'Delete', 'Total cost', 'Saving', 'Utilisation', 'On time', 'Tonnes',
  'Technical details', 'Edit, lock', 'Version', 'Move order', 'Move rake', 'Road lot', 'Undo', 'Redo',
  'Save as new version', 'No edits', 'Locks', 'Lock order', 'Checker', 'Disruptions', 'Stability',
  'Re-plan', 'Issue plan', 'Documents', 'Cost breakdown', 'Rail freight', 'Demurrage', 'Lateness',
  'Unserved', 'Loading Gantt', 'Produce next', 'Rakes not used', 'Wagon type', 'Departure',
  'Destinations', 'Customers',
  // The orders grid's allowed modes, a choice column.
  'either',
];

/**
 * The text a reader meets: visible text as written (innerText would report CSS-uppercased headings
 * in capitals), the options of visible lists and the names, tooltips and placeholders of visible
 * elements.
 */
function shownText(root: Locator): Promise<string> {
  return root.evaluate((el) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      const box = parent?.closest('select') ?? parent;
      if (box?.checkVisibility()) out.push(n.textContent ?? '');
    }
    for (const e of el.querySelectorAll('[aria-label], [title], [placeholder]'))
      if (e.checkVisibility())
        for (const a of ['aria-label', 'title', 'placeholder']) out.push(e.getAttribute(a) ?? '');
    return out.join('\n');
  });
}

test('the Plan page of a day plan reads in Hindi', async ({ app }) => {
  await app.getByLabel('Language').selectOption('hi');
  await app.getByLabel('नए परिदृश्य का ढाँचा').selectOption('day');
  await app.getByRole('button', { name: 'नया परिदृश्य', exact: true }).click();
  await expect(app.getByTestId('scenario-title')).not.toHaveText('Bokaro demo');
  await expect(app.getByText('इस परिदृश्य की अभी कोई योजना नहीं: अनुकूलित करें दबाएँ।')).toBeVisible();
  await app.getByLabel('सेकंड में समय सीमा').fill('5');
  await app.getByRole('button', { name: 'अनुकूलित करें' }).click();
  await expect(app.getByTestId('plan-view')).toBeVisible({ timeout: 90_000 });

  const main = app.locator('main');
  for (const heading of ['प्रेषण योजना', 'परिदृश्य', 'सहेजी गई योजनाएँ', 'लागत विवरण', 'संपादन, लॉक और पुनर्योजना'])
    await expect(main.getByRole('heading', { name: heading, exact: true })).toBeVisible();
  for (const button of ['नाम बदलें', 'पूर्वानुमान से अद्यतन करें', 'योजना जारी करें', 'पुनर्योजना करें'])
    await expect(main.getByRole('button', { name: button, exact: true })).toBeVisible();
  await expect(main.getByRole('tab', { name: 'लोडिंग गैंट' })).toBeVisible();

  const text = await shownText(main);
  const english = PLAN_UI_WORDS.filter((w) => new RegExp(`(^|[^A-Za-z])${w}([^A-Za-z]|$)`).test(text));
  expect(english, 'English interface words on the Hindi Plan page').toEqual([]);

  // The solver's reasons for unserved tonnes, written in Hindi from their codes and figures. Which
  // reasons a 5-s plan has depends on the CPU it got; these two always carry their figures (a
  // reason naming a rule without figures, such as a late idle rake, stays as the core wrote it).
  await main.getByRole('tab', { name: /^अपूर्ण/ }).click();
  const reasons = main.getByTestId('plan-unserved').locator('tbody tr td:last-child');
  await expect(reasons.first()).toBeVisible();
  const shown = await reasons.allTextContents();
  const busy = String.raw`\d+ compatible \S+ rakes carry other loads \([^;]*\)`;
  const untranslated = new RegExp(String.raw`^(${busy}|(${busy}; )?the \d+ idle \S+ rakes find no slot [^;]*)$`);
  expect(shown.filter((r) => untranslated.test(r))).toEqual([]);
  expect(shown.some((r) => /[\u0900-\u097F]/.test(r))).toBe(true);
});

// Interface words of each page as English showed them (compared without case: cards write their
// titles in capitals), and the host's sentences the page words from their codes: forecast sources
// and fallbacks, model titles and descriptions, alert rules. Names and codes stay as they are
// (`transit-delay`, `history_demand`, call names such as `health.get`).
const ENGLISH_UI: Record<string, readonly string[]> = {
  पूर्वानुमान: [
    'No usable demand model',
    'seasonal naive forecast',
    'historical mean',
    'there is no model named',
    'in the registry',
    'database table',
    'synthetic history',
    'rows',
    'open orders only',
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
  मॉडल: [
    'Train forecasting models',
    'Not trained yet',
    'Latest:',
    'Target:',
    'Registry',
    'registered models',
    'Demand (14 days ahead)',
    'Rail transit time',
    'Rake availability',
    'Loading throughput',
    'Freight cost',
    'Transport mode',
    'Hours from dispatch',
    'Tonnes ordered per day',
  ],
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
    'failure rate',
    'long jobs',
    'interactive',
    'a production model failed to load',
    'input drift detected',
    'refusals and cancels',
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
    if (page === 'पूर्वानुमान') {
      // The indent's summary names its demand source; the demand chart, its history and fallback.
      await expect(main.getByTestId('forecast-demand')).toBeVisible({ timeout: 60_000 });
      await main.getByRole('button', { name: 'इंडेंट सुझाएँ' }).click();
      await expect(main.getByTestId('indent')).toBeVisible({ timeout: 60_000 });
    }
    const text = await main.innerText();
    const english = words.filter((w) => shownAsWord(text, w));
    expect(english, `${page}: English left in\n${text}`).toEqual([]);
  }
});
