import { describe, expect, it } from 'vitest';
import { ContractError, refusal, toErrorData } from '../../../core/contract/errors';
import { REASON_EN, reasonText, type ErrorReason } from '../../../core/contract/refusals';
import { VIOLATION_EN, at, violation } from '../../../core/domain/violations';
import { GATE_CHECK_EN, GATE_SUMMARY_EN } from '../../../core/contract/gate-text';
import { GATE_CELL_EN } from '../../../core/contract/gate-cells';
import { TRAIN_STEP_EN } from '../../../core/contract/train-steps';
import { hiGateCells } from '../i18n/hi-gate-cells';
import { hiGateChecks, hiGateSummaries, hiTrainSteps } from '../i18n/hi-gates';
import { hiReasons, hiViolations } from '../i18n/hi-violations';
import { reasonsText, refusalText, violationMessage, violationWhere } from './refusalText';

const early = violation(5, at.rake('R-2'), 'loading-before-placement', { hours: 3.5 });
const over = violation(2, at.road('SY-1', '2026-11-23', 'O-7'), 'order-over-shipped', { shipped: 1200, ordered: 1000 });
const cause: ErrorReason = { code: 'kept-rake-locked', params: { rake: 'R-2', orders: ['O-1', 'O-3'] } };
const reason: ErrorReason = { code: 'replan-no-candidate', params: { candidate: 'keep', more: 2 } };
/** A refused re-plan as the client receives it: the English message and its detail. */
const replanRefusal = ContractError.fromData(
  toErrorData(
    new ContractError(
      'INVALID_DATA',
      `${reasonText(reason)} rule 5 — ${early.where}: ${early.message}; rule 2 — ${over.where}: ${over.message} and 2 more. Likely cause, kept as it is by the re-plan: ${reasonText(cause)} — unlock it first`,
      undefined,
      { reason, violations: [early, over], causes: [cause] },
    ),
  ),
);

