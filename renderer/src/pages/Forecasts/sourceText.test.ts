import { afterEach, describe, expect, it } from 'vitest';
import { useLang } from '../../i18n';
import { baselineName, baselineNameParams } from '../../../../core/contract/baseline-names';
import type { InputSource } from '../../../../core/domain/input-sources';
import type { IndentResult } from '../../../../core/contract/api/forecasts';
import type { ForecastFrom } from '../../../../core/contract/api/training';
import {
  demandSourceText,
  forecastFromText,
  registryFromText,
  historyFromText,
  inputFieldText,
  noModelText,
  sourceLabelText,
  sourceWhyText,
  trainingDataText,
} from './sourceText';

const demoTable = { code: 'table', table: 'history_demand', rows: 159140, demo: { seed: 1, days: 730 } } as const;
const noTransit = { code: 'historical-mean', why: { code: 'not-in-registry', model: 'transit-delay' } } as const;

describe('forecast sources worded from their codes', () => {
  afterEach(() => useLang.setState({ lang: 'en' }));
  it("read in English as the host's own text", () => {
    expect(historyFromText(demoTable)).toBe(
      "database table history_demand (1,59,140 rows): the demo's synthetic history (seed 1, 730 days), not the plant's",
    );
    expect(forecastFromText(noTransit)).toBe(
      'historical mean — transit-delay: there is no model named transit-delay in the registry',
    );
  });
  it('read in Hindi, with names, figures and quoted model errors kept as data', () => {
    useLang.setState({ lang: 'hi' });
    expect(historyFromText(demoTable)).toBe(
      'डेटाबेस तालिका history_demand (1,59,140 पंक्तियाँ): डेमो का कृत्रिम इतिहास (सीड 1, 730 दिन), संयंत्र का नहीं',
    );
    expect(forecastFromText(noTransit)).toBe(
      'ऐतिहासिक औसत — transit-delay: रजिस्ट्री में transit-delay नाम का कोई मॉडल नहीं है',
    );
    expect(noModelText({ code: 'error', model: 'demand', error: 'cannot load demand@2: bad file' })).toBe(
      'cannot load demand@2: bad file',
    );
    expect(forecastFromText({ code: 'registry', from: 'transit-delay@3' })).toBe('transit-delay@3');
  });
});

describe('what a training learned from', () => {
  afterEach(() => useLang.setState({ lang: 'en' }));
  const trips = { code: 'table', table: 'history_trips', rows: 6639, demo: { seed: 42, days: 730 } } as const;
  const host =
    "database table history_trips (6,639 rows): the demo's synthetic history (seed 42, 730 days), not the plant's";

  it("words a spec's history from its code, in English as the host does and in Hindi", () => {
    expect(trainingDataText({ source: host, history: trips })).toBe(host);
    useLang.setState({ lang: 'hi' });
    expect(trainingDataText({ source: host, history: trips })).toBe(
      'डेटाबेस तालिका history_trips (6,639 पंक्तियाँ): डेमो का कृत्रिम इतिहास (सीड 42, 730 दिन), संयंत्र का नहीं',
    );
  });

  it("keeps a CSV's source as the host named it (a path and a count)", () => {
    useLang.setState({ lang: 'hi' });
    expect(trainingDataText({ source: 'CSV /data/lanes.csv (2,000 rows)', history: null })).toBe(
      'CSV /data/lanes.csv (2,000 rows)',
    );
  });
});

