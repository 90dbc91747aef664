import { ERROR_CODES, type ErrorCode } from '../../../core/contract/errors';
import { t } from '../i18n';

/**
 * What kind of refusal an error is, in the interface language ("A value sent is not valid."),
 * read from its contract code; null for an error without one (a plain exception). The host's own
 * sentence, which names the row, field or file, follows it on screen.
 */
export function errorLead(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code)
    ? t(`error.${code as ErrorCode}`)
    : null;
}
