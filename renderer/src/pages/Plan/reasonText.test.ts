import { describe, expect, it } from 'vitest';
import type { IdleRake, UnservedLine } from '../../../../core/domain/plan';
import { productionClause } from '../../../../core/domain/plan-notes';
import { idleReasonText, productionReasonText, unservedReasonText } from './reasonText';

const line = (over: Partial<UnservedLine>): UnservedLine => ({
  order: 'SO-1',
  product: 'HRC',
  destination: 'TKD',
  priority: 3,
  tonnes: 105,
  penaltyRs: 73_500,
  deferredFreightRs: 2_13_675,
  reason: 'the English reason',
  ...over,
});

const figures = { leaveRsPerT: 2735, penaltyRsPerT: 700, deferredFreightRsPerT: 2035, stockLeftT: 4200 };

describe('unserved reasons in the interface language', () => {
  it("keeps the core's English text in English", () => {
    expect(unservedReasonText(line({ reasonCode: 'dearer-than-leaving', figures }), 'en')).toBe('the English reason');
  });

  it('writes the cheapest way against leaving the tonnes in Hindi, from the figures', () => {
    const u = line({
      reasonCode: 'dearer-than-leaving',
      figures: {
        ...figures,
        cheapestRail: { how: 'rake', rakeId: 'RK-021', tonnes: 430, rsPerT: 12793.71, leaveRsPerT: 3125.7 },
        cheapestRoad: { stockyard: 'SY-HSM1', date: '2026-02-13', tonnes: 105, rsPerT: 2442 },
      },
    });
    const text = unservedReasonText(u, 'hi');
    expect(text).toContain('पूरा रेक RK-021 TKD तक');
    expect(text).toContain('₹12,793.71/t');
    expect(text).toContain('उन टनों को छोड़ने पर ₹3,125.70/t');
    expect(text).toContain('SY-HSM1 से 13 Feb 2026 को सड़क द्वारा (105 t) ₹2,442.00/t');
    expect(text).toContain('दंड ₹700.00/t + आस्थगित भाड़ा ₹2,035.00/t = ₹2,735.00/t');
    // A rail option was priced, so two-point rakes were too: none saves money.
    expect(text).toMatch(/महँगा है; कोई दो-बिंदु रेक .* पैसा नहीं बचाता$/);
  });

  it('writes the rules that block rail from their figures, or keeps the English where one has none', () => {
    const rakesBusy = { compatible: 14, wagonTypes: ['BFNS', 'BRN', 'BOST'], loadingForDestination: 0 };
    const busy = line({ reasonCode: 'rakes-busy', figures: { ...figures, blocks: ['rakes-busy'], rakesBusy } });
    expect(unservedReasonText(busy, 'hi')).toBe(
      '14 संगत BFNS/BRN/BOST रेक दूसरे लोड ले जा रहे हैं (TKD के लिए कोई लोड नहीं हो रहा)',
    );
    const serving = { ...rakesBusy, loadingForDestination: 1 };
    expect(
      unservedReasonText(
        line({ reasonCode: 'rakes-busy', figures: { ...figures, blocks: ['rakes-busy'], rakesBusy: serving } }),
        'hi',
      ),
    ).toContain('TKD के लिए लोड हो रहे रेकों (1) में');
    // Road lots priced, rail blocked: both clauses.
    const both = line({
      reasonCode: 'dearer-than-leaving',
      figures: {
        ...figures,
        blocks: ['rakes-busy'],
        rakesBusy,
        cheapestRoad: { stockyard: 'SY-1', date: '2026-02-13', tonnes: 105, rsPerT: 3000 },
      },
    });
    expect(unservedReasonText(both, 'hi')).toMatch(/महँगा है; .*पैसा नहीं बचाता; 14 संगत BFNS\/BRN\/BOST रेक/);
    // Busy rakes, then idle ones that find no slot: both clauses, in the core's order.
    const noSlot = line({
      reasonCode: 'no-siding-slot',
      figures: { ...figures, blocks: ['no-siding-slot'], rakesBusy, idleRakes: { count: 1, wagonTypes: ['BCN'] } },
    });
    expect(unservedReasonText(noSlot, 'hi')).toBe(
      '14 संगत BFNS/BRN/BOST रेक दूसरे लोड ले जा रहे हैं (TKD के लिए कोई लोड नहीं हो रहा); ' +
        '1 खाली BCN रेकों को HRC तक पहुँचने वाली किसी साइडिंग में एक वैगन की लोडिंग के लिए भी ऐसा स्लॉट नहीं मिलता (कार्य के घंटे, एक साथ रेक) जो अवधि के भीतर समाप्त हो',
    );
    // A block written only in English (late-costs-more names a rake and a time): the core's text.
    const late = line({ reasonCode: 'late-costs-more', figures: { ...figures, blocks: ['late-costs-more'] } });
    expect(unservedReasonText(late, 'hi')).toBe('the English reason');
  });

  it('names only the options cheaper than leaving when the plan left money on the table', () => {
    const u = line({
      reasonCode: 'cheaper-option-left',
      figures: {
        ...figures,
        cheapestRail: { how: 'fill', rakeId: 'RK-004', tonnes: 105, rsPerT: 3100, leaveRsPerT: 2735 },
        cheapestRoad: { stockyard: 'SY-1', date: '2026-02-13', tonnes: 105, rsPerT: 1900 },
      },
    });
    const text = unservedReasonText(u, 'hi');
    expect(text).toContain('SY-1 से');
    expect(text).not.toContain('RK-004');
    expect(text).toMatch(/^नहीं भेजा गया/);
  });

  it("shows the core's text where the figures do not carry the whole reason", () => {
    // A two-point rake that would pay, a rule that blocks both modes, a plan from before codes.
    expect(unservedReasonText(line({ reasonCode: 'cheaper-option-left', figures }), 'hi')).toBe('the English reason');
    expect(unservedReasonText(line({ reasonCode: 'rakes-busy', figures }), 'hi')).toBe('the English reason');
    expect(unservedReasonText(line({}), 'hi')).toBe('the English reason');
    expect(unservedReasonText(line({ reasonCode: 'stock-used-up' }), 'hi')).toBe('HRC का स्टॉक दूसरे ऑर्डरों में लग चुका है');
  });
});