describe('why a figure came from a baseline', () => {
  afterEach(() => useLang.setState({ lang: 'en' }));
  const nameText = { code: 'lane-median-transit', kind: 'median', keys: ['destination'] } as const;
  const name = baselineName(nameText);
  const row: Pick<InputSource, 'why' | 'reasons'> = {
    why: `transit-delay@3 does not beat its baseline on the holdout: its baseline (${name}; P10/P90: the destination's empirical quantiles) is used`,
    reasons: [
      { code: 'model-beaten', params: { model: 'transit-delay', version: 3 } },
      { code: 'baseline-used-spread', params: { name, ...baselineNameParams(nameText) } },
    ],
  };

  it("reads in English as the host's own text", () => {
    expect(sourceWhyText(row)).toBe(row.why);
  });

  it('reads in Hindi with the baseline named from its codes, the key columns as they are', () => {
    useLang.setState({ lang: 'hi' });
    expect(sourceWhyText(row)).toBe(
      'transit-delay@3 होल्डआउट पर अपनी बेसलाइन से बेहतर नहीं है: इसकी बेसलाइन (लेन का माध्यिका यात्रा समय ' +
        '(प्रशिक्षण अवधि की माध्यिका; प्रशिक्षण में न आए destination के लिए कुल माध्यिका); ' +
        'P10/P90: गंतव्य के अनुभवजन्य क्वांटाइल) उपयोग की जाती है',
    );
    // A row saved before the reasons were kept shows the host's English as it was saved.
    expect(sourceWhyText({ why: row.why })).toBe(row.why);
  });

  it("names the registry's naive baseline in Hindi from the gate cell it reads as", () => {
    useLang.setState({ lang: 'hi' });
    const registry = {
      code: 'registry-baseline-used',
      params: {
        name: 'smoothed class shares by destination',
        nameCell: 'baseline-smoothed-shares-by',
        column: 'destination',
      },
    } as const;
    expect(sourceWhyText({ why: 'x', reasons: [row.reasons![0]!, registry] })).toBe(
      'transit-delay@3 होल्डआउट पर अपनी बेसलाइन से बेहतर नहीं है: रजिस्ट्री की सरल बेसलाइन ' +
        '(destination के अनुसार समतल किए गए वर्ग-हिस्से) उपयोग की जाती है',
    );
  });
});

describe('why a fallback answered when the serving version failed to load', () => {
  afterEach(() => useLang.setState({ lang: 'en' }));
  const reasons = [
    { code: 'serving-failed', params: { model: 'demand', version: 4 } },
    { code: 'model-load-failed', params: { model: 'demand', version: 4 } },
    { code: 'error-text', params: { error: 'protobuf parsing failed' } },
    { code: 'serving-skipped', params: { model: 'demand', version: 3 } },
    { code: 'model-beaten', params: { model: 'demand', version: 3 } },
    {
      code: 'serving-baseline-answered',
      params: {
        name: 'mean tonnes by destination',
        nameCell: 'baseline-mean-by',
        target: 'tonnes',
        column: 'destination',
      },
    },
  ] as const;
  const row = {
    why:
      'demand@4: cannot load demand@4: protobuf parsing failed; demand@3 skipped: demand@3 does not beat its ' +
      'baseline on the holdout; answered by the naive baseline (mean tonnes by destination)',
    reasons: [...reasons],
  };

  const fromRegistry: ForecastFrom = {
    code: 'registry',
    from: `baseline demand: ${row.why}`,
    label: 'baseline demand',
    reasons: [...reasons],
  };

  it("reads in English as the host's own text", () => {
    expect(sourceWhyText(row)).toBe(row.why);
    expect(forecastFromText(fromRegistry)).toBe(fromRegistry.from);
  });

  it('names what answered on the Forecasts page, and why in Hindi from its codes', () => {
    useLang.setState({ lang: 'hi' });
    const beaten = [reasons[4], reasons[5]];
    expect(forecastFromText({ ...fromRegistry, reasons: beaten })).toBe(
      'बेसलाइन demand: demand@3 होल्डआउट पर अपनी बेसलाइन से बेहतर नहीं है: रजिस्ट्री की सरल बेसलाइन ' +
        '(destination के अनुसार tonnes का औसत) ने उत्तर दिया',
    );
    // The demand chart's model, and a host that sent no reasons, quoted in its English.
    expect(registryFromText({ from: 'demand@2: x', label: 'demand@2', reasons: beaten })).toMatch(
      /^demand@2: demand@3 /,
    );
    expect(registryFromText({ from: 'demand@2: x', label: 'demand@2' })).toBe('demand@2: x');
  });

  it('reads in Hindi from its codes, the baseline named by its gate cell and the runtime quoted', () => {
    useLang.setState({ lang: 'hi' });
    expect(sourceWhyText(row)).toBe(
      'demand@4 उत्तर नहीं दे सका: demand@4 लोड नहीं हो सका; demand@3 छोड़ा गया; ' +
        'demand@3 होल्डआउट पर अपनी बेसलाइन से बेहतर नहीं है; रजिस्ट्री की सरल बेसलाइन ' +
        '(destination के अनुसार tonnes का औसत) ने उत्तर दिया। रनटाइम के अपने शब्दों में: “protobuf parsing failed”',
    );
  });
});

