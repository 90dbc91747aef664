import { useState } from 'react';

/**
 * A panel's buttons: `run` marks it busy while an action runs and keeps the action's error for an
 * ErrorBanner (cleared when the next action starts).
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