describe('idle rake reasons in the interface language', () => {
  const idle = (over: Partial<IdleRake>): IdleRake => ({
    rakeId: 'RK-9',
    wagonType: 'BOXN',
    placement: '2026-02-13T06:00:00+05:30',
    reasonCode: 'no-demand',
    reason: 'the English reason',
    ...over,
  });

  it('writes the best load of a two-point rake against leaving its tonnes', () => {
    const text = idleReasonText(
      idle({
        reasonCode: 'dearer-than-leaving',
        figures: {
          destination: 'GZB',
          secondDestination: 'LKO',
          loadingPoint: 'LP-2',
          tonnes: 2400,
          rakeCostRs: 14_69_436,
          leaveRs: 7_87_406,
        },
      }),
      'hi',
    );
    expect(text).toBe(
      'इसका सबसे अच्छा लोड, LP-2 से GZB और LKO (दो-बिंदु रेक) तक 2,400 t, ₹14,69,436 का पड़ेगा (पूरे रेक का भाड़ा), जबकि उन टनों को छोड़ने पर ₹7,87,406',
    );
    expect(idleReasonText(idle({}), 'hi')).toContain('BOXN वैगन');
    expect(idleReasonText(idle({}), 'en')).toBe('the English reason');
  });
});

describe('production reasons in the interface language', () => {
  const because = [
    productionClause({ kind: 'short', product: 'HRSH', tonnes: 1497 }),
    productionClause({ kind: 'forecast', days: 14, tonnes: 2300, source: 'model demand@2' }),
  ].join('; ');

  it('drops the zero clauses older plans wrote, in English as written', () => {
    expect(productionReasonText(`open orders for HRC exceed usable stock by 0 t; ${because}`, 'en')).toBe(because);
  });

  it('writes each clause in Hindi from its figures; text of another version stays', () => {
    expect(productionReasonText(`${because}; a clause of another version`, 'hi')).toBe(
      'खुले ऑर्डरों के लिए HRSH की माँग उपयोग योग्य स्टॉक से 1,497 t अधिक है; ' +
        'अगले 14 दिनों की पूर्वानुमानित माँग खुले ऑर्डरों के बाद बचे स्टॉक से 2,300 t अधिक है (model demand@2); ' +
        'a clause of another version',
    );
    expect(productionReasonText(productionClause({ kind: 'lack', product: 'CRC', tonnes: 12345 }), 'hi')).toBe(
      'स्टॉक की कमी से CRC का 12,345 t अपूर्ण',
    );
  });
});
