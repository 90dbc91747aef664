/**
 * Browser mode opened without the launch's key (or with a key of an earlier launch). The host
 * serves data only to pages that carry the key printed at start-up, so no other site's page can.
 */
export function OpenFromLink({ refused }: { refused: boolean }) {
  return (
    <div role="alert" data-testid="open-from-link" className="mx-auto mt-12 max-w-xl rounded-lg border border-amber-300 bg-amber-50 p-6 text-amber-900">
      <h1 className="text-lg font-semibold">Open RakePlan from the link it printed</h1>
      <p className="mt-2 text-sm">
        {refused
          ? 'This link carries the key of an earlier launch of RakePlan, so the running app refused it. '
          : 'This address has no key, so RakePlan does not connect. '}
        When RakePlan starts (<code>npm start</code> or <code>rakeplan serve</code>) it prints a link such as
        {' '}<code>http://127.0.0.1:41234/#token=…</code>: open that link in this browser. Your scenarios and plans are
        safe in the data folder; nothing was lost.
      </p>
    </div>
  );
}
