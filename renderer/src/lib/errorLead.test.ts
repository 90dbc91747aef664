import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../core/contract/errors';
import { useLang } from '../i18n';
import { errorLead } from './errorLead';

afterEach(() => useLang.setState({ lang: 'en' }));

describe('the lead-in of an error banner', () => {
  it('names the kind of refusal in the interface language, for every code of the contract', () => {
    expect(errorLead({ code: 'BAD_PAYLOAD', message: 'x' })).toBe('A value sent is not valid.');
    useLang.setState({ lang: 'hi' });
    expect(errorLead({ code: 'BAD_PAYLOAD' })).toBe('भेजा गया कोई मान मान्य नहीं है।');
    for (const code of ERROR_CODES) expect(errorLead({ code }), code).not.toMatch(/[A-Za-z]/);
  });

  it('says nothing for an error without a contract code', () => {
    expect(errorLead(new Error('boom'))).toBeNull();
    expect(errorLead({ code: 'EPIPE' })).toBeNull();
    expect(errorLead(null)).toBeNull();
  });
});