describe("what the indent's demand came from", () => {
  afterEach(() => useLang.setState({ lang: 'en' }));
  const demoHistory = historyFromText(demoTable, 'en');
  const registryBase = {
    code: 'registry-baseline-used',
    params: {
      name: 'mean tonnes by destination',
      nameCell: 'baseline-mean-by',
      target: 'tonnes',
      column: 'destination',
    },
  } as const;
  const why =
    "demand@3 does not beat its baseline on the holdout: the registry's naive baseline (mean tonnes by destination) is used";
  const byBaseline: IndentResult['demandFrom'] = {
    code: 'forecast',
    source: `baseline demand (${why})`,
    label: 'baseline demand',
    reasons: [{ code: 'model-beaten', params: { model: 'demand', version: 3 } }, registryBase],
    railShare: { code: 'history', history: demoTable },
  };
  const noPlantHistory: IndentResult['demandFrom'] = {
    code: 'none',
    noModel: false,
    why: `the plant has no demand history (${demoHistory})`,
    reasons: [{ code: 'demand-no-plant-history', params: { history: demoHistory } }],
    history: demoTable,
  };
  const noneForScenario: IndentResult['demandFrom'] = {
    code: 'none',
    noModel: false,
    why: "no demand history for the scenario's destinations and products",
    reasons: [{ code: 'demand-none-for-scenario', params: {} }],
  };

  it("reads in English as the host's own text", () => {
    expect(demandSourceText(byBaseline)).toBe(
      `baseline demand (${why}); rail share per destination × product from ${demoHistory}`,
    );
    expect(demandSourceText(noPlantHistory)).toBe(
      `none: the plant has no demand history (${demoHistory}); open orders only`,
    );
  });

  it('reads in Hindi from its codes: why a model stood aside, the baseline used and the history read', () => {
    useLang.setState({ lang: 'hi' });
    const hiHistory = historyFromText(demoTable, 'hi');
    expect(demandSourceText(byBaseline)).toBe(
      'बेसलाइन demand (demand@3 होल्डआउट पर अपनी बेसलाइन से बेहतर नहीं है: रजिस्ट्री की सरल बेसलाइन ' +
        `(destination के अनुसार tonnes का औसत) उपयोग की जाती है); रेल हिस्सा प्रति गंतव्य × उत्पाद ${hiHistory} से`,
    );
    expect(demandSourceText(noPlantHistory)).toBe(
      `कोई नहीं: संयंत्र के पास माँग का कोई इतिहास नहीं है (${hiHistory}); केवल खुले ऑर्डर`,
    );
    expect(demandSourceText(noneForScenario)).toBe(
      'कोई नहीं: परिदृश्य के गंतव्यों और उत्पादों का कोई माँग इतिहास नहीं है; केवल खुले ऑर्डर',
    );
  });

  it("quotes a host's English where it sent no reasons", () => {
    useLang.setState({ lang: 'hi' });
    const { reasons: _, ...older } = byBaseline;
    expect(demandSourceText(older)).toMatch(/^baseline demand \(demand@3 does not beat its baseline/);
  });
});

describe("a figure's source label", () => {
  afterEach(() => useLang.setState({ lang: 'en' }));
  const labels = ['model transit-delay@3', 'baseline loading-rate', 'scenario', 'default'] as const;

  it("reads in English as the host's own text", () => {
    expect(labels.map((l) => sourceLabelText(l))).toEqual([...labels]);
  });

  it('reads in Hindi, the model names and versions kept as data; a label outside the grammar as it came', () => {
    useLang.setState({ lang: 'hi' });
    expect(labels.map((l) => sourceLabelText(l))).toEqual([
      'मॉडल transit-delay@3',
      'बेसलाइन loading-rate',
      'परिदृश्य का मान',
      'डिफ़ॉल्ट मान',
    ]);
    expect(sourceLabelText('rake-availability@2 (pinned)')).toBe('rake-availability@2 (pinned)');
    expect(inputFieldText('railTransitH')).not.toBe(inputFieldText('railTransitH', 'en'));
    // A registry answer with no why: its label alone, worded; one with English beside it stays quoted.
    expect(registryFromText({ from: 'model demand@3', label: 'model demand@3' })).toBe('मॉडल demand@3');
    expect(registryFromText({ from: 'model demand@3: x', label: 'model demand@3' })).toBe('model demand@3: x');
  });
});