describe('refusals and violations in the interface language', () => {
  it('writes a refused re-plan in Hindi from its data, with no English sentence left in it', () => {
    const hi = refusalText(replanRefusal, 'hi');
    for (const english of [early.message, over.message, early.where, reasonText(cause), 'rule', 'Likely cause', 'more'])
      expect(hi).not.toContain(english);
    expect(hi).toBe(
      'कोई भी पुनर्योजित विकल्प जाँच में सफल नहीं; सबसे निकट (keep) तोड़ता है: ' +
        'नियम 5 — रेक R-2: लोडिंग रेक के प्लेस होने से 3.5 h पहले शुरू होती है; ' +
        'नियम 2 — सड़क SY-1 2026-11-23, ऑर्डर O-7: 1,200 t भेजे गए, ऑर्डर किए 1,000 t से अधिक; और 2 अन्य। ' +
        'संभावित कारण, जिसे पुनर्योजना वैसा ही रखती है: रेक R-2 लॉक है (यह O-1 और O-3 ले जाता है) — पहले इसका लॉक हटाएँ',
    );
    expect(refusalText(replanRefusal, 'en')).toBe(replanRefusal.message);
  });

  it('writes a refused issue and a violation of the edit verdict in Hindi; English stays the host’s text', () => {
    const issue = new ContractError('CONFLICT', "Plan 'P' breaks 1 rule check…", undefined, {
      reason: { code: 'issue-broken', params: { plan: 'P', n: 1, more: 0 } },
      violations: [early],
    });
    expect(refusalText(issue, 'hi')).toBe(
      "योजना 'P' 1 नियम जाँच तोड़ती है और जारी नहीं की जा सकती (नियम 5 — रेक R-2: लोडिंग रेक के प्लेस होने से 3.5 h पहले शुरू होती है): जाँच में सफल होने तक इसे बदलें, या पुनर्योजना करें।",
    );
    expect(refusalText(issue, 'en')).toBe("Plan 'P' breaks 1 rule check…");
    expect([violationWhere(over, 'hi'), violationMessage(over, 'hi')]).toEqual([
      'सड़क SY-1 2026-11-23, ऑर्डर O-7',
      '1,200 t भेजे गए, ऑर्डर किए 1,000 t से अधिक',
    ]);
    const before = violation(5, at.rake('R-4'), 'rake-before-now', { change: 'retimed', start: 'T1', now: 'T0' });
    expect(violationMessage(before, 'hi')).toBe('समय बदला, लोडिंग T1 से, अभी (T0) से पहले');
    expect(violationMessage(over, 'en')).toBe(over.message);
  });

  it('lists the ids a violation names in Hindi, each whole though it holds a comma', () => {
    const held = violation(5, [{ kind: 'loadingPoint', id: 'LP-1' }], 'siding-over-capacity', {
      n: 3,
      rakes: ['R-1, west', 'R-3', 'R-4'],
      max: 1,
    });
    expect(held.message).toBe('holds 3 rakes at once (R-1, west, R-3, R-4), limit 1');
    expect(violationMessage(held, 'hi')).toBe('एक साथ 3 रेक रखता है (R-1, west, R-3, और R-4), सीमा 1');
    const said = violation(0, at.rake('R-1'), 'says-destinations', { said: [], destinations: ['HWH', 'MAS'] });
    expect([said.message, violationMessage(said, 'hi')]).toEqual([
      'says destinations —, its lines go to HWH, MAS',
      'गंतव्य — कहता है, इसकी पंक्तियाँ HWH और MAS जाती हैं',
    ]);
  });

  it('shows the English text of a refusal or violation that carries no data', () => {
    expect(refusalText(new ContractError('INVALID_DATA', 'rake R-9 is not in the scenario'), 'hi')).toBe(
      'rake R-9 is not in the scenario',
    );
    expect(violationMessage({ message: 'as written', code: undefined!, params: undefined! }, 'hi')).toBe('as written');
  });

  it('writes a model that cannot load in Hindi, each reason in order, with no English sentence left', () => {
    const reasons: ErrorReason[] = [
      { code: 'evaluate-failed', params: {} },
      { code: 'model-load-failed', params: { model: 'transit-delay', version: 2 } },
      {
        code: 'model-file-damaged',
        params: { file: 'registry/blobs/ab/ab12.onnx', actual: '0f1e2d3c4b5a', expected: 'ab12cd34ef56' },
      },
      { code: 'keeps-serving', params: { model: 'transit-delay', version: 1 } },
    ];
    const english = reasons.map(reasonText);
    const e = ContractError.fromData(toErrorData(refusal('INVALID_DATA', reasons, english.join(': '))));
    const hi = refusalText(e, 'hi');
    expect(hi).toBe(
      'मूल्यांकन नहीं हो सका: transit-delay@2 लोड नहीं हो सका; ' +
        'मॉडल फ़ाइल registry/blobs/ab/ab12.onnx क्षतिग्रस्त है: इसकी सामग्री का हैश 0f1e2d3c4b5a… है, अपेक्षित ab12cd34ef56…; ' +
        'transit-delay@1 सेवा देता रहेगा।',
    );
    for (const words of ['Cannot evaluate', 'cannot load', 'is damaged', 'content hash', 'keeps serving', 'expected'])
      expect(hi).not.toContain(words);
    expect(refusalText(e, 'en')).toBe(e.message);
  });

  it('ends the Hindi sentence before a runtime’s own words, and quotes them as its own', () => {
    const onnx = 'Load model from m.onnx failed: Protobuf parsing failed.';
    const reasons: ErrorReason[] = [
      { code: 'model-load-failed', params: { model: 'transit-delay', version: 2 } },
      { code: 'error-text', params: { error: onnx } },
      { code: 'keeps-serving', params: { model: 'transit-delay', version: 1 } },
    ];
    const e = refusal('INVALID_DATA', reasons, `cannot load transit-delay@2: ${onnx}. transit-delay@1 keeps serving.`);
    expect(refusalText(e, 'hi')).toBe(
      `transit-delay@2 लोड नहीं हो सका: transit-delay@1 सेवा देता रहेगा। रनटाइम के अपने शब्दों में: “${onnx}”`,
    );
    const alone = refusal('INVALID_DATA', { code: 'error-text', params: { error: onnx } });
    expect(refusalText(alone, 'hi')).toBe(`रनटाइम के अपने शब्दों में: “${onnx}”`);
    expect(refusalText(e, 'en')).toBe(e.message);
  });

  it('words the core’s own terms in a model refusal, and a drift check that could not compare', () => {
    const full = refusal('LIMIT_EXCEEDED', { code: 'jobs-full-one', params: { job: 'training' } });
    expect(refusalText(full, 'hi')).toBe('1 प्रशिक्षण पहले से चल रहा है, एक साथ इतने ही चल सकते हैं; इसके पूरा होने पर इसे शुरू करें।');
    // A job and a history go by their codes, each worded as one or as many by the reason's count.
    const indents = refusal('LIMIT_EXCEEDED', { code: 'jobs-full', params: { n: 2, job: 'indent' } });
    expect(indents.message).toMatch(/^2 rake indents \(shown or exported\) are running already/);
    expect(refusalText(indents, 'hi')).toMatch(/^2 रेक इंडेंट \(दिखाए या निर्यात किए गए\) पहले से चल रहे हैं/);
    const imports = refusal('LIMIT_EXCEEDED', { code: 'jobs-full-one', params: { job: 'import' } });
    expect(refusalText(imports, 'hi')).toMatch(/^1 बड़ी फ़ाइल का आयात पहले से चल रहा है/);
    const gates = refusal('CONFLICT', [
      { code: 'gates-failed', params: { model: 'm', version: 2, n: 1 } },
      { code: 'gate-failed', params: { gate: 'data-quality', summary: '1 check(s) failed: rows' } },
      { code: 'promote-override', params: {} },
    ]);
    expect(refusalText(gates, 'hi')).toBe(
      'm@2 1 गेट में विफल रहा: गेट डेटा गुणवत्ता (1 check(s) failed: rows); आगे बढ़ने के लिए ओवरराइड और कारण के साथ प्रोडक्शन में भेजें।',
    );
    const few: ErrorReason = {
      code: 'drift-few-history',
      params: { n: 3, noun: 'demand', after: '2026-01-01', min: 50, model: 'm@1' },
    };
    expect(reasonText(few)).toBe(
      '3 daily demand records recorded after 2026-01-01; at least 50 are needed to compare with what m@1 learned from.',
    );
    expect(reasonsText({ message: reasonText(few), reasons: [few] }, 'hi')).toBe(
      '2026-01-01 के बाद 3 दैनिक माँग रिकॉर्ड दर्ज हुए; m@1 ने जो सीखा उससे तुलना के लिए कम से कम 50 चाहिए।',
    );
    expect(reasonsText({ message: 'No drift across 4 features (12 samples).' }, 'hi')).toBe(
      'No drift across 4 features (12 samples).',
    );
  });

  it('has Hindi for every violation, reason, gate text, gate cell and training step, with the English text’s placeholders', () => {
    const ph = (s: string) => [...s.matchAll(/\{(\w+)[|}]/g)].map((m) => m[1]).sort();
    for (const [table, en] of [
      [hiViolations, VIOLATION_EN],
      [hiReasons, REASON_EN],
      [hiGateSummaries, GATE_SUMMARY_EN],
      [hiGateChecks, GATE_CHECK_EN],
      [hiGateCells, GATE_CELL_EN],
      [hiTrainSteps, TRAIN_STEP_EN],
    ] as Array<[Record<string, string>, Record<string, string>]>) {
      expect(Object.keys(table).sort()).toEqual(Object.keys(en).sort());
      for (const [k, v] of Object.entries(table)) {
        // Words are in Hindi; a cell of figures and signs only (≥ {min}, {low} … {high}) stays as it is.
        if (/[a-z]{2,}/i.test(en[k]!.replace(/\{[^}]*\}/g, ''))) expect(v, k).toMatch(/[\u0900-\u097F]/);
        expect(ph(v), k).toEqual(ph(en[k]!));
      }
    }
  });
});
