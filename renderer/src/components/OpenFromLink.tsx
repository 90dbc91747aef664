import { t } from '../i18n';

/**
 * Browser mode opened without the launch's key (or with a key of an earlier launch). The host
 * serves data only to pages that carry the key printed at start-up, so no other site's page can.
 */
export function OpenFromLink({ refused }: { refused: boolean }) {
  return (
    <div
      role="alert"
      data-testid="open-from-link"
      className="mx-auto mt-12 max-w-xl rounded-lg border border-amber-300 bg-amber-50 p-6 text-amber-900"
    >
      <h1 className="text-lg font-semibold">{t('link.title')}</h1>
      <p className="mt-2 text-sm">
        {refused ? t('link.refused') : t('link.noKey')}{' '}
        {t('link.how', { start: 'npm start', serve: 'rakeplan serve', example: 'http://127.0.0.1:41234/#token=…' })}
      </p>
    </div>
  );
}
