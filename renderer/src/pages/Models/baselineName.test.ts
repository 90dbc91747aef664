import { describe, expect, it } from 'vitest';
import { BASELINE_LABEL_EN, baselineName, baselineNameParams } from '../../../../core/contract/baseline-names';
import { told } from '../../../../core/contract/gate-cells';
import { named } from '../../../../core/contract/gate-text';
import { baselineNameText } from './baselineName';
import { checkCell } from './gateText';

/** Two English words in a row: a name left untranslated (key columns are single ids). */
const english = /\b[a-z]{2,}\b[\s,;:()]+\b[a-z]{2,}\b/i;

// A version's baseline block as training stores it: the English name and its codes.
const nameText = { code: 'point-wagon-median-delay', kind: 'median', keys: ['loadingPoint', 'wagonType'] } as const;
const stored = { name: baselineName(nameText), nameText, rows: 450, beats: false };

describe('a trained model’s baseline by name', () => {
  it('is written in Hindi from its codes, the key columns as they are', () => {
    expect(stored.name).toBe(
      'loading point × wagon type median delay (training-period median; overall median for unseen loadingPoint × wagonType)',
    );
    expect(baselineNameText(stored, 'hi')).toBe(
      'लोडिंग पॉइंट × वैगन प्रकार की माध्यिका देरी (प्रशिक्षण अवधि की माध्यिका; प्रशिक्षण में न आए loadingPoint × wagonType के लिए कुल माध्यिका)',
    );
    expect(baselineNameText(stored, 'en')).toBe(stored.name);
    for (const code of Object.keys(BASELINE_LABEL_EN) as Array<keyof typeof BASELINE_LABEL_EN>)
      for (const kind of ['column', 'mean', 'median', 'shares'] as const)
        expect(baselineNameText({ name: 'x', nameText: { code, kind, keys: ['lane'] } }, 'hi')).not.toMatch(english);
  });

  it('is written in Hindi in the gate panel’s detail of the trainer’s comparison', () => {
    const check = {
      ...named('vs-naive-baseline', { metric: 'MAE' }),
      passed: false,
      value: null,
      limit: null,
      ...told('detail', 'trainer-baseline', { name: stored.name, rows: 450, ...baselineNameParams(stored.nameText) }),
    };
    expect(checkCell(check, 'detail', 'en')).toBe(`${stored.name}, on the 450 holdout rows of training`);
    expect(checkCell(check, 'detail', 'hi')).toBe(
      `${baselineNameText(stored, 'hi')}, प्रशिक्षण की 450 होल्डआउट पंक्तियों पर`,
    );
  });

  it('stays as stored for a version trained before its codes were kept, or with codes this build does not know', () => {
    expect(baselineNameText({ name: 'lane median cost' }, 'hi')).toBe('lane median cost');
    expect(baselineNameText({ name: 'old', nameText: { code: 'gone', kind: 'median', keys: [] } }, 'hi')).toBe('old');
  });
});
