import { describe, expect, it } from 'vitest';
import { t } from '../../i18n';
import { promotedText } from './promotedText';

describe('the note after promoting', () => {
  it('names the model by its title, as the rollback note does', () => {
    const model = { name: 'transit-delay', title: 'transit-delay (host)' };
    expect(promotedText(model, { version: 2, previous: 1, overridden: false })).toBe(
      'Rail transit time (with P10/P90) @2 is in production (was @1).',
    );
    expect(promotedText(model, { version: 2, previous: null, overridden: false })).not.toMatch(/transit-delay@/);
  });

  it('takes the host title for a model with no title of its own in the catalogue', () => {
    const model = { name: 'lanes', title: 'lanes (imported)' };
    expect(promotedText(model, { version: 1, previous: null, overridden: true })).toBe(
      'lanes (imported) @1 is in production, gates overridden.',
    );
  });
});

describe('the empty registry', () => {
  it('says training on the page registers the model, not that the planner must', () => {
    expect(t('registry.emptyHint')).toMatch(/each training is registered here as a candidate/);
    expect(t('registry.emptyHint')).not.toMatch(/then register it/);
  });
});
