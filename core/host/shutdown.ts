import type { JobSlots } from './job-slots';

/** How long running work gets to record how it ended before the database closes under it [ms]. */
export const SETTLE_MS = 3000;

/**
 * Stop the desktop host cleanly when RakePlan quits: refuse new work, abort every call (closing
 * the connections aborts solves and imports, `slots.stop()` the trainings that outlive their
 * window), let the handlers record the jobs as cancelled, then release the workers and close
 * SQLite, which checkpoints its WAL. Main kills the process if this takes too long.
 */
export async function shutdownHost(
  host: { services: { slots: JobSlots }; close(): void },
  closeConnections: () => void,
  settleMs = SETTLE_MS,
): Promise<void> {
  const idle = host.services.slots.stop();
  closeConnections();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([idle, new Promise<void>((resolve) => (timer = setTimeout(resolve, settleMs)))]);
  clearTimeout(timer);
  host.close();
}
