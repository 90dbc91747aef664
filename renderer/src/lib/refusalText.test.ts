import { describe, expect, it } from 'vitest';
import { ContractError, toErrorData } from '../../../core/contract/errors';
import { REASON_EN, reasonText, type ErrorReason } from '../../../core/contract/refusals';
import { VIOLATION_EN, at, violation } from '../../../core/domain/violations';
import { hiReasons, hiViolations } from '../i18n/hi-violations';
import { refusalText, violationMessage, violationWhere } from './refusalText';

const early = violation(5, at.rake('R-2'), 'loading-before-placement', { hours: 3.5 });
const over = violation(2, at.road('SY-1', '2026-11-23', 'O-7'), 'order-over-shipped', { shipped: 1200, ordered: 1000 });
const cause: ErrorReason = { code: 'kept-rake-locked', params: { rake: 'R-2', orders: 'O-1, O-3' } };
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
        'संभावित कारण, जिसे पुनर्योजना वैसा ही रखती है: रेक R-2 लॉक है (यह O-1, O-3 ले जाता है) — पहले इसका लॉक हटाएँ',
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

  it('shows the English text of a refusal or violation that carries no data', () => {
    expect(refusalText(new ContractError('INVALID_DATA', 'rake R-9 is not in the scenario'), 'hi')).toBe(
      'rake R-9 is not in the scenario',
    );
    expect(violationMessage({ message: 'as written', code: undefined!, params: undefined! }, 'hi')).toBe('as written');
  });

  it('has Hindi for every violation and reason, with the English text’s placeholders', () => {
    const ph = (s: string) => [...s.matchAll(/\{(\w+)[|}]/g)].map((m) => m[1]).sort();
    for (const [table, en] of [
      [hiViolations, VIOLATION_EN],
      [hiReasons, REASON_EN],
    ] as Array<[Record<string, string>, Record<string, string>]>) {
      expect(Object.keys(table).sort()).toEqual(Object.keys(en).sort());
      for (const [k, v] of Object.entries(table)) {
        expect(v, k).toMatch(/[\u0900-\u097F]/);
        expect(ph(v), k).toEqual(ph(en[k]!));
      }
    }
  });
});
